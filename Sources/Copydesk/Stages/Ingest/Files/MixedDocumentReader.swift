/// Reads one document of a mixed drop with the reader of its format, chosen when it is first
/// read: by the document's name, else by its first bytes (a `.gz` file not named `.warc.gz`
/// has been opened as an archive before, so the bytes looked at are never compressed).
struct MixedDocumentReader: FileItemReader {
    private let document: InputDocument
    private let stage: String
    private let make: (DocumentFormat) -> any FileItemReader
    private var reader: (any FileItemReader)?
    private var rejected = false

    /// Prepares to read `document`; `make` gives the reader of a format.
    init(document: InputDocument, stage: String, make: @escaping (DocumentFormat) -> any FileItemReader) {
        self.document = document
        self.stage = stage
        self.make = make
    }

    mutating func next() throws -> SourceItem? {
        if reader == nil {
            guard !rejected else { return nil }
            let name = document.member ?? document.path
            let leading = try document.bytes.map { $0.prefix(BinaryContent.sniffLength) } ?? Self.leadingBytes(of: document.path)
            guard let format = DocumentFormat(name: name) ?? DocumentFormat(leading: leading) else {
                rejected = true
                return .rejected(
                    QuarantineRecord(
                        path: document.path, line: 0, stage: stage, reason: "unknown_format",
                        message: "neither a text drop, a saved page, JSON lines, CSV nor a web archive, by its name or its first bytes",
                        raw: String(decoding: leading.prefix(256), as: UTF8.self), member: document.member))
            }
            reader = make(format)
        }
        return try reader?.next()
    }

    private static func leadingBytes(of path: String) throws -> ArraySlice<UInt8> {
        var lines = try LineReader(path: path, chunkSize: BinaryContent.sniffLength)
        defer { lines.close() }
        return try lines.leadingBytes(BinaryContent.sniffLength)
    }
}
