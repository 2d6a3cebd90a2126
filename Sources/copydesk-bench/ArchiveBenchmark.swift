import ArgumentParser
import Foundation

/// `copydesk-bench archives`: reading a drop that arrives archived or compressed against
/// reading it plain. A generated text drop is packed with the system tools into `drop.zip` and
/// `drop.tar.gz`, and converted to `articles.jsonl` (the `jsonl` sink's records), compressed
/// with `gzip` into `articles.jsonl.gz`; each is then read by its source (`textdrop`, `jsonl`)
/// alone, articles discarded, and reported against the plain read of the same articles.
struct ArchiveBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archives", abstract: "Reading a drop as a folder, zip and tar.gz, and JSON lines plain and gzip-compressed.")

    @Option(help: "Articles in the generated drop.") var articles = 20_000
    @Option(help: "Working directory for corpora, archives and outputs.") var work = ".build/bench"

    func run() async throws {
        try await Self.measure(articles: articles, work: work)
    }

    /// One form of the input to read: what it is called, which source reads it, where it is
    /// and its size.
    private struct Form {
        /// The name in the report line.
        var name: String
        /// The source stage reading it.
        var source: String
        /// The file or directory read.
        var path: String
        /// Bytes the input holds once decompressed.
        var bytes: Int
        /// Bytes it takes on disk.
        var storedBytes: Int
    }

    /// Packs the drop of `articles` articles, reads each form and prints one line per read;
    /// fails when a form gives other articles than its plain read.
    static func measure(articles: Int, work: String) async throws {
        let drop = try BenchCorpus.drop(articles: articles, work: work)
        let directory = URL(fileURLWithPath: work).appendingPathComponent("archives-\(articles)").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let parent = (drop.directory as NSString).deletingLastPathComponent
        let name = (drop.directory as NSString).lastPathComponent
        try SystemTool.run("zip", ["-q", "-r", path("drop.zip"), name, "-x", "\(name)/.complete"], in: parent)
        try SystemTool.run("tar", ["czf", path("drop.tar.gz"), "--exclude=.complete", name], in: parent)
        let converted = try await SourceReadRun.writingJSONLines(source: "textdrop", path: drop.directory, to: path("articles.jsonl"))
        try SystemTool.run("gzip", ["-k", "-f", "articles.jsonl"], in: directory)
        let jsonBytes = try size(of: path("articles.jsonl"))
        func form(_ name: String, _ source: String, bytes: Int) throws -> Form {
            Form(name: name, source: source, path: path(name), bytes: bytes, storedBytes: try size(of: path(name)))
        }

        let folder = try await read(
            Form(name: "plain folder", source: "textdrop", path: drop.directory, bytes: drop.bytes, storedBytes: drop.bytes),
            expecting: converted.articles)
        try await read(try form("drop.zip", "textdrop", bytes: drop.bytes), against: (folder, "the plain folder"))
        try await read(try form("drop.tar.gz", "textdrop", bytes: drop.bytes), against: (folder, "the plain folder"))
        let plainJSON = try await read(try form("articles.jsonl", "jsonl", bytes: jsonBytes), expecting: converted.articles)
        try await read(try form("articles.jsonl.gz", "jsonl", bytes: jsonBytes), against: (plainJSON, "articles.jsonl"))
    }

    /// Reads an uncompressed `form`, prints its line and returns the result; fails unless it
    /// reads `expecting` articles and quarantines none.
    private static func read(_ form: Form, expecting articles: Int) async throws -> SourceReadRun.Result {
        let result = try await SourceReadRun.discarding(source: form.source, path: form.path)
        try check(result, of: form, expecting: articles)
        report(result, of: form, ratio: "")
        return result
    }

    /// Reads a compressed `form`, prints its line with its speed against the plain read of the
    /// same input (`plain`, named `name`); fails unless it reads the same articles and
    /// quarantines none.
    private static func read(_ form: Form, against plain: (result: SourceReadRun.Result, name: String)) async throws {
        let result = try await SourceReadRun.discarding(source: form.source, path: form.path)
        try check(result, of: form, expecting: plain.result.articles)
        report(result, of: form, ratio: String(format: " (%.2fx %@)", plain.result.seconds / result.seconds, plain.name))
    }

    private static func check(_ result: SourceReadRun.Result, of form: Form, expecting articles: Int) throws {
        guard result.articles == articles, result.rejected == 0 else {
            throw ValidationError(
                "\(form.path): the \(form.source) source read \(result.articles) articles and quarantined \(result.rejected), expected \(articles) and 0"
            )
        }
    }

    private static func report(_ result: SourceReadRun.Result, of form: Form, ratio: String) {
        BenchReport.line(
            "archives \(form.name), \(form.source) source",
            [
                ("articles", "\(result.articles)"),
                ("MB", String(format: "%.1f", Double(form.bytes) / 1e6)),
                ("on disk MB", String(format: "%.1f", Double(form.storedBytes) / 1e6)),
                ("seconds", String(format: "%.2f", result.seconds)),
                ("CPU s", String(format: "%.2f", result.cpuSeconds)),
                ("MB/s", String(format: "%.1f", result.megabytesPerSecond(form.bytes)) + ratio),
                ("articles/s", String(format: "%.0f", result.articlesPerSecond)),
            ])
    }

    private static func size(of path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
