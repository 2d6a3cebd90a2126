import Foundation

/// The record format of ``ArticleSpill``'s file: an article as binary fields, each string its
/// length and UTF-8 bytes, each number its eight little-endian bytes, each optional a flag
/// before its value. The fields an article has when it is held back by dedupe (the ingested
/// ones, `extra`, paragraphs, removed blocks, a duplicate mark) are written directly; the
/// annotations of later stages (dateline, sentences, entities, quotes, amounts, dates), empty at
/// that point in most pipelines, are written as one JSON value when any is present. Decoding
/// gives back an article equal to the one encoded (an `extra` number stays an integer or a
/// decimal, as it was). The format lives only as long as the run's
/// temporary file, so it carries no version.
enum ArticleSpillCodec {
    /// Appends the record of `article` to `bytes`.
    static func encode(_ article: Article, into bytes: inout [UInt8]) throws {
        // The writer takes the buffer over while it writes (no copy), and hands it back.
        var writer = Writer()
        swap(&writer.bytes, &bytes)
        defer { swap(&writer.bytes, &bytes) }
        writer.string(article.id)
        writer.string(article.contentKey)
        writer.string(article.source.path)
        writer.integer(article.source.line)
        writer.string(article.source.format)
        writer.optional(article.source.recordID) { $0.string($1) }
        writer.optional(article.source.member) { $0.string($1) }
        writer.optional(article.source.offset) { $0.integer($1) }
        for field in [article.date, article.section, article.title, article.summary, article.url] { writer.optional(field) { $0.string($1) } }
        writer.integer(article.authors.count)
        for author in article.authors { writer.string(author) }
        writer.optional(article.language) { $0.string($1) }
        writer.optional(article.site) { $0.string($1) }
        writer.string(article.text)
        writer.integer(article.paragraphs.count)
        for paragraph in article.paragraphs {
            writer.string(paragraph.kind.rawValue)
            writer.integer(paragraph.start)
            writer.integer(paragraph.end)
        }
        writer.integer(article.removedBlocks.count)
        for block in article.removedBlocks {
            writer.string(block.kind)
            writer.string(block.location)
            writer.real(block.containment)
        }
        writer.optional(article.duplicateOf) { $0.string($1) }
        writer.optional(article.similarity) { $0.real($1) }
        writer.value(.object(article.extra))
        let annotations = Annotations(article)
        writer.optional(annotations.isEmpty ? nil : try JSONEncoder().encode(annotations)) { $0.data($1) }
    }

    /// The article whose record is `record`; throws when the record is cut short or garbled.
    static func decode(_ record: UnsafeRawBufferPointer) throws -> Article {
        var reader = Reader(bytes: record)
        let id = try reader.string()
        let contentKey = try reader.string()
        let source = SourceLocation(
            path: try reader.string(), line: try reader.integer(), format: try reader.string(), recordID: try reader.optional { try $0.string() },
            member: try reader.optional { try $0.string() }, offset: try reader.optional { try $0.integer() })
        let date = try reader.optional { try $0.string() }
        let section = try reader.optional { try $0.string() }
        let title = try reader.optional { try $0.string() }
        let summary = try reader.optional { try $0.string() }
        let url = try reader.optional { try $0.string() }
        let authors = try (0..<reader.count()).map { _ in try reader.string() }
        let language = try reader.optional { try $0.string() }
        let site = try reader.optional { try $0.string() }
        let text = try reader.string()
        let paragraphs = try (0..<reader.count()).map { _ in
            guard let kind = Paragraph.Kind(rawValue: try reader.string()) else { throw Garbled() }
            return Paragraph(kind: kind, start: try reader.integer(), end: try reader.integer())
        }
        var article = Article(
            id: id, contentKey: contentKey, source: source, date: date, section: section, title: title, summary: summary, url: url,
            authors: authors, language: language, site: site, text: text, paragraphs: paragraphs)
        article.removedBlocks = try (0..<reader.count()).map { _ in
            RemovedBlock(kind: try reader.string(), location: try reader.string(), containment: try reader.real())
        }
        article.duplicateOf = try reader.optional { try $0.string() }
        article.similarity = try reader.optional { try $0.real() }
        guard case .object(let extra) = try reader.value() else { throw Garbled() }
        article.extra = extra
        if let json = try reader.optional({ try $0.data() }) {
            try JSONDecoder().decode(Annotations.self, from: json).apply(to: &article)
        }
        guard reader.isAtEnd else { throw Garbled() }
        return article
    }

    /// A record that does not decode: the spill file was changed or cut while the run held it.
    struct Garbled: Error, CustomStringConvertible {
        var description: String { "a held-back article in the spill file is garbled" }
    }

    /// The annotations later stages add, as one JSON value.
    private struct Annotations: Codable {
        var dateline: Dateline?
        var sentences: [Sentence]
        var entities: [Entity]
        var quotes: [Quote]
        var amounts: [Amount]
        var dates: [DateMention]

        init(_ article: Article) {
            dateline = article.dateline
            sentences = article.sentences
            entities = article.entities
            quotes = article.quotes
            amounts = article.amounts
            dates = article.dates
        }

        var isEmpty: Bool {
            dateline == nil && sentences.isEmpty && entities.isEmpty && quotes.isEmpty && amounts.isEmpty && dates.isEmpty
        }

        func apply(to article: inout Article) {
            article.dateline = dateline
            article.sentences = sentences
            article.entities = entities
            article.quotes = quotes
            article.amounts = amounts
            article.dates = dates
        }
    }

    /// Appends fields to a byte buffer.
    private struct Writer {
        var bytes: [UInt8] = []

        mutating func integer(_ value: Int) {
            withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func real(_ value: Double) {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func string(_ value: String) {
            integer(value.utf8.count)
            bytes.append(contentsOf: value.utf8)
        }

        mutating func data(_ value: Data) {
            integer(value.count)
            bytes.append(contentsOf: value)
        }

        /// A JSON value: a tag byte, then the scalar, or the count and the elements (an object's
        /// members in key order, so equal objects give equal records).
        mutating func value(_ value: JSONValue) {
            switch value {
            case .null: bytes.append(0)
            case .bool(let flag): bytes += [1, flag ? 1 : 0]
            case .integer(let number):
                bytes.append(2)
                integer(Int(number))
            case .number(let number):
                bytes.append(3)
                real(number)
            case .string(let text):
                bytes.append(4)
                string(text)
            case .array(let elements):
                bytes.append(5)
                integer(elements.count)
                for element in elements { self.value(element) }
            case .object(let members):
                bytes.append(6)
                integer(members.count)
                for key in members.keys.sorted() {
                    string(key)
                    self.value(members[key]!)
                }
            }
        }

        mutating func optional<T>(_ value: T?, _ write: (inout Writer, T) -> Void) {
            bytes.append(value == nil ? 0 : 1)
            if let value { write(&self, value) }
        }
    }

    /// Reads fields from a record.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
            guard count >= 0, position + count <= bytes.count else { throw Garbled() }
            defer { position += count }
            return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
        }

        mutating func integer() throws -> Int {
            Int(Int64(littleEndian: try take(8).loadUnaligned(as: Int64.self)))
        }

        mutating func count() throws -> Int {
            let count = try integer()
            guard count >= 0, count <= bytes.count else { throw Garbled() }
            return count
        }

        mutating func real() throws -> Double {
            Double(bitPattern: UInt64(littleEndian: try take(8).loadUnaligned(as: UInt64.self)))
        }

        mutating func string() throws -> String {
            String(decoding: try take(try count()), as: UTF8.self)
        }

        mutating func data() throws -> Data {
            Data(try take(try count()))
        }

        /// A JSON value as ``Writer/value(_:)`` wrote it.
        mutating func value() throws -> JSONValue {
            switch try take(1)[0] {
            case 0: return .null
            case 1: return .bool(try take(1)[0] != 0)
            case 2: return .integer(Int64(try integer()))
            case 3: return .number(try real())
            case 4: return .string(try string())
            case 5: return .array(try (0..<count()).map { _ in try value() })
            case 6:
                var members: [String: JSONValue] = [:]
                for _ in 0..<(try count()) { members[try string()] = try value() }
                return .object(members)
            default: throw Garbled()
            }
        }

        mutating func optional<T>(_ read: (inout Reader) throws -> T) throws -> T? {
            switch try take(1)[0] {
            case 0: return nil
            case 1: return try read(&self)
            default: throw Garbled()
            }
        }
    }
}
