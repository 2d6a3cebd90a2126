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

    @Test(arguments: texts)
    func theCountIsTheNumberOfScalars(_ text: String) {
        #expect(ScalarOffsets.count(text) == text.unicodeScalars.count)
        #expect(ScalarOffsets.count(text.dropFirst()) == text.dropFirst().unicodeScalars.count)
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
