import BenchSupport
import Foundation
import GRDB
import Testing

@testable import Copydesk

@Suite("archives and compressed files")
struct ArchiveInputTests {
    static let samples = TestPaths.repository.appendingPathComponent("samples").path

    /// The text-drop samples as (name, bytes), in name order.
    static func sampleFiles() throws -> [(String, [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".txt") }.sorted().map {
            ("2024-02-08/\($0)", [UInt8](try Data(contentsOf: URL(fileURLWithPath: samples + "/" + $0))))
        }
    }

    func readTextDrop(_ path: String, configure: (inout TextDropSource.Options) -> Void = { _ in }) async throws -> (
        articles: [Article], rejected: [QuarantineRecord]
    ) {
        var options = TextDropSource.Options.with { $0.path = path }
        configure(&options)
        return try await collect(TextDropSource(options: options, context: StageContext()))
    }

    @Test(arguments: [TestArchive.Layout.zip, .tar, .tarGzip, .tarXz, .tarZstd, .tarBzip2, .sevenZip])
    func anArchiveIsReadAsTheFilesItHolds(_ layout: TestArchive.Layout) async throws {
        let plain = try await readTextDrop(Self.samples)
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("drop.archive").path
        try TestArchive.write(Self.sampleFiles() + [("2024-02-08/notes.md", Array("not read".utf8))], as: layout, to: path)
        let (articles, rejected) = try await readTextDrop(path)
        #expect(rejected.isEmpty)
        #expect(articles.map(\.text) == plain.articles.map(\.text))
        #expect(articles.map(\.title) == plain.articles.map(\.title))
        #expect(articles.allSatisfy { $0.source.path == path && $0.source.member?.hasPrefix("2024-02-08/") == true })
        #expect(articles.first?.source.member == "2024-02-08/001_rotterdam_port_strike.txt")
        #expect(Set(articles.map(\.id)).count == articles.count)
        #expect(Set(articles.map(\.id)).isDisjoint(with: plain.articles.map(\.id)), "a member's id differs from the loose file's")
    }

    @Test func aGzipFileIsReadAsTheFileItHolds() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let original = try Self.sampleFiles()[1]
        try TestArchive.write([original], as: .gzip, to: directory.appendingPathComponent("002.txt.gz").path)
        let (articles, rejected) = try await readTextDrop(directory.path)
        #expect(rejected.isEmpty)
        #expect(articles.count == 1)
        #expect(articles.first?.source.member == "002.txt")
        #expect(articles.first?.title == "Fed holds rates steady, still sees three cuts this year")
    }

    @Test func copydeskReadsBackItsOwnGzipOutput() async throws {
        let out = try TestPaths.temporaryDirectory()
        let plain = try await readTextDrop(Self.samples).articles
        for (name, gzip) in [("plain.jsonl", false), ("packed.jsonl.gz", true)] {
            let sink = try JSONLSink(
                options: .with {
                    $0.path = out.appendingPathComponent(name).path
                    $0.gzip = gzip
                }, context: StageContext())
            try await sink.write(plain)
            try await sink.commit()
        }
        func read(_ name: String) async throws -> [Article] {
            try await collect(JSONLSource(options: .with { $0.path = out.appendingPathComponent(name).path }, context: StageContext())).articles
        }
        let fromPlain = try await read("plain.jsonl")
        let fromGzip = try await read("packed.jsonl.gz")
        #expect(fromGzip.count == plain.count)
        #expect(fromGzip.map(\.text) == fromPlain.map(\.text))
        #expect(fromGzip.map(\.source.recordID) == fromPlain.map(\.source.recordID))
        #expect(fromGzip.allSatisfy { $0.source.member == "packed.jsonl" })
    }

    /// 300 text-drop files of about 6 KB each that compress poorly (each a sample with a
    /// paragraph of random words), so an archive of them spans many compression blocks.
    static func manyFiles() throws -> [(String, [UInt8])] {
        var random = SplitMix64(seed: 21)
        let samples = try sampleFiles()
        return (0..<300).map { index in
            let words = (0..<700).map { _ in String(random.next() % 1_000_000_007, radix: 36) }.joined(separator: " ")
            let sample = samples[index % samples.count].1
            return (String(format: "drop/%03d.txt", index), sample + Array("\n\nNoise paragraph \(words).\n".utf8))
        }
    }

    @Test func aTruncatedArchiveKeepsWhatWasReadWholeAndQuarantinesTheRest() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let files = try Self.manyFiles()
        for layout in [TestArchive.Layout.zip, .tarGzip] {
            let path = directory.appendingPathComponent("drop-\(layout).archive").path
            try TestArchive.write(files, as: layout, to: path)
            let whole = try Data(contentsOf: URL(fileURLWithPath: path))
            try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
            let (articles, rejected) = try await readTextDrop(path)
            let read = Array(Set(articles.compactMap(\.source.member))).sorted()
            #expect(read.count > 100, "\(layout): \(rejected.map(\.message))")
            #expect(read.count < 160, "\(layout)")
            #expect(read == Array(files.map(\.0).prefix(read.count)), "\(layout): every member before the cut, in archive order")
            #expect(rejected.map(\.reason) == ["bad_archive"], "\(layout)")
            #expect(rejected.first?.path == path && rejected.first?.message.isEmpty == false)
        }
    }

    @Test func aZipBombIsRefused() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("bomb.zip").path
        let header = Array(" date 2024-02-08 World\nTitle\nSummary\n".utf8)
        let huge = header + [UInt8](repeating: 0x61, count: 4 << 20)
        try TestArchive.write([("a.txt", huge), ("b.txt", try Self.sampleFiles()[0].1)], as: .zip, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count < 200_000)
        let (articles, rejected) = try await readTextDrop(path) { $0.archive.memberBytes = 1 << 20 }
        #expect(rejected.map(\.reason) == ["member_too_large"])
        #expect(rejected.first?.member == "a.txt")
        #expect(articles.map(\.source.member) == ["b.txt"], "the members after a refused one are read")
        let capped = try await readTextDrop(path) { $0.archive.archiveBytes = 1 << 20 }
        #expect(capped.rejected.map(\.reason) == ["archive_too_large"])
        #expect(capped.articles.isEmpty)
    }

    @Test func theDefaultPipelineReadsAZippedDropIntoEveryOutput() async throws {
        let drop = try TestPaths.temporaryDirectory()
        try TestArchive.write(try Self.sampleFiles(), as: .zip, to: drop.appendingPathComponent("drop.zip").path)
        let out = try TestPaths.temporaryDirectory()
        let definition = try PipelineLoader(environment: ["INPUT": drop.path, "OUT": out.path])
            .load(path: TestPaths.repository.appendingPathComponent("pipelines/default.yaml").path)
        let summary = try await PipelineRunner(definition: definition).run()
        #expect(summary.articlesWritten == 12 && summary.duplicates == 2)
        let written = try writtenArticles(in: out.path)
        #expect(written.allSatisfy { $0.source.member?.hasPrefix("2024-02-08/") == true })
        let database = try DatabaseQueue(path: out.appendingPathComponent("copydesk.sqlite").path)
        defer { try? database.close() }
        let members = try await database.read { try String.fetchAll($0, sql: "SELECT source_member FROM articles ORDER BY source_member") }
        #expect(members == written.compactMap(\.source.member).sorted())
    }

    @Test func htmlPagesInAZipAreExtracted() async throws {
        let pages = TestPaths.repository.appendingPathComponent("samples/html").path
        let names = try FileManager.default.contentsOfDirectory(atPath: pages).sorted()
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("pages.zip").path
        try TestArchive.write(try names.map { ($0, [UInt8](try Data(contentsOf: URL(fileURLWithPath: pages + "/" + $0)))) }, as: .zip, to: path)
        let (articles, rejected) = try await collect(HTMLSource(options: .with { $0.path = path }, context: StageContext()))
        #expect(articles.count == 8)
        #expect(Set(rejected.compactMap(\.member)) == ["index-page-links.html", "paywall-stub.html"])
    }
}

@Suite("archives in the ledger")
struct ArchiveLedgerTests {
    /// Reads the text-drop source over `path` with the ledger in `state`, asking to stop once
    /// `stopAfter` articles have been read; commits the ledger and returns the titles read.
    static func read(_ path: String, state: String, stopAfter: Int? = nil) async throws -> [String] {
        let location = try StateStoreLocation("sqlite:" + state)
        let intake = FileIntake(ledger: location)
        var reader = try TextDropSource(options: .with { $0.path = path }, context: StageContext(intake: intake)).makeReader()
        var titles: [String] = []
        while let item = try await reader.next() {
            guard case .article(let article) = item else { continue }
            titles.append(article.title ?? "")
            if titles.count == stopAfter { intake.stop.request() }
        }
        try await intake.commit(run: "run-\(titles.count)")
        return titles
    }

    @Test func aStoppedArchiveResumesAtTheFirstMemberNotDone() async throws {
        let folder = try TestPaths.temporaryDirectory()
        let path = folder.appendingPathComponent("drop.tar.gz").path
        try TestArchive.write(ArchiveInputTests.sampleFiles(), as: .tarGzip, to: path)
        let whole = try await ArchiveInputTests().readTextDrop(path).articles.compactMap(\.title)
        let state = folder.appendingPathComponent("state.sqlite").path

        let first = try await Self.read(path, state: state, stopAfter: 3)
        #expect(first == Array(whole.prefix(3)), "the stop ends the reading after the member being read")
        let store = try SQLiteStateStore(path: state)
        #expect(try await store.ledgerEntry(for: path) == nil)
        let done = try await store.ledgerMembers(of: path)
        #expect(try done.map(\.member) == Array(ArchiveInputTests.sampleFiles().prefix(3).map(\.0)))
        #expect(done.allSatisfy { $0.contentHash.count == 64 })

        let rest = try await Self.read(path, state: state)
        #expect(rest == Array(whole.dropFirst(3)), "the members done are skipped, the others read")
        #expect(try await store.ledgerEntries().map(\.member) == [nil], "the whole archive replaces its members")
        #expect(try await Self.read(path, state: state).isEmpty, "a finished archive is skipped")

        try TestArchive.write(Array(ArchiveInputTests.sampleFiles().reversed()), as: .tarGzip, to: path)
        #expect(try await Self.read(path, state: state).count == whole.count, "a changed archive is read again, every member")
    }
}
