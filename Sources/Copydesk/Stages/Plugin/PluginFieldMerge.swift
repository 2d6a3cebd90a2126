import Foundation

/// What an `exec` plugin's answers may change: the record fields its stage declares in
/// `writes` (a top-level field such as `entities`, or one key of `extra` as `extra.topic`).
/// Every other field of an answer is ignored and kept from the record sent, so a plugin that
/// leaves a field out, or echoes an old value, changes nothing it did not declare.
struct PluginFieldMerge: Sendable {
    /// The record fields a plugin may write, in record order, each with how it is set from an
    /// answer's value (JSON text): every field but the record's identity (`id`, `content_key`)
    /// and provenance (`source`).
    private static let setters: [(name: String, set: @Sendable (inout Article, Data, JSONDecoder) throws -> Void)] = [
        ("date", { $0.date = try $2.decode(String?.self, from: $1) }),
        ("section", { $0.section = try $2.decode(String?.self, from: $1) }),
        ("title", { $0.title = try $2.decode(String?.self, from: $1) }),
        ("summary", { $0.summary = try $2.decode(String?.self, from: $1) }),
        ("url", { $0.url = try $2.decode(String?.self, from: $1) }),
        ("authors", { $0.authors = try $2.decode([String].self, from: $1) }),
        ("language", { $0.language = try $2.decode(String?.self, from: $1) }),
        ("site", { $0.site = try $2.decode(String?.self, from: $1) }),
        ("dateline", { $0.dateline = try $2.decode(Dateline?.self, from: $1) }),
        ("text", { $0.text = try $2.decode(String.self, from: $1) }),
        ("paragraphs", { $0.paragraphs = try $2.decode([Paragraph].self, from: $1) }),
        ("sentences", { $0.sentences = try $2.decode([Sentence].self, from: $1) }),
        ("entities", { $0.entities = try $2.decode([Entity].self, from: $1) }),
        ("quotes", { $0.quotes = try $2.decode([Quote].self, from: $1) }),
        ("amounts", { $0.amounts = try $2.decode([Amount].self, from: $1) }),
        ("dates", { $0.dates = try $2.decode([DateMention].self, from: $1) }),
        ("removed_blocks", { $0.removedBlocks = try $2.decode([RemovedBlock].self, from: $1) }),
        ("duplicate_of", { $0.duplicateOf = try $2.decode(String?.self, from: $1) }),
        ("similarity", { $0.similarity = try $2.decode(Double?.self, from: $1) }),
        ("extra", { $0.extra = try $2.decode([String: JSONValue].self, from: $1) }),
    ]

    /// The record fields a plugin may write, in record order.
    static var writableFields: [String] { setters.map(\.name) }

    /// Top-level fields taken from answers, with their setters.
    private let fields: [(name: String, set: @Sendable (inout Article, Data, JSONDecoder) throws -> Void)]
    /// Keys of `extra` taken from answers.
    let extraKeys: [String]

    /// The merge for `writes`; fails naming the first entry that is not a writable field.
    init(writes: [String]) throws(PluginProcess.Failure) {
        var fields: [(name: String, set: @Sendable (inout Article, Data, JSONDecoder) throws -> Void)] = []
        var extraKeys: [String] = []
        for entry in writes {
            if entry.hasPrefix("extra."), entry.count > 6 {
                extraKeys.append(String(entry.dropFirst(6)))
            } else if let setter = Self.setters.first(where: { $0.name == entry }) {
                fields.append(setter)
            } else {
                throw PluginProcess.Failure(
                    description: "'\(entry)' is not a field a plugin may write: one of \(Self.writableFields.joined(separator: ", ")), or extra.NAME")
            }
        }
        self.fields = fields
        self.extraKeys = extraKeys
    }

    /// The records sent, in their order, with the declared fields of each one's answer.
    /// `replies` are the answer lines in any order, one per record, each a JSON object with
    /// the record's `id`.
    func merge(_ articles: [Article], replies: [[UInt8]]) throws(PluginProcess.Failure) -> [Article] {
        var positions: [String: Int] = [:]
        for (index, article) in articles.enumerated() { positions[article.id] = index }
        var merged = [Article?](repeating: nil, count: articles.count)
        for reply in replies {
            guard let answer = (try? JSONSerialization.jsonObject(with: Data(reply))) as? [String: Any] else {
                throw PluginProcess.Failure(
                    description: "wrote a line that is not a JSON object: \(String(decoding: reply.prefix(200), as: UTF8.self))")
            }
            guard let id = answer["id"] as? String else { throw PluginProcess.Failure(description: "wrote a record without its \"id\"") }
            guard let index = positions[id] else {
                throw PluginProcess.Failure(description: "answered for id \(id), which is not one of the records it was sent")
            }
            guard merged[index] == nil else { throw PluginProcess.Failure(description: "answered twice for id \(id)") }
            merged[index] = try apply(answer, to: articles[index])
        }
        return try merged.enumerated().map { (index, article) throws(PluginProcess.Failure) in
            guard let article else { throw PluginProcess.Failure(description: "did not answer for id \(articles[index].id)") }
            return article
        }
    }

    /// `article` with the declared fields of `answer`, each decoded on its own into the
    /// record, so the cost is that of the fields written, not of the whole record.
    private func apply(_ answer: [String: Any], to article: Article) throws(PluginProcess.Failure) -> Article {
        var merged = article
        let decoder = JSONDecoder()
        var field = ""
        do {
            for (name, set) in fields {
                guard let value = answer[name] else { continue }
                field = name
                try set(&merged, try JSONSerialization.data(withJSONObject: value, options: .fragmentsAllowed), decoder)
            }
            if !extraKeys.isEmpty, let answered = answer["extra"] as? [String: Any] {
                for key in extraKeys {
                    guard let value = answered[key] else { continue }
                    field = "extra." + key
                    merged.extra[key] = try decoder.decode(
                        JSONValue.self, from: JSONSerialization.data(withJSONObject: value, options: .fragmentsAllowed))
                }
            }
        } catch let error as DecodingError {
            throw PluginProcess.Failure(description: "answered for id \(article.id) with a field of the wrong type: \(field)\(Self.describe(error))")
        } catch {
            throw PluginProcess.Failure(description: "answered for id \(article.id) with a value that cannot be read in \(field): \(error)")
        }
        return merged
    }

    /// Where in the field a decoding error is and what it is, as `[0].type: expected …`.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)): \(key.stringValue) is missing"
        @unknown default:
            return ": \(error)"
        }
    }
}
