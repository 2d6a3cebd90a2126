/// Reads saved web pages (`.html`, `.htm`), one article a page: the page's main content as the
/// body, with its title, date, authors, section, canonical URL, language, site name and
/// description. A page with no article is quarantined as `not_html`, `no_article` or
/// `too_short`, with what was found.
public struct HTMLSource: SourceStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "html"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Reads saved news pages (a file, a directory searched recursively, or a glob): the article and its metadata."

    /// The file source options; read from directories: `.html`, `.htm`.
    public struct Options: DeclaredOptions, FileSourceOptions, HTMLPageSourceOptions {
        /// File, directory or glob to read.
        public var path = ""
        /// File endings read from directories.
        public var extensions = ["html", "htm"]
        /// Shortest body kept and largest page read.
        public var page = HTMLPageOptions()
        /// Caps on what archives expand to.
        public var archive = ArchiveLimits()
        /// Reads nothing until `path` is set.
        public init() {}
        /// The YAML keys, with their properties, types and docs.
        public static let fields = fileFields + pageFields
    }

    private let input: FileInput
    private let page: HTMLPageOptions

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) {
        input = FileInput(options: options, context: context)
        page = options.page
    }

    /// Opens the input: lists the files to read, failing with an `InputError` when the path does not exist.
    public func makeReader() throws -> any SourceReader {
        try input.reader(stage: Self.typeName) { [page] document, stage in HTMLFileReader(document: document, stage: stage, page: page) }
    }
}

/// Reads the one article of a saved page.
struct HTMLFileReader: FileItemReader {
    let document: InputDocument
    let stage: String
    let extractor: HTMLArticleExtractor
    let maxPageBytes: Int
    private var done = false

    /// Prepares to read `document` with the limits of `page`.
    init(document: InputDocument, stage: String, page: HTMLPageOptions) {
        self.document = document
        self.stage = stage
        self.extractor = HTMLArticleExtractor(minimumCharacters: page.minCharacters)
        self.maxPageBytes = page.maxPageBytes
    }

    mutating func next() throws -> SourceItem? {
        guard !done else { return nil }
        done = true
        let bytes = try document.bytes.map { $0.count <= maxPageBytes ? $0 : nil } ?? PageFile.read(document.path, limit: maxPageBytes)
        guard let bytes else {
            return .rejected(
                QuarantineRecord(
                    path: document.path, line: 0, stage: stage, reason: "page_too_large",
                    message: "the page is larger than max_page_bytes (\(maxPageBytes))", raw: "", member: document.member))
        }
        let source = SourceLocation(path: document.path, line: 1, format: stage, member: document.member)
        return HTMLPageItem.item(for: extractor.extract(bytes), bytes: bytes, source: source)
    }
}
