import CSV
import Foundation

/// Reads the articles of one CSV file: the first record is the header, every later one a row.
/// A row that cannot be read (not UTF-8, more or fewer fields than the header, an empty text, a
/// field that does not convert) is quarantined with the line it starts on, and the rest of the
/// file is read; a header without the text column quarantines the file.
struct CSVFileReader: FileItemReader {
    private let document: InputDocument
    private let stage: String
    private let delimiter: Unicode.Scalar
    private let mapping: FieldMapping
    private let dateFormat: DateFormat
    private var records: CSVRecordReader?
    private var header: [String]?
    private var opened = false

    private var path: String { document.path }

    /// Prepares to read `document`, splitting fields at `delimiter` and taking each article
    /// field from the column `mapping` names.
    init(document: InputDocument, stage: String, delimiter: Unicode.Scalar, mapping: FieldMapping, dateFormat: DateFormat) {
        self.document = document
        self.stage = stage
        self.delimiter = delimiter
        self.mapping = mapping
        self.dateFormat = dateFormat
    }

    mutating func next() throws -> SourceItem? {
        if !opened {
            opened = true
            var reader = CSVRecordReader(lines: try LineReader(document: document))
            let leading = try reader.leadingBytes(BinaryContent.sniffLength)
            if let kind = BinaryContent.kind(of: leading) {
                reader.close()
                return .rejected(BinaryContent.record(path: path, stage: stage, kind: kind, leading: leading, member: document.member))
            }
            records = reader
        }
        while let record = try records?.next() {
            if let item = item(from: record) { return item }
        }
        records?.close()
        records = nil
        return nil
    }

    /// The article or quarantine record of one record; `nil` for the header.
    private mutating func item(from record: CSVRecordReader.Record) -> SourceItem? {
        func reject(_ reason: String, _ message: String) -> SourceItem {
            .rejected(
                QuarantineRecord(
                    path: path, line: record.line, stage: stage, reason: reason, message: "line \(record.line): \(message)",
                    raw: String(decoding: record.bytes.prefix(16_384), as: UTF8.self), member: document.member))
        }
        if let problem = record.problem { return reject(problem.reason, problem.message) }
        guard let text = String(validating: record.bytes, as: UTF8.self) else {
            return reject("invalid_utf8", "not valid UTF-8 (at byte \((UTF8Validation.firstInvalidByte(record.bytes) ?? 0) + 1))")
        }
        let cells = (try? CSVReader(string: text, delimiter: delimiter))?.next() ?? []
        guard let header else {
            let names = cells.map { $0.trimmingCharacters(in: .whitespaces) }
            let textColumn = mapping.inputName(of: .text)
            guard names.contains(textColumn) else {
                return stop(
                    reject(
                        "missing_column",
                        "the header has no column '\(textColumn)' for the text (columns: \(names.joined(separator: ", "))); the whole file is skipped"
                    ))
            }
            self.header = names
            return nil
        }
        guard cells.count == header.count else {
            return reject("wrong_field_count", "\(cells.count) fields, the header has \(header.count)")
        }
        var row: [String: String] = [:]
        for (name, cell) in zip(header, cells) where row[name] == nil { row[name] = cell }
        let fields: RecordFields
        do {
            fields = try RecordFields(mapping: mapping, dateFormat: dateFormat) { name in
                guard let cell = row.removeValue(forKey: name), !cell.isEmpty else { return nil }
                return .string(cell)
            }
        } catch {
            return reject(error.reason, error.message)
        }
        guard let body = fields.values[.text], body.contains(where: { !$0.isWhitespace }) else {
            return reject("no_body", "\(mapping.label(of: .text)) is empty")
        }
        let layout = BodyLayout.build(text: body)
        var article = Article(
            id: "", source: SourceLocation(path: path, line: record.line, format: stage, member: document.member), text: layout.text,
            paragraphs: layout.paragraphs)
        fields.apply(to: &article)
        article.contentKey = ArticleID.contentKey(title: article.title, text: body)
        article.extra = row.mapValues(JSONValue.string)
        article.source.recordID = article.id.isEmpty ? nil : article.id
        article.id = ArticleID.make(source: article.source, contentKey: article.contentKey)
        return .article(article)
    }

    /// `item`, after which nothing more of the file is read.
    private mutating func stop(_ item: SourceItem) -> SourceItem {
        records?.close()
        records = nil
        return item
    }
}
