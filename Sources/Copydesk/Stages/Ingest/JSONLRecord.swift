/// One JSON-lines record as read: the annotations Copydesk writes itself (its own output read
/// back), and every other key as a ``JSONValue``, for the field mapping to take from and the
/// rest to go to `extra`.
///
/// Of the keys Copydesk writes, `content_key` (a string) is kept, an `extra` object is the
/// start of the article's `extra`, a `source` object with a `path` and a `format` (an earlier
/// run's provenance) is replaced, and the annotation keys (`dateline`, `paragraphs`,
/// `sentences`, ...) are read as annotations; any other value under those first three names is
/// an input field like any other.
struct JSONLRecord: Decodable {
    /// The input fields, by key.
    private(set) var fields: [String: JSONValue] = [:]
    /// The content key the record carried.
    private(set) var contentKey: String?
    /// The record's own `extra` object.
    private(set) var extra: [String: JSONValue] = [:]
    /// An article holding the record's annotations and nothing else.
    private(set) var annotations = Article(id: "", source: SourceLocation(path: "", line: 0, format: ""), text: "")

    /// Decodes a JSON object; anything else is a type mismatch.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        try annotations.decodeAnnotations(from: decoder)
        for key in container.allKeys where !Article.annotationKeys.contains(key.stringValue) {
            let value = try container.decode(JSONValue.self, forKey: key)
            switch (key.stringValue, value) {
            case ("content_key", .string(let text)): contentKey = text
            case ("extra", .object(let members)): extra = members
            case ("source", .object(let members)) where members["path"] != nil && members["format"] != nil: continue
            default: fields[key.stringValue] = value
            }
        }
    }

    /// Removes and returns the input field `name`: the key spelled so, or else a dotted path
    /// into nested objects (`meta.published`), in which case the value is removed from its
    /// parent and a parent left empty is removed too.
    mutating func take(_ name: String) -> JSONValue? {
        if let value = fields.removeValue(forKey: name) { return value }
        let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard path.count > 1 else { return nil }
        return Self.take(path[...], from: &fields)
    }

    /// The fields no mapping took, added to the record's own `extra` (whose keys win).
    var remainingFields: [String: JSONValue] {
        extra.merging(fields) { own, _ in own }
    }

    private static func take(_ path: ArraySlice<String>, from object: inout [String: JSONValue]) -> JSONValue? {
        guard let key = path.first else { return nil }
        if path.count == 1 { return object.removeValue(forKey: key) }
        guard case .object(var child) = object[key], let value = take(path.dropFirst(), from: &child) else { return nil }
        object[key] = child.isEmpty ? nil : .object(child)
        return value
    }

    /// Any key of the object.
    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
