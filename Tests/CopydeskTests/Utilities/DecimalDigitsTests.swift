import Testing

@testable import Copydesk

@Suite("decimal digits")
struct DecimalDigitsTests {
    @Test func digitsAreWhatStringSpells() {
        var random = SplitMix64(seed: 11)
        let values: [Int] =
            [0, 1, -1, 9, 10, -10, 99, 100, 1_000_000, .max, .min, .max - 1, .min + 1]
            + (0..<2_000).map { _ in Int(truncatingIfNeeded: random.next()) }
            + (0..<19).map { exponent in (0..<exponent).reduce(1) { product, _ in product * 10 } }
        for value in values {
            var bytes: [UInt8] = [UInt8(ascii: "x")]
            DecimalDigits.append(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x" + String(value))
        }
    }
}
