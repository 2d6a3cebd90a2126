/// Sorting by a 64-bit key digit by digit, least significant first (an LSD radix sort): a fixed
/// number of passes over the values whatever their order, where a comparison sort of the
/// millions of key entries a history commit writes, or of a band file's entries in the dedupe
/// stage, compares each about twenty times. The sort is stable, so values with equal keys keep
/// their order. It needs a second buffer as large as the values.
extension Array where Element: BitwiseCopyable {
    /// Sorts the values stably in ascending order of `key`, `digitBits` bits a pass (8 or 16:
    /// 16 halves the passes, 8 keeps the counts within the first-level cache).
    mutating func radixSort(digitBits: Int = 8, by key: (Element) -> UInt64) {
        precondition(digitBits == 8 || digitBits == 16, "digits of 8 or 16 bits")
        guard count > 1 else { return }
        var target = self
        let mask = UInt64(1) << UInt64(digitBits) - 1
        var counts = [Int](repeating: 0, count: 1 << digitBits)
        for shift in stride(from: UInt64(0), to: 64, by: digitBits) {
            for index in counts.indices { counts[index] = 0 }
            for value in self { counts[Int(truncatingIfNeeded: key(value) >> shift & mask)] += 1 }
            var start = 0
            for digit in counts.indices {
                let digitCount = counts[digit]
                counts[digit] = start
                start += digitCount
            }
            for value in self {
                let digit = Int(truncatingIfNeeded: key(value) >> shift & mask)
                target[counts[digit]] = value
                counts[digit] += 1
            }
            swap(&self, &target)
        }
    }
}

extension Array where Element == UInt64 {
    /// Sorts the values in ascending order, 16 bits a pass.
    mutating func radixSort() {
        radixSort(digitBits: 16) { $0 }
    }
}
