/// Reads web archives (WARC/1.0 and 1.1, `.warc` and `.warc.gz` with one gzip member per
/// record, as crawlers and Common Crawl write them): the HTML pages of `response` records with
/// status 200 go through the `html` stage's extractor, one article a page. Other records are
/// counted and skipped; broken records are quarantined and reading resumes at the next record.
public struct WARCSource: SourceStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "warc"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Reads web archives (.warc, .warc.gz): the article of every HTML page fetched with status 200."

    /// The file source options; read from directories: `.warc`, `.gz` (only `.warc.gz`).
    public struct Options: DeclaredOptions, FileSourceOptions {
        /// File, directory or glob to read.
        public var path = ""
        /// File endings read from directories; a `.gz` is read only when named `.warc.gz`.
        public var extensions = ["warc", "gz"]
        /// Shortest body kept as an article, in characters.
        public var minCharacters = 200
        /// Largest record block (and decoded page) read, in bytes.
        public var maxRecordBytes = 64 << 20
        /// Reads nothing until `path` is set.
        public init() {}
        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Options>] =
            pathFields + [
                .integer(
                    "min_characters", \.minCharacters, in: 0...100_000,
                    doc: "Shortest article body kept, in characters; shorter pages are quarantined as too_short."),
                .integer(
                    "max_record_bytes", \.maxRecordBytes, in: 1_024...(1 << 30),
                    doc: "Largest record read, in bytes (the block, and the page once decompressed); larger ones are quarantined as record_too_large."
                ),
            ]
    }

    private let input: FileInput
    private let extractor: HTMLArticleExtractor
    private let maxRecordBytes: Int
    private let context: StageContext

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) throws {
        try FileInput.refuseStandardInput(options, context: context)
        input = FileInput(options: options, context: context)
        extractor = HTMLArticleExtractor(minimumCharacters: options.minCharacters)
        maxRecordBytes = options.maxRecordBytes
        self.context = context
    }

    /// Opens the input: lists the files to read, failing with an `InputError` when the path
    /// does not exist. A `.gz` whose name does not end in `.warc.gz` is left out.
    public func makeReader() throws -> any SourceReader {
        let extractor = extractor
        let maxRecordBytes = maxRecordBytes
        let logger = context.logger
        return try input.reader(stage: Self.typeName, leaveOut: Self.leaveOut, readsItself: Self.isWebArchive) { document, stage in
            WARCFileReader(document: document, stage: stage, extractor: extractor, maxRecordBytes: maxRecordBytes, logger: logger)
        }
    }

    /// Whether `name` is named as a web archive (`.warc`, `.warc.gz`), which the WARC reader
    /// decompresses itself, record by record; other archives (a `.zip` of WARC files) are
    /// opened as archives.
    static func isWebArchive(_ name: String) -> Bool {
        let name = name.lowercased()
        return name.hasSuffix(".warc") || name.hasSuffix(".warc.gz")
    }

    /// Why `path` is not read: a gzip file that is not named as a web archive.
    static func leaveOut(_ path: String) -> String? {
        let name = path.lowercased()
        return name.hasSuffix(".gz") && !name.hasSuffix(".warc.gz") ? "a .gz file not named .warc.gz" : nil
    }
}
