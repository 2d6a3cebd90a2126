import Copydesk
import Foundation

/// A document with gold named entities, as in `../shared/nlp-dev/ner_dev.jsonl`: its text and
/// the entities' Unicode-scalar offsets and types (`PER`, `ORG`, `LOC`, `MISC`).
public struct AnnotatedDocument: Sendable {
    /// One gold entity: scalar offsets into the text (end exclusive) and its type.
    public typealias Span = EntityModelTrainer.Name

    /// The document id (`GUM_bio_byron`).
    public let id: String
    /// The genre (`bio`, `interview`, …).
    public let genre: String
    /// The text: paragraphs separated by a blank line.
    public let text: String
    /// The gold entities, sorted by start.
    public let entities: [Span]

    /// Creates a document.
    public init(id: String, genre: String, text: String, entities: [Span]) {
        self.id = id
        self.genre = genre
        self.text = text
        self.entities = entities
    }

    /// Reads a JSON-lines file of `{"id", "genre", "text", "entities": [{"start", "end", "type"}]}`;
    /// a malformed line fails with its line number.
    public static func load(jsonLines path: String) throws -> [AnnotatedDocument] {
        var documents: [AnnotatedDocument] = []
        let content = try String(contentsOfFile: path, encoding: .utf8)
        for (index, line) in content.split(separator: "\n").enumerated() {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = object["id"] as? String, let text = object["text"] as? String,
                let entities = object["entities"] as? [[String: Any]]
            else { throw DevSetError(path: path, line: index + 1, reason: "not a document with id, text and entities") }
            let spans = try entities.map { entity -> Span in
                guard let start = entity["start"] as? Int, let end = entity["end"] as? Int, let type = entity["type"] as? String
                else { throw DevSetError(path: path, line: index + 1, reason: "an entity lacks start, end or type") }
                return Span(start: start, end: end, type: type)
            }
            documents.append(AnnotatedDocument(id: id, genre: object["genre"] as? String ?? "", text: text, entities: spans))
        }
        return documents
    }
}

/// A development-set file that cannot be read as documented.
public struct DevSetError: Error, CustomStringConvertible {
    /// The file.
    public let path: String
    /// The 1-based line.
    public let line: Int
    /// What is wrong.
    public let reason: String

    /// `path:line: reason`.
    public var description: String { "\(path):\(line): \(reason)" }
}
