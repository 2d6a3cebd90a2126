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
    public struct Options: DeclaredOptions, FileSourceOptions {
        /// File, directory or glob to read.
        public var path = ""
        /// File endings read from directories.
        public var extensions = ["html", "htm"]
        /// Shortest body kept as an article, in characters.
        public var minCharacters = 200
        /// Largest page read, in bytes.
        public var maxPageBytes = 64 << 20
        /// Caps on what archives expand to.
        public var archive = ArchiveLimits()
        /// Reads nothing until `path` is set.
        public init() {}
        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Options>] =
            fileFields + [
                .integer(
                    "min_characters", \.minCharacters, in: 0...100_000,
                    doc: "Shortest article body kept, in characters; shorter pages are quarantined as too_short."),
                .integer(
                    "max_page_bytes", \.maxPageBytes, in: 1_024...(1 << 30),
                    doc: "Largest page read, in bytes; larger files are quarantined as page_too_large."),
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
            HTMLFileReader(document: document, stage: stage, extractor: extractor, maxPageBytes: maxPageBytes)
        }
    }
}

/// Reads the one article of a saved page.
struct HTMLFileReader: FileItemReader {
    let document: InputDocument
    let stage: String
    let extractor: HTMLArticleExtractor
    let maxPageBytes: Int
    private var done = false

    /// Prepares to read `document`.
    init(document: InputDocument, stage: String, extractor: HTMLArticleExtractor, maxPageBytes: Int) {
        self.document = document
        self.stage = stage
        self.extractor = extractor
        self.maxPageBytes = maxPageBytes
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
