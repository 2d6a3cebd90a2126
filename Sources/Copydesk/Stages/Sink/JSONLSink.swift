import Foundation

/// Writes one article a line as JSON (the record documented in `docs/schema.md`, keys sorted),
/// to a temporary file renamed into place when the run succeeds.
public actor JSONLSink: SinkStage {
    public static let typeName = "jsonl"
    public static let summary = "Writes articles as JSON lines, atomically (temporary file renamed on success)."
    public static let options: [OptionSpec] = [
        OptionSpec("path", .string, doc: "Output file; its directory is created when missing."),
    ]

    private let path: String
    private var writer: AtomicFileWriter?
    private let encoder: JSONEncoder

    public init(options: StageOptions, context: StageContext) throws {
        path = options.string("path")
        guard !path.isEmpty else { throw options.invalid("path", "must not be empty") }
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    public func write(_ articles: [Article]) throws {
        if writer == nil { writer = try AtomicFileWriter(path: path) }
        for article in articles {
            try writer?.write(try encoder.encode(article))
            try writer?.write(CollectionOfOne(UInt8(ascii: "\n")))
        }
    }

    public func commit() throws {
        if writer == nil { writer = try AtomicFileWriter(path: path) }
        try writer?.commit()
        writer = nil
    }

    public func discard() {
        writer?.discard()
        writer = nil
    }
}
