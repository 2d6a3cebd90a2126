import Foundation

/// Reads JSON-lines files of articles: one object a line with the output record's field names
/// (`text` required; `id`, `title`, `summary`, `date`, `section`, `url`, `authors`, `language`,
/// `site` and the annotations optional), so earlier output or another tool's export can be
/// reprocessed. `authors` is a list of names or a single name as one string. A record's own
/// `id` is kept as `source.record_id`; the article gets its own id like every other record.
public struct JSONLSource: SourceStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "jsonl"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Reads articles from JSON-lines files (one object a line, 'text' required)."

    /// The file source options; read from directories: `.jsonl`, `.ndjson`.
    public struct Options: DeclaredOptions, FileSourceOptions {
        /// File, directory or glob to read.
        public var path = ""
        /// File endings read from directories.
        public var extensions = ["jsonl", "ndjson"]
        /// Caps on what archives expand to.
        public var archive = ArchiveLimits()
        /// Reads nothing until `path` is set.
        public init() {}
        /// The YAML keys, with their properties, types and docs.
        public static let fields = fileFields
    }

    private let input: FileInput

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) {
        input = FileInput(options: options, context: context)
    }

    /// Opens the input: lists the files to read, failing with an `InputError` when the path does not exist.
    public func makeReader() throws -> any SourceReader {
        try input.reader(stage: Self.typeName) { document, stage in JSONLFileReader(document: document, stage: stage) }
    }
}

/// Reads the articles of one JSON-lines file; a bad line is quarantined with its line number.
struct JSONLFileReader: FileItemReader {
    private let document: InputDocument
    private let stage: String
    private var lines: LineReader?
    private var opened = false
    private let decoder = JSONDecoder()
    private var path: String { document.path }

    /// Prepares to read `document`.
    init(document: InputDocument, stage: String) {
        self.document = document
        self.stage = stage
    }

    mutating func next() throws -> SourceItem? {
        if !opened {
            opened = true
            var reader = try LineReader(document: document)
            let leading = try reader.leadingBytes(BinaryContent.sniffLength)
            if let kind = BinaryContent.kind(of: leading) {
                reader.close()
                return .rejected(BinaryContent.record(path: path, stage: stage, kind: kind, leading: leading, member: document.member))
            }
            lines = reader
        }
        while let line = try lines?.next() {
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return item(from: line)
        }
        lines?.close()
        lines = nil
        return nil
    }

    private func item(from line: LineReader.Line) -> SourceItem {
        func reject(_ reason: String, _ message: String) -> SourceItem {
            .rejected(
                QuarantineRecord(
                    path: path, line: line.number, stage: stage, reason: reason,
                    message: "line \(line.number): \(message)",
                    raw: String(decoding: line.bytes.prefix(16_384), as: UTF8.self), member: document.member))
        }
        if line.truncated { return reject("line_too_long", "the line is longer than the line limit") }
        guard String(validating: line.bytes, as: UTF8.self) != nil else {
            return reject("invalid_utf8", "not valid UTF-8 (at byte \((UTF8Validation.firstInvalidByte(line.bytes) ?? 0) + 1))")
        }
        var article: Article
        do {
            article = try decoder.decode(Article.self, from: Data(line.bytes))
        } catch let error as DecodingError {
            return reject("bad_json", Self.describe(error))
        } catch {
            return reject("bad_json", "\(error)")
        }
        if let date = article.date {
            let day = String(date.prefix(10))
            guard ISODate.isValid(day), date.count == 10 || date.dropFirst(10).first == "T" else {
                return reject("bad_date", "'date' must be an ISO date YYYY-MM-DD, found '\(date)'")
            }
            article.date = day
        }
        guard article.text.contains(where: { !$0.isWhitespace }) else { return reject("no_body", "'text' is empty") }
        if article.paragraphs.isEmpty || !article.paragraphsAreValid {
            let layout = BodyLayout.build(text: article.text)
            article.text = layout.text
            article.paragraphs = layout.paragraphs
        }
        article.source = SourceLocation(
            path: path, line: line.number, format: stage, recordID: article.id.isEmpty ? nil : article.id, member: document.member)
        article.id = ArticleID.make(source: article.source, contentKey: article.contentKey)
        return .article(article)
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _):
            return "missing required field '\(key.stringValue)'"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "field '\(path)' should be \(type)"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "not a JSON object: " + (underlying ?? context.debugDescription)
        @unknown default:
            return "\(error)"
        }
    }
}
