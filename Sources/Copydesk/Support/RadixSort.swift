/// Sorting of 64-bit unsigned integers digit by digit, least significant first (an LSD radix
/// sort, 16 bits a pass): four passes over the values whatever their order, where a comparison
/// sort of the millions of key entries a history commit writes compares each about twenty
/// times. It needs a second buffer as large as the values; after the four passes the values are
/// back in their own.
extension Array where Element == UInt64 {
    /// Sorts the values in ascending order.
    mutating func radixSort() {
        guard count > 1 else { return }
        var target = [UInt64](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for shift in stride(from: 0, to: 64, by: 16) {
            for index in counts.indices { counts[index] = 0 }
            for value in self { counts[Int(truncatingIfNeeded: value >> UInt64(shift)) & 0xFFFF] += 1 }
            var start = 0
            for digit in counts.indices {
                let digitCount = counts[digit]
                counts[digit] = start
                start += digitCount
            }
            for value in self {
                let digit = Int(truncatingIfNeeded: value >> UInt64(shift)) & 0xFFFF
                target[counts[digit]] = value
                counts[digit] += 1
            }
            swap(&self, &target)
        }
    }
}
