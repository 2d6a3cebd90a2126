/// The options of a source whose records have named fields (`jsonl`, `csv`): the file source
/// options, `fields` (which input field each article field is read from) and `date_format`.
protocol MappedSourceOptions: FileSourceOptions {
    /// Article field name → input field name; unlisted fields are read under their own names.
    var fields: [String: String] { get set }
    /// How `date` is read.
    var dateFormat: DateFormat { get set }
}

extension MappedSourceOptions {
    /// The `fields` and `date_format` fields, declared once for every mapped source.
    static var mappingFields: [OptionField<Self>] {
        [
            .mapping(
                "fields", \.fields, keys: ArticleField.allCases.map(\.rawValue),
                doc: "Article field → input field it is read from (a dotted path into nested JSON for jsonl, a header column for csv); "
                    + "unlisted fields are read under their own names, and input fields no article field takes are kept in 'extra'."),
            .formatted(
                "date_format", \.dateFormat, format: DateFormat.optionDescription, parse: { DateFormat(option: $0) }, render: { $0.optionText },
                doc: "How 'date' is written: a strptime pattern (%d/%m/%Y), rfc2822 or iso8601; empty reads ISO dates and timestamps, "
                    + "RFC 2822 and unambiguous day/month dates, and quarantines an ambiguous one (05/04/2024) as ambiguous_date."),
        ]
    }

    /// The mapping `fields` describes.
    var mapping: FieldMapping { FieldMapping(fields) }
}
