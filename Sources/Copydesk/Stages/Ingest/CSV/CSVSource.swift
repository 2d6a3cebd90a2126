/// Reads CSV files of articles (RFC 4180, a header row naming the columns): one article a row,
/// its fields read from the columns of the same names (`text` required; `id`, `title`,
/// `summary`, `date`, `section`, `url`, `authors`, `language`, `site` optional) or of the names
/// `fields` maps. UTF-8 with or without a byte-order mark; `delimiter` sets the separator
/// (`;`, a tab for TSV). An empty cell is an absent value; columns no field takes are kept in
/// `extra` as strings. A row's `id` column is kept as `source.record_id`.
public struct CSVSource: SourceStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "csv"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Reads articles from CSV files with a header row (one article a row, a 'text' column required)."

    /// The file source options; read from directories: `.csv`.
    public struct Options: DeclaredOptions, MappedSourceOptions {
        /// File, directory or glob to read.
        public var path = ""
        /// File endings read from directories.
        public var extensions = ["csv"]
        /// The character between fields.
        public var delimiter: Unicode.Scalar = ","
        /// Article field → header column.
        public var fields: [String: String] = [:]
        /// How `date` is written.
        public var dateFormat = DateFormat.automatic
        /// Caps on what archives expand to.
        public var archive = ArchiveLimits()
        /// Reads nothing until `path` is set.
        public init() {}
        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Options>] =
            fileFields + [
                .formatted(
                    "delimiter", \.delimiter, format: "one character (\\t or tab for a tab)", parse: delimiter(option:),
                    render: { "\"" + ($0 == "\t" ? "\\t" : $0 == "\\" ? "\\\\" : String($0)) + "\"" },
                    doc: "The character between fields: ',' by default, ';' for many spreadsheet exports, \\t for tab-separated files.")
            ] + mappingFields

        /// The delimiter an option value names: one character other than a quote or a line
        /// break, or `\t` / `tab` for a tab.
        static func delimiter(option text: String) -> Unicode.Scalar? {
            if text == "\\t" || text == "tab" { return "\t" }
            guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first, !"\"\r\n".unicodeScalars.contains(scalar) else {
                return nil
            }
            return scalar
        }
    }

    private let input: FileInput
    private let delimiter: Unicode.Scalar
    private let mapping: FieldMapping
    private let dateFormat: DateFormat

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) {
        input = FileInput(options: options, context: context)
        delimiter = options.delimiter
        mapping = options.mapping
        dateFormat = options.dateFormat
    }

    /// Opens the input: lists the files to read, failing with an `InputError` when the path does not exist.
    public func makeReader() throws -> any SourceReader {
        try input.reader(stage: Self.typeName) { [delimiter, mapping, dateFormat] document, stage in
            CSVFileReader(document: document, stage: stage, delimiter: delimiter, mapping: mapping, dateFormat: dateFormat)
        }
    }
}
