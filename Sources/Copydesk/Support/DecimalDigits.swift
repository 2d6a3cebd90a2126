/// Whole numbers written in decimal straight into a byte buffer, as `String(value)` spells them,
/// without making a `String` for each.
enum DecimalDigits {
    /// Appends the decimal digits of `value`, with a leading `-` when it is negative.
    static func append(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var remaining = value.magnitude
        var power: UInt = 1
        // Stop before the power would pass the number: 10^19 still fits in a UInt.
        while remaining / power >= 10 { power *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(remaining / power))
            remaining %= power
            power /= 10
        } while power != 0
    }
}
