import Logging

/// Reads drops that mix formats: each file (and each member of an archive) is read as a text
/// drop, a saved page, JSON lines, CSV (`.csv`; `.tsv` split at tabs) or a web archive
/// (`.warc`, `.warc.gz`), by its ending or, when the ending says nothing, by its first bytes.
/// Every format is read with its own source's defaults (JSON lines and CSV with the output
/// record's field names); a document that looks like none of them is quarantined as
/// `unknown_format`.
public struct FilesSource: SourceStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "files"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary =
        "Reads mixed drops: text drops, saved pages, JSON lines, CSV and WARC files (also in archives), each by its ending or first bytes."

    /// The file source options and the saved-page options; read from directories: every known ending.
    public struct Options: DeclaredOptions, FileSourceOptions, HTMLPageSourceOptions {
        /// File, directory or glob to read.
        public var path = ""
        /// File endings read from directories.
        public var extensions = DocumentFormat.endings
        /// Caps on what archives expand to.
        public var archive = ArchiveLimits()
        /// Shortest page body kept and largest page read.
        public var page = HTMLPageOptions()
        /// Reads nothing until `path` is set.
        public init() {}
        /// The YAML keys, with their properties, types and docs.
        public static let fields = fileFields + pageFields
    }

    private let input: FileInput
    private let page: HTMLPageOptions
    private let logger: Logger

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) throws {
        try FileInput.refuseStandardInput(options, context: context)
        input = FileInput(options: options, context: context)
        page = options.page
        logger = context.logger
    }

    /// Opens the input: lists the files to read, failing with an `InputError` when the path does not exist.
    public func makeReader() throws -> any SourceReader {
        let extractor = HTMLArticleExtractor(minimumCharacters: page.minCharacters)
        return try input.reader(stage: Self.typeName, readsItself: WARCSource.isWebArchive) { [page, logger] document, stage in
            MixedDocumentReader(document: document, stage: stage) { format in
                switch format {
                case .textdrop: TextDropFileReader(document: document, stage: format.rawValue)
                case .html: HTMLFileReader(document: document, stage: format.rawValue, page: page)
                case .jsonl:
                    JSONLFileReader(document: document, stage: format.rawValue, mapping: FieldMapping([:]), dateFormat: .automatic)
                case .csv:
                    CSVFileReader(
                        document: document, stage: format.rawValue, delimiter: DocumentFormat.delimiter(of: document.member ?? document.path),
                        mapping: FieldMapping([:]), dateFormat: .automatic)
                case .warc:
                    WARCFileReader(
                        document: document, stage: format.rawValue, extractor: extractor, maxRecordBytes: page.maxPageBytes, logger: logger)
                }
            }
        }
    }
}
