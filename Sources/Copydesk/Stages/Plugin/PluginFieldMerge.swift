import Foundation

/// What an `exec` plugin's answers may change: the record fields its stage declares in
/// `writes` (a top-level field such as `entities`, or one key of `extra` as `extra.topic`).
/// Every other field of an answer is ignored and kept from the record sent, so a plugin that
/// leaves a field out, or echoes an old value, changes nothing it did not declare.
struct PluginFieldMerge: Sendable {
    /// The record fields a plugin may write: every field but the record's identity (`id`,
    /// `content_key`) and provenance (`source`).
    static let writableFields: [String] = [
        "date", "section", "title", "summary", "url", "authors", "language", "site", "dateline", "text", "paragraphs", "sentences",
        "entities", "quotes", "amounts", "dates", "removed_blocks", "duplicate_of", "similarity", "extra",
    ]

    /// Top-level fields taken from answers.
    let fields: [String]
    /// Keys of `extra` taken from answers.
    let extraKeys: [String]

    /// The merge for `writes`; fails naming the first entry that is not a writable field.
    init(writes: [String]) throws(PluginProcess.Failure) {
        var fields: [String] = []
        var extraKeys: [String] = []
        for entry in writes {
            if entry.hasPrefix("extra."), entry.count > 6 {
                extraKeys.append(String(entry.dropFirst(6)))
            } else if Self.writableFields.contains(entry) {
                fields.append(entry)
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

    /// `article` with the declared fields of `answer`.
    private func apply(_ answer: [String: Any], to article: Article) throws(PluginProcess.Failure) -> Article {
        guard !fields.isEmpty || !extraKeys.isEmpty else { return article }
        do {
            var writer = JSONByteWriter()
            try writer.write(article)
            var record = try JSONSerialization.jsonObject(with: writer.withBytes { Data($0) }) as? [String: Any] ?? [:]
            for field in fields where answer.keys.contains(field) { record[field] = answer[field] }
            if !extraKeys.isEmpty, let answered = answer["extra"] as? [String: Any] {
                var extra = record["extra"] as? [String: Any] ?? [:]
                for key in extraKeys where answered.keys.contains(key) { extra[key] = answered[key] }
                record["extra"] = extra
            }
            return try JSONDecoder().decode(Article.self, from: JSONSerialization.data(withJSONObject: record))
        } catch let error as DecodingError {
            throw PluginProcess.Failure(description: "answered for id \(article.id) with a field of the wrong type: \(Self.describe(error))")
        } catch {
            throw PluginProcess.Failure(description: "answered for id \(article.id) with a record that cannot be read: \(error)")
        }
    }

    /// Where a decoding error is, as `entities[0].type: expected a string`.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)): \(key.stringValue) is missing"
        @unknown default:
            return "\(error)"
        }
    }
}
