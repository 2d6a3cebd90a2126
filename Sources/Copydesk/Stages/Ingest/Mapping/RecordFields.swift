/// The article fields of one input record, each read from its input field through a
/// ``FieldMapping`` and converted: a string is kept, a number or a boolean becomes its text
/// (`42` → `"42"`), `null` is absent, and an object or a list where a string is expected is a
/// `bad_field`. `authors` is a list of names, or one string for one author (an empty one means
/// none). `date` is read as the ``DateFormat`` says: `bad_date` or `ambiguous_date` otherwise.
struct RecordFields {
    /// The text of every field the record gives, `authors` apart.
    private(set) var values: [ArticleField: String] = [:]
    /// Authors' names, in order.
    private(set) var authors: [String] = []

    /// Reads every field; `value` gives (and takes away, for `extra`) the input field of that
    /// name, or `nil` when the record has none. The date comes out as `YYYY-MM-DD`.
    init(mapping: FieldMapping, dateFormat: DateFormat, value: (String) -> JSONValue?) throws(RecordProblem) {
        for field in ArticleField.allCases {
            guard let input = value(mapping.inputName(of: field)) else { continue }
            let label = mapping.label(of: field)
            if field == .authors {
                authors = try Self.names(input, label: label)
                continue
            }
            guard let text = try Self.text(input, label: label) else { continue }
            if field == .date {
                switch dateFormat.read(text) {
                case .date(let day): values[field] = day
                case .ambiguous:
                    throw RecordProblem(
                        reason: "ambiguous_date",
                        message: "\(label) '\(text)' could be day/month or month/day: set date_format (%d/%m/%Y or %m/%d/%Y)")
                case .mismatch:
                    throw RecordProblem(reason: "bad_date", message: "\(label) must be \(dateFormat.description), found '\(text)'")
                }
            } else {
                values[field] = text
            }
        }
    }

    /// Sets the article's record id (as its `id`, for the source to keep as `source.record_id`),
    /// title, summary, date, section, URL, authors, language and site to these; `text` is the
    /// source's to check and set.
    func apply(to article: inout Article) {
        article.id = values[.id] ?? ""
        article.title = values[.title]
        article.summary = values[.summary]
        article.date = values[.date]
        article.section = values[.section]
        article.url = values[.url]
        article.authors = authors
        article.language = values[.language]
        article.site = values[.site]
    }

    /// The text of a value where a string is expected, `nil` for `null`.
    private static func text(_ value: JSONValue, label: String) throws(RecordProblem) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text
        case .bool(let flag): return String(flag)
        case .integer(let number): return String(number)
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .array: throw RecordProblem(reason: "bad_field", message: "\(label) must be a string, found a list")
        case .object: throw RecordProblem(reason: "bad_field", message: "\(label) must be a string, found an object")
        }
    }

    /// Authors from a list of names or from one name; empty names and `null`s are left out.
    private static func names(_ value: JSONValue, label: String) throws(RecordProblem) -> [String] {
        guard case .array(let items) = value else { return try text(value, label: label).map { $0.isEmpty ? [] : [$0] } ?? [] }
        var names: [String] = []
        for item in items {
            if let name = try text(item, label: label), !name.isEmpty { names.append(name) }
        }
        return names
    }
}
