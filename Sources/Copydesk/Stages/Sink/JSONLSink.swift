import Foundation

/// Writes one article a line as JSON (the record documented in `docs/schema.md`, keys sorted),
/// to a temporary file renamed into place when the run succeeds.
public actor JSONLSink: SinkStage {
    public static let typeName = "jsonl"
    public static let summary = "Writes articles as JSON lines, atomically (temporary file renamed on success)."
    public static let options: [OptionSpec] = [
        OptionSpec("path", .string, doc: "Output file; its directory is created when missing."),
        OptionSpec("append", .boolean, default: .boolean(false),
                   doc: "Keep the articles of the previous output and add this run's (resuming an archive); a --reprocess run starts the file over."),
    ]

    private let path: String
    private let append: Bool
    private var writer: AtomicFileWriter?
    private let encoder: JSONEncoder

    public nonisolated var lockPaths: [String] { [path] }

    public init(options: StageOptions, context: StageContext) throws {
        path = options.string("path")
        guard !path.isEmpty else { throw options.invalid("path", "must not be empty") }
        append = options.boolean("append") && !context.run.reprocess
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    public func write(_ articles: [Article]) throws {
        if writer == nil { writer = try open() }
        for article in articles {
            try writer?.write(try encoder.encode(article))
            try writer?.write(CollectionOfOne(UInt8(ascii: "\n")))
        }
    }

    public func commit() throws {
        if writer == nil { writer = try open() }
        try writer?.commit()
        writer = nil
    }

    /// The temporary file, starting with the previous output's lines when appending.
    private func open() throws -> AtomicFileWriter {
        let writer = try AtomicFileWriter(path: path)
        if append, let previous = FileManager.default.contents(atPath: path), !previous.isEmpty {
            try writer.write(previous)
            if previous.last != 0x0A { try writer.write(CollectionOfOne(UInt8(ascii: "\n"))) }
        }
        return writer
    }

    public func discard() {
        writer?.discard()
        writer = nil
    }
}
