import Testing

@testable import Copydesk

@Suite("scalar offsets")
struct ScalarOffsetsTests {
    /// Texts of every length around the eight-byte step, mixing one- to four-byte scalars at
    /// every alignment.
    static let texts: [String] = {
        let pieces = ["a", "é", "—", "😀", " ", "ß", "中", "\u{0301}"]
        var texts = ["", "plain ASCII text of some length", "Zürich – São Paulo — 東京 😀"]
        var seeded = SeededPieces(seed: 7)
        for length in 0..<40 {
            texts.append((0..<length).map { _ in pieces[seeded.next(below: pieces.count)] }.joined())
        }
        return texts
    }()

    /// Mostly ASCII with a rare longer scalar, so whole ASCII words and the bytes around a
    /// longer scalar are both crossed.
    static let mostlyASCII: [String] = {
        let pieces = ["a", "b", " ", ".", "a", "e", "é", "😀"]
        var seeded = SeededPieces(seed: 9)
        return (0..<60).map { length in
            (0..<length).map { _ in seeded.next(below: 4) == 0 ? pieces[seeded.next(below: pieces.count)] : "x" }.joined()
        }
    }()

    @Test(arguments: texts)
    func theCountIsTheNumberOfScalars(_ text: String) {
        #expect(ScalarOffsets.count(text) == text.unicodeScalars.count)
        #expect(ScalarOffsets.count(text.dropFirst()) == text.dropFirst().unicodeScalars.count)
    }

    @Test(arguments: texts + mostlyASCII)
    func aCursorConvertsEveryOffsetBothWays(_ text: String) {
        let scalarStarts = text.unicodeScalars.indices.map { text.utf8.distance(from: text.startIndex, to: $0) }
        var bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for step in [1, 3, 9] {
                var forward = ScalarOffsets.Cursor(bytes: buffer)
                var backward = ScalarOffsets.Cursor(bytes: buffer)
                for scalar in stride(from: 0, to: scalarStarts.count, by: step) {
                    #expect(forward.byteOffset(ofScalar: scalar) == scalarStarts[scalar])
                    #expect(backward.scalarOffset(ofByte: scalarStarts[scalar]) == scalar)
                }
                #expect(forward.byteOffset(ofScalar: scalarStarts.count + 5) == buffer.count)
            }
        }
        bytes.removeAll()
    }

    @Test(arguments: mostlyASCII)
    func substringsAreCutAtScalarOffsets(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        let ranges = stride(from: 0, to: scalars.count, by: 5).map { $0..<min(scalars.count, $0 + 11) }
        let cut = ScalarOffsets.substrings(of: Substring(text), ranges: ranges)
        #expect(cut.map(String.init) == ranges.map { String(String.UnicodeScalarView(scalars[$0])) })
    }
}

/// A small deterministic generator of indices, so the texts are the same on every run.
private struct SeededPieces {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next index below `bound`.
    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
