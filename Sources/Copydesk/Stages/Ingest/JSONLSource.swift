import Foundation

/// Reads JSON-lines files of articles: one object a line with the output record's field names
/// (`text` required; `id`, `title`, `summary`, `date`, `section`, `url`, `authors`, `language`,
/// `site` and the annotations optional), or other names that `fields` maps, so earlier output
/// or another tool's export can be reprocessed. Values are converted as ``RecordFields`` says
/// and dates read as `date_format` says; keys no field takes are kept in `extra`. A record's
/// own `id` is kept as `source.record_id`; the article gets its own id like every other record.
public struct JSONLSource: SourceStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "jsonl"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Reads articles from JSON-lines files (one object a line, 'text' required)."

    /// The file source options; read from directories: `.jsonl`, `.ndjson`.
    public struct Options: DeclaredOptions, MappedSourceOptions {
        /// File, directory or glob to read.
        public var path = ""
        /// File endings read from directories.
        public var extensions = ["jsonl", "ndjson"]
        /// Caps on what archives expand to.
        public var archive = ArchiveLimits()
        /// Article field → input key or dotted path.
        public var fields: [String: String] = [:]
        /// How `date` is written.
        public var dateFormat = DateFormat.automatic
        /// Reads nothing until `path` is set.
        public init() {}
        /// The YAML keys, with their properties, types and docs.
        public static let fields = fileFields + mappingFields
    }

    private let input: FileInput
    private let mapping: FieldMapping
    private let dateFormat: DateFormat

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) {
        input = FileInput(options: options, context: context)
        mapping = options.mapping
        dateFormat = options.dateFormat
    }

    /// Opens the input: lists the files to read, failing with an `InputError` when the path does not exist.
    public func makeReader() throws -> any SourceReader {
        try input.reader(stage: Self.typeName) { [mapping, dateFormat] document, stage in
            JSONLFileReader(document: document, stage: stage, mapping: mapping, dateFormat: dateFormat)
        }
    }
}

/// Reads the articles of one JSON-lines file; a bad line is quarantined with its line number.
struct JSONLFileReader: FileItemReader {
    private let document: InputDocument
    private let stage: String
    private var lines: LineReader?
    private var opened = false
    private let decoder = JSONDecoder()
    private let mapping: FieldMapping
    private let dateFormat: DateFormat
    private var path: String { document.path }

    /// Prepares to read `document`, taking each article field from the input field `mapping` names.
    init(document: InputDocument, stage: String, mapping: FieldMapping, dateFormat: DateFormat) {
        self.document = document
        self.stage = stage
        self.mapping = mapping
        self.dateFormat = dateFormat
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
        guard UTF8Validation.isValid(line.bytes) else {
            return reject("invalid_utf8", "not valid UTF-8 (at byte \((UTF8Validation.firstInvalidByte(line.bytes) ?? 0) + 1))")
        }
        var record: JSONLRecord
        do {
            record = try decoder.decode(JSONLRecord.self, from: Data(line.bytes))
        } catch let error as DecodingError {
            return reject("bad_json", Self.describe(error))
        } catch {
            return reject("bad_json", "\(error)")
        }
        let fields: RecordFields
        do {
            fields = try RecordFields(mapping: mapping, dateFormat: dateFormat) { record.take($0) }
        } catch {
            return reject(error.reason, error.message)
        }
        guard let text = fields.values[.text] else { return reject("bad_json", "missing required field \(mapping.label(of: .text))") }
        var article = record.annotations
        article.text = text
        fields.apply(to: &article)
        article.contentKey = record.contentKey ?? ArticleID.contentKey(title: article.title, text: text)
        article.extra = record.remainingFields
        guard article.text.contains(where: { !$0.isWhitespace }) else { return reject("no_body", "\(mapping.label(of: .text)) is empty") }
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
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return "not a JSON object"
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
