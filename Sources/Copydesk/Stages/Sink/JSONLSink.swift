import Foundation

/// Writes one article a line as JSON (the record documented in `docs/schema.md`, keys sorted),
/// to temporary files renamed into place when the run succeeds.
///
/// A `{date}` in the path splits the output by article date (`out/{date}.jsonl` writes
/// `out/2024-02-08.jsonl`, …, and `out/undated.jsonl`); each file keeps the input order. With
/// `gzip`, files are gzip-compressed, each flushed megabyte as one gzip member.
public actor JSONLSink: SinkStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "jsonl"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Writes articles as JSON lines, atomically (temporary file renamed on success); optionally gzip, one file per date."

    /// The sink's options.
    public struct Options: DeclaredOptions {
        /// Output file.
        public var path = ""
        /// Keep the previous output's articles and add this run's.
        public var append = false
        /// Compress with gzip.
        public var gzip = false

        /// Writes nowhere until `path` is set.
        public init() {}

        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Self>] = [
            .string(
                "path", \.path, required: true, writes: .file,
                doc:
                    "Output file; its directory is created when missing. A `{date}` in it writes one file per article date (`undated` when the article has none); `-` writes to standard output, as lines are ready."
            ),
            .boolean(
                "append", \.append,
                doc: "Keep the articles of the previous output and add this run's (resuming an archive); a --reprocess run starts the file over."),
            .boolean("gzip", \.gzip, doc: "Compress the output with gzip (name the file `.jsonl.gz`)."),
        ]
    }

    /// The placeholder that splits the output by article date.
    static let datePlaceholder = "{date}"
    /// The name used in place of `{date}` for articles without a valid date.
    static let undated = "undated"
    /// Lines gathered in memory across all files before every file is flushed.
    private static let memoryLimit = 32 << 20

    private let path: String
    private let append: Bool
    private let gzip: Bool
    private let splitByDate: Bool
    private var files: [String: JSONLOutputFile] = [:]
    private var committed: [String] = []

    /// The `path` that means standard output.
    public static let standardOutput = "-"

    /// The files the run locks for this stage: none for standard output.
    public nonisolated var lockPaths: [String] { path == Self.standardOutput ? [] : [path] }

    /// The file written, or standard output.
    public nonisolated var destination: String { path == Self.standardOutput ? "standard output" : path }

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) throws {
        path = options.path
        guard !path.isEmpty else { throw context.invalid(\Options.path, "must not be empty") }
        if path == Self.standardOutput && options.append {
            throw context.invalid(\Options.append, "cannot keep earlier articles when writing to standard output (`path: -`)")
        }
        append = options.append && !context.run.reprocess
        gzip = options.gzip
        splitByDate = path.contains(Self.datePlaceholder)
    }

    /// Writes one batch, in input order.
    public func write(_ articles: [Article]) throws {
        // Read in place: copying an article retains every string and array it holds.
        try articles.withUnsafeBufferPointer { batch in
            for index in batch.indices { try file(for: batch[index]).append(batch[index]) }
        }
        if files.values.reduce(0, { $0 + $1.pendingByteCount }) > Self.memoryLimit {
            for file in files.values { try file.flush() }
        }
    }

    /// Makes what this run wrote visible: renames into place or commits.
    public func commit() throws {
        if files.isEmpty && !splitByDate { files[path] = try open(path) }
        committed = files.keys.sorted()
        for outputPath in committed { try files[outputPath]?.commit() }
        files = [:]
    }

    /// The files the last commit wrote (one per date with `{date}`).
    public var outputs: [String] { committed }

    /// Throws away what this run wrote (see the type's doc for what remains).
    public func discard() {
        for file in files.values { file.discard() }
        files = [:]
    }

    /// The file `article` goes to, opened on first use.
    private func file(for article: Article) throws -> JSONLOutputFile {
        let outputPath = splitByDate ? Self.path(path, date: article.date) : path
        if let file = files[outputPath] { return file }
        let file = try open(outputPath)
        files[outputPath] = file
        return file
    }

    private func open(_ outputPath: String) throws -> JSONLOutputFile {
        try JSONLOutputFile(path: outputPath, gzip: gzip, keepingPrevious: append)
    }

    /// `template` with `{date}` replaced by `date`, or by `undated` when it is not a valid
    /// `YYYY-MM-DD` date (so no date can reach outside the directory).
    static func path(_ template: String, date: String?) -> String {
        let name = date.flatMap { ISODate.isValid($0) ? $0 : nil } ?? undated
        return template.replacingOccurrences(of: datePlaceholder, with: name)
    }
}
