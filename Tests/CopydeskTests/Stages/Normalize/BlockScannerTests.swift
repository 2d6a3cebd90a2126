import Testing

@testable import Copydesk

@Suite("block scanner")
struct BlockScannerTests {
    /// Bytes that each rule looks at, plus plain letters and a non-ASCII lead byte.
    private static let alphabet: [UInt8] = Array(" .!?\")aZqM\t\u{7F}x,".utf8) + [0x01, 0xC3, 0xA9]

    @Test func eightBytesAtATimeClassifyAsOneByteAtATime() {
        var random = SplitMix64(seed: 21)
        let settings = [(true, true, true), (false, true, true), (true, false, true), (true, true, false), (false, false, false)]
        for (strip, collapse, repair) in settings {
            let scanner = BlockScanner(stripControl: strip, collapseWhitespace: collapse, repairGluedSentences: repair)
            for _ in 0..<4_000 {
                let length = Int(random.next() % 40)
                // Mostly plain words, so the rare bytes land at every position of a word.
                let bytes: [UInt8] = (0..<length).map { _ in
                    random.next() % 4 == 0 ? Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] : UInt8(ascii: "e")
                }
                bytes.withUnsafeBufferPointer { buffer in
                    var expected = scanner.scanOneByteAtATime(buffer, from: 0, previous: 0x20)
                    if expected == .clean && collapse && bytes.last == 0x20 { expected = .needsASCIIWork }
                    #expect(scanner.scan(buffer) == expected, "\(bytes)")
                }
            }
        }
    }

    @Test func findsEachCaseAnywhereInALongBlock() {
        let scanner = BlockScanner(stripControl: true, collapseWhitespace: true, repairGluedSentences: true)
        let plain = "the port stayed shut on monday and the union said talks would go on"
        for (inserted, result) in [
            ("  ", BlockScanner.Result.needsASCIIWork), ("said.The", .needsASCIIWork), ("\u{1}", .needsASCIIWork), ("é", .nonASCII),
        ] {
            for offset in [0, 7, 8, 15, 30] {
                var text = plain
                text.insert(contentsOf: inserted, at: text.index(text.startIndex, offsetBy: offset))
                var bytes = Array(text.utf8)
                #expect(bytes.withUnsafeBufferPointer { scanner.scan($0) } == result, "\(text)")
                bytes = Array(plain.utf8)
                #expect(bytes.withUnsafeBufferPointer { scanner.scan($0) } == .clean)
            }
        }
    }
}
