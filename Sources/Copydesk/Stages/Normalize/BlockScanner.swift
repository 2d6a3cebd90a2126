/// The read-only first pass of ``TextNormalizer`` over a block's UTF-8 bytes: is the block
/// non-ASCII (it then takes the full path), ASCII needing work (control characters, doubled or
/// edge spaces, a glued-sentence candidate), or clean (returned as it came)?
///
/// Eight bytes are tested at a time: once a word is known to be ASCII, each byte class
/// (space, capital, small letter, `.!?`, control) is a mask of the bytes' high bits computed
/// with a few integer operations, and a pair rule (a space after a space, a capital after a
/// small letter) is a class mask ANDed with another shifted by one byte. The bytes after the
/// last whole word go through ``scanOneByteAtATime(_:from:previous:)``, the same rules a byte at
/// a time, which the tests check the word-at-a-time pass against.
struct BlockScanner: Sendable {
    /// What the pass found.
    enum Result: Equatable { case clean, needsASCIIWork, nonASCII }

    /// Whether control characters are stripped.
    let stripControl: Bool
    /// Whether whitespace runs are collapsed and edges trimmed.
    let collapseWhitespace: Bool
    /// Whether glued sentences are repaired.
    let repairGluedSentences: Bool

    /// Classifies `bytes`.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        var needsWork = collapseWhitespace && bytes.last == 0x20
        var previous: UInt8 = 0x20
        let wordCount = bytes.count / 8
        let raw = UnsafeRawBufferPointer(bytes)
        for word in 0..<wordCount {
            let value = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self))
            if value & Self.highBits != 0 { return .nonASCII }
            if !needsWork { needsWork = wordNeedsWork(value, previous: previous) }
            previous = UInt8(truncatingIfNeeded: value >> 56)
        }
        let tail = scanOneByteAtATime(bytes, from: wordCount * 8, previous: previous)
        if tail == .nonASCII { return .nonASCII }
        return needsWork || tail == .needsASCIIWork ? .needsASCIIWork : .clean
    }

    /// The same classification one byte at a time, from `start`, `previous` being the byte
    /// before it (a space at the block's start); the block's trailing space is not checked here.
    func scanOneByteAtATime(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, previous: UInt8) -> Result {
        var needsWork = false
        var previous = previous
        for index in start..<bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 { return .nonASCII }
            if byte < 0x20 || byte == 0x7F {
                if stripControl || collapseWhitespace { needsWork = true }
            } else if byte == 0x20 {
                if previous == 0x20 && collapseWhitespace { needsWork = true }
            } else if repairGluedSentences && GluedSentenceRepairer.isCandidate(previous: previous, next: byte) {
                needsWork = true
            }
            previous = byte
        }
        return needsWork ? .needsASCIIWork : .clean
    }

    /// Whether an all-ASCII word of eight bytes (the first in its low byte) needs work.
    private func wordNeedsWork(_ value: UInt64, previous: UInt8) -> Bool {
        let space = Self.equal(value, 0x20)
        let control = ~Self.atLeast(value, 0x20) & Self.highBits | Self.equal(value, 0x7F)
        let capital = Self.inRange(value, 0x41, 0x5A)
        let small = Self.inRange(value, 0x61, 0x7A)
        let stop = Self.equal(value, 0x2E) | Self.equal(value, 0x21) | Self.equal(value, 0x3F)
        let quoteOrParenthesis = Self.equal(value, 0x22) | Self.equal(value, 0x29)
        // Each class shifted one byte up, the byte before the word filling the first place.
        let previousIsSpace = space << 8 | (previous == 0x20 ? 0x80 : 0)
        let previousIsStop = stop << 8 | (previous == 0x2E || previous == 0x21 || previous == 0x3F ? 0x80 : 0)
        let previousIsSmall = small << 8 | (previous >= 0x61 && previous <= 0x7A ? 0x80 : 0)
        var work: UInt64 = 0
        if stripControl || collapseWhitespace { work |= control }
        if collapseWhitespace { work |= space & previousIsSpace }
        if repairGluedSentences {
            // Control bytes and spaces are never candidates, as in the byte-at-a-time rules.
            work |= capital & (previousIsSmall | previousIsStop) | quoteOrParenthesis & previousIsStop
        }
        return work != 0
    }

    private static let lowBits: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of every byte of an all-ASCII word that is at least `bound` (at most 0x80):
    /// setting each byte's high bit first keeps every byte's subtraction from borrowing.
    private static func atLeast(_ value: UInt64, _ bound: UInt8) -> UInt64 {
        ((value | highBits) &- lowBits &* UInt64(bound)) & highBits
    }

    /// The high bit of every byte of an all-ASCII word within `lower...upper`.
    private static func inRange(_ value: UInt64, _ lower: UInt8, _ upper: UInt8) -> UInt64 {
        atLeast(value, lower) & ~atLeast(value, upper + 1)
    }

    /// The high bit of every byte of an all-ASCII word equal to `byte`.
    private static func equal(_ value: UInt64, _ byte: UInt8) -> UInt64 {
        inRange(value, byte, byte)
    }
}
