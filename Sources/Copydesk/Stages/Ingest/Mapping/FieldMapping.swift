/// Which input field each ``ArticleField`` is read from: the name `fields:` gives it, or the
/// field's own name. For JSON input a name with dots is a path into nested objects
/// (`meta.published`) unless the record has a key spelled with the dots itself.
struct FieldMapping: Sendable, Equatable {
    private let names: [ArticleField: String]

    /// The mapping of a `fields:` option (keys are article field names, checked at load).
    init(_ option: [String: String] = [:]) {
        var names: [ArticleField: String] = [:]
        for (key, value) in option {
            if let field = ArticleField(rawValue: key) { names[field] = value }
        }
        self.names = names
    }

    /// The input field `field` is read from.
    func inputName(of field: ArticleField) -> String { names[field] ?? field.rawValue }

    /// How messages name the input field of `field`: `'date'`, or `'published' (date)` when mapped.
    func label(of field: ArticleField) -> String {
        guard let name = names[field], name != field.rawValue else { return "'\(field.rawValue)'" }
        return "'\(name)' (\(field.rawValue))"
    }
}
