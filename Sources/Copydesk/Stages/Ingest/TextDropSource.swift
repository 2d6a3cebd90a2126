/// Reads the native text-drop format: files holding one or more articles, each a
/// ` date YYYY-MM-DD Section` header, a title line, a summary line and the body.
public struct TextDropSource: SourceStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "textdrop"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Reads text-drop article files (a file, a directory searched recursively, or a glob)."

    /// The file source options; read from directories: `.txt`.
    public struct Options: DeclaredOptions, FileSourceOptions {
        /// File, directory or glob to read.
        public var path = ""
        /// File endings read from directories.
        public var extensions = ["txt"]
        /// Caps on what archives expand to.
        public var archive = ArchiveLimits()
        /// Reads nothing until `path` is set.
        public init() {}
        /// The YAML keys, with their properties, types and docs.
        public static let fields = fileFields
    }

    private let input: FileInput

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) {
        input = FileInput(options: options, context: context)
    }

    /// Opens the input: lists the files to read, failing with an `InputError` when the path does not exist.
    public func makeReader() throws -> any SourceReader {
        try input.reader(stage: Self.typeName) { document, stage in TextDropFileReader(document: document, stage: stage) }
    }
}

/// Reads the articles of one text-drop file.
struct TextDropFileReader: FileItemReader {
    private var parser: TextDropParser
    private var lines: LineReader?
    private var pending: [SourceItem] = []
    private var finished = false
    private let document: InputDocument

    /// Prepares to read `document`.
    init(document: InputDocument, stage: String) {
        self.document = document
        self.parser = TextDropParser(path: document.path, stage: stage, member: document.member)
    }

    mutating func next() throws -> SourceItem? {
        if lines == nil, !finished {
            var opened = try LineReader(document: document)
            let leading = try opened.leadingBytes(BinaryContent.sniffLength)
            if let kind = BinaryContent.kind(of: leading) {
                opened.close()
                finished = true
                return .rejected(
                    BinaryContent.record(path: document.path, stage: parser.stage, kind: kind, leading: leading, member: document.member))
            }
            lines = opened
        }
        while pending.isEmpty {
            guard !finished else { return nil }
            if let line = try lines?.next() {
                pending = parser.feed(line)
            } else {
                lines?.close()
                lines = nil
                finished = true
                pending = parser.finish()
                if pending.isEmpty { return nil }
            }
        }
        return pending.removeFirst()
    }
}
