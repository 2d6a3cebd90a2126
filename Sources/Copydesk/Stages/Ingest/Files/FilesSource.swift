/// Reads drops that mix formats: each file (and each member of an archive) is read as a text
/// drop, a saved page or JSON lines, by its ending or, when the ending says nothing, by its
/// first bytes. A document that looks like none of them is quarantined as `unknown_format`.
public struct FilesSource: SourceStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "files"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Reads mixed drops: text drops, saved pages and JSON lines (also in archives), each by its ending or first bytes."

    /// The file source options and the HTML options; read from directories: every known ending.
    public struct Options: DeclaredOptions, FileSourceOptions {
        /// File, directory or glob to read.
        public var path = ""
        /// File endings read from directories.
        public var extensions = DocumentFormat.endings
        /// Caps on what archives expand to.
        public var archive = ArchiveLimits()
        /// Shortest page body kept as an article, in characters.
        public var minCharacters = 200
        /// Largest page read, in bytes.
        public var maxPageBytes = 64 << 20
        /// Reads nothing until `path` is set.
        public init() {}
        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Options>] =
            fileFields + [
                .integer(
                    "min_characters", \.minCharacters, in: 0...100_000,
                    doc: "Shortest body of a saved page kept, in characters; shorter pages are quarantined as too_short."),
                .integer(
                    "max_page_bytes", \.maxPageBytes, in: 1_024...(1 << 30),
                    doc: "Largest saved page read, in bytes; larger files are quarantined as page_too_large."),
            ]
    }

    private let input: FileInput
    private let extractor: HTMLArticleExtractor
    private let maxPageBytes: Int

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) {
        input = FileInput(options: options, context: context)
        extractor = HTMLArticleExtractor(minimumCharacters: options.minCharacters)
        maxPageBytes = options.maxPageBytes
    }

    /// Opens the input: lists the files to read, failing with an `InputError` when the path does not exist.
    public func makeReader() throws -> any SourceReader {
        let extractor = extractor
        let maxPageBytes = maxPageBytes
        return try input.reader(stage: Self.typeName) { document, stage in
            MixedDocumentReader(document: document, stage: stage) { format in
                switch format {
                case .textdrop: TextDropFileReader(document: document, stage: format.rawValue)
                case .html: HTMLFileReader(document: document, stage: format.rawValue, extractor: extractor, maxPageBytes: maxPageBytes)
                case .jsonl:
                    JSONLFileReader(document: document, stage: format.rawValue, mapping: FieldMapping([:]), dateFormat: .automatic)
                }
            }
        }
    }
}
