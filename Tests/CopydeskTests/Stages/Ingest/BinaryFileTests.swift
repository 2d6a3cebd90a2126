import Foundation
import Testing

@testable import Copydesk

/// An archive or compressed file named like a text file (`story.txt` that is really a zip) is
/// read as the files it holds, found by its first bytes; any other binary file (an image, a
/// PDF, a database) is quarantined once, as one `binary_data` record for the whole file naming
/// what it looks like and showing its first bytes in hex, instead of one garbled record (or
/// article) per "line".
@Suite("binary files in a text drop")
struct BinaryFileTests {
    /// The article the archives hold, and the good article written beside them.
    static let article = """
         date 2024-07-02 World
        Storm closes mountain pass for second day
        Snowploughs cleared the road by evening.
        INNSBRUCK (Wire) - The Brenner road stayed closed to lorries for a second day on Tuesday after a late storm left half a metre of snow on the pass, the road authority said.
        Police turned back about 2,000 heavy vehicles at the border and asked drivers to wait in lay-bys near Kufstein.

        """

    /// A good JSON-lines record.
    static let record =
        #"{"title": "Storm closes mountain pass for second day", "text": "INNSBRUCK (Wire) - The Brenner road stayed closed to lorries for a second day on Tuesday after a late storm, the road authority said.\nPolice turned back about 2,000 heavy vehicles at the border."}"#
        + "\n"

    /// One kind of binary file: its bytes, what the quarantine message calls it, and how its
    /// hex dump starts.
    struct Binary: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let kind: String
        let hexPrefix: String
        var testDescription: String { name }
    }

    /// Little-endian bytes of `value`, `count` bytes long.
    static func littleEndian<T: FixedWidthInteger>(_ value: T, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// A gzip file of `text`.
    static func gzip(_ text: String) throws -> [UInt8] { try GzipMember.compress(Array(text.utf8)) }

    /// A one-entry zip archive holding `text` as `name`, deflated: local header, data, central
    /// directory and end record. The deflated data and CRC-32 are taken from a gzip member.
    static func zip(_ text: String, name: String) throws -> [UInt8] {
        let member = try gzip(text)
        let deflated = Array(member[10..<(member.count - 8)])
        let crc = Array(member[(member.count - 8)..<(member.count - 4)])
        let size = Array(text.utf8).count
        let fileName = Array(name.utf8)
        let common =
            littleEndian(UInt16(20), 2) + littleEndian(UInt16(0), 2) + littleEndian(UInt16(8), 2)
            + littleEndian(UInt32(0x58E1_0000), 4) + crc + littleEndian(UInt32(deflated.count), 4) + littleEndian(UInt32(size), 4)
            + littleEndian(UInt16(fileName.count), 2) + littleEndian(UInt16(0), 2)
        let local = [0x50, 0x4B, 0x03, 0x04] + common + fileName + deflated
        let central =
            [0x50, 0x4B, 0x01, 0x02] + littleEndian(UInt16(0x031E), 2) + common
            + littleEndian(UInt16(0), 2) + littleEndian(UInt16(0), 2) + littleEndian(UInt16(0), 2)
            + littleEndian(UInt32(0o100644 << 16), 4) + littleEndian(UInt32(0), 4) + fileName
        let end =
            [0x50, 0x4B, 0x05, 0x06] + littleEndian(UInt16(0), 2) + littleEndian(UInt16(0), 2)
            + littleEndian(UInt16(1), 2) + littleEndian(UInt16(1), 2) + littleEndian(UInt32(central.count), 4)
            + littleEndian(UInt32(local.count), 4) + littleEndian(UInt16(0), 2)
        return local + central + end
    }

    /// A POSIX tar archive holding `text` as `name`: a 512-byte ustar header, the data padded
    /// to a block, and two empty blocks.
    static func tar(_ text: String, name: String) -> [UInt8] {
        let data = Array(text.utf8)
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ string: String, at offset: Int) { header.replaceSubrange(offset..<(offset + string.utf8.count), with: Array(string.utf8)) }
        put(name, at: 0)
        put("0000644", at: 100)
        put("0001750", at: 108)
        put("0001750", at: 116)
        put(String(repeating: "0", count: 11 - String(data.count, radix: 8).count) + String(data.count, radix: 8), at: 124)
        put("14633621460", at: 136)
        put("0", at: 156)
        put("ustar", at: 257)
        put("00", at: 263)
        put("desk", at: 265)
        put("desk", at: 297)
        put("        ", at: 148)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(String(repeating: "0", count: 6 - String(sum, radix: 8).count) + String(sum, radix: 8), at: 148)
        header[154] = 0
        let padding = (512 - data.count % 512) % 512
        return header + data + [UInt8](repeating: 0, count: padding + 1_024)
    }

    /// A zip, a gzip and a tar of the article, each as it would be mistaken for a text file.
    static func archives() throws -> [Binary] {
        [
            Binary(name: "zip", bytes: try zip(article, name: "story.txt"), kind: "a zip archive", hexPrefix: "50 4b 03 04 14 00"),
            Binary(name: "gzip", bytes: try gzip(article), kind: "a gzip-compressed file", hexPrefix: "1f 8b 08"),
            Binary(name: "tar", bytes: tar(article, name: "story.txt"), kind: "a tar archive", hexPrefix: "73 74 6f 72 79 2e 74 78 74 00"),
        ]
    }

    /// A PNG image, a PDF document and an SQLite database, each as it would be mistaken for a
    /// text file.
    static func binaries() -> [Binary] {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0x41, count: 120)
        let pdf = Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8) + [UInt8](repeating: 0x20, count: 100)
        let sqlite = Array("SQLite format 3".utf8) + [0x00] + [UInt8](repeating: 0x01, count: 112)
        return [
            Binary(name: "png", bytes: png, kind: "a PNG image", hexPrefix: "89 50 4e 47"),
            Binary(name: "pdf", bytes: pdf, kind: "a PDF document", hexPrefix: "25 50 44 46 2d"),
            Binary(name: "sqlite", bytes: sqlite, kind: "an SQLite database", hexPrefix: "53 51 4c 69 74 65"),
        ]
    }

    /// A new folder holding the good article (`000_good.txt`) and `files` (name → bytes).
    static func drop(_ files: [String: [UInt8]], good: (name: String, text: String) = ("000_good.txt", article)) throws -> URL {
        let folder = try TestPaths.temporaryDirectory().appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try good.text.write(to: folder.appendingPathComponent(good.name), atomically: true, encoding: .utf8)
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    /// Checks `records` is exactly one `binary_data` record for the file `name`, for the whole file.
    static func expectOneRecord(_ records: [QuarantineRecord], for name: String, _ binary: Binary, stage: String) {
        let mine = records.filter { ($0.path as NSString).lastPathComponent == name }
        #expect(mine.count == 1, "\(mine)")
        guard let record = mine.first else { return }
        #expect(record.line == 0)
        #expect(record.stage == stage)
        #expect(record.reason == "binary_data")
        #expect(record.message == "not a text file: \(binary.kind); the whole file is skipped")
        #expect(record.raw.hasPrefix("first 64 bytes (hex): \(binary.hexPrefix)"), "\(record.raw)")
        #expect(record.raw.split(separator: " ").count == 4 + 64, "64 bytes shown")
    }

    @Test(arguments: try archives())
    func anArchiveNamedTxtIsReadAsTheFileItHolds(_ archive: Binary) async throws {
        let folder = try Self.drop(["001_\(archive.name).txt": archive.bytes])
        let source = TextDropSource(options: .with { $0.path = folder.path }, context: StageContext())
        let (articles, rejected) = try await collect(source)
        #expect(rejected.isEmpty, "\(rejected)")
        #expect(articles.map(\.title) == ["Storm closes mountain pass for second day", "Storm closes mountain pass for second day"])
        let member = try #require(articles.last)
        #expect((member.source.path as NSString).lastPathComponent == "001_\(archive.name).txt")
        #expect(member.source.member == (archive.name == "gzip" ? "001_gzip.txt" : "story.txt"))
        #expect(member.id != articles.first?.id)
    }

    @Test(arguments: binaries())
    func aBinaryNamedTxtIsQuarantinedOnceBesideTheGoodArticle(_ binary: Binary) async throws {
        let folder = try Self.drop(["001_\(binary.name).txt": binary.bytes])
        let source = TextDropSource(options: .with { $0.path = folder.path }, context: StageContext())
        let (articles, rejected) = try await collect(source)
        #expect(articles.map(\.title) == ["Storm closes mountain pass for second day"])
        #expect(articles.first.map { ($0.source.path as NSString).lastPathComponent } == "000_good.txt")
        #expect(rejected.count == 1)
        Self.expectOneRecord(rejected, for: "001_\(binary.name).txt", binary, stage: "textdrop")
    }

    @Test func aZipNamedJsonlIsReadAsTheJSONLinesItHolds() async throws {
        let records = try Self.zip(Self.record, name: "export.jsonl")
        let textDrop = try #require(try Self.archives().first { $0.name == "zip" })
        let folder = try Self.drop(["x.jsonl": records, "y.jsonl": textDrop.bytes], good: ("000_good.jsonl", Self.record))
        let source = JSONLSource(options: .with { $0.path = folder.path }, context: StageContext())
        let (articles, rejected) = try await collect(source)
        #expect(articles.map(\.source.member) == [nil, "export.jsonl"], "the text drop inside y.jsonl does not end in .jsonl: not read")
        #expect(rejected.isEmpty)
    }

    /// Runs a small pipeline (`source` over `folder`, normalize, JSON lines) with the CLI;
    /// returns the quarantine file's lines, each decoded as JSON from its raw bytes, and the OUT folder.
    static func runPipeline(source: String, folder: URL) throws -> (records: [[String: Any]], out: String) {
        let out = folder.deletingLastPathComponent().appendingPathComponent("out").path
        let pipeline = folder.deletingLastPathComponent().appendingPathComponent("binary.yaml")
        try """
        name: binary
        quarantine: \(out)/quarantine.jsonl
        stages:
          - {type: \(source), path: "\(folder.path)"}
          - {type: normalize}
          - {type: jsonl, path: "\(out)/articles.jsonl"}

        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.crashed)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("quarantine.jsonl"))
        let lines = bytes.split(separator: 0x0A)
        let records = try lines.map { line -> [String: Any] in
            #expect(String(validating: Array(line), as: UTF8.self) != nil, "a quarantine line is not UTF-8")
            return try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        }
        return (records, out)
    }

    @Test(.enabled(if: CLIRunner.isAvailable))
    func theQuarantineFileHoldsOneValidJSONLinePerBinaryFile() throws {
        let binaries = Self.binaries()
        let folder = try Self.drop(Dictionary(uniqueKeysWithValues: binaries.map { ("001_\($0.name).txt", $0.bytes) }))
        let (records, out) = try Self.runPipeline(source: "textdrop", folder: folder)
        #expect(records.count == binaries.count)
        for binary in binaries {
            let mine = records.filter { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } == "001_\(binary.name).txt" }
            #expect(mine.count == 1, "\(binary.name): \(mine)")
            #expect(mine.first?["line"] as? Int == 0)
            #expect(mine.first?["reason"] as? String == "binary_data")
            #expect((mine.first?["message"] as? String)?.contains(binary.kind) == true)
            #expect((mine.first?["raw"] as? String)?.hasPrefix("first 64 bytes (hex): \(binary.hexPrefix)") == true)
        }
        #expect(try writtenArticles(in: out).map(\.title) == ["Storm closes mountain pass for second day"])
    }

    @Test(.enabled(if: CLIRunner.isAvailable))
    func theJSONLinesSourceQuarantinesAnImageInOneValidJSONLine() throws {
        let png = try #require(Self.binaries().first { $0.name == "png" })
        let folder = try Self.drop(["x.jsonl": png.bytes], good: ("000_good.jsonl", Self.record))
        let (records, out) = try Self.runPipeline(source: "jsonl", folder: folder)
        #expect(records.count == 1)
        #expect(records.first?["line"] as? Int == 0)
        #expect(records.first?["reason"] as? String == "binary_data")
        #expect(records.first?["message"] as? String == "not a text file: a PNG image; the whole file is skipped")
        #expect((records.first?["raw"] as? String)?.hasPrefix("first 64 bytes (hex): 89 50 4e 47") == true)
        #expect(try writtenArticles(in: out).map(\.title) == ["Storm closes mountain pass for second day"])
    }
}
