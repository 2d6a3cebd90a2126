/// What every file-reading source shares: its `path` and `extensions` options, the file list
/// and the run's intake, and the reader that walks the files with a per-format file reader.
struct FileInput: Sendable {
    /// The `path` and `extensions` options, with the format's default endings.
    static func options(extensions: [String]) -> [OptionSpec] {
        [
            OptionSpec("path", .string, doc: "File, directory (searched recursively) or glob pattern to read."),
            OptionSpec("extensions", .strings, default: .strings(extensions), doc: "File endings read from directories; an empty list reads every file."),
        ]
    }

    private let files: InputFiles
    private let intake: FileIntake

    /// Reads the options and checks the path exists.
    init(options: StageOptions, context: StageContext) throws {
        files = InputFiles(pattern: options.string("path"), extensions: options.strings("extensions"))
        try files.validate(options: options, option: "path")
        intake = context.intake
    }

    /// A reader over the sorted files, opening each with `open`.
    func reader(stage: String, open: @escaping (String, String) -> any FileItemReader) throws -> any SourceReader {
        FileSequenceReader(files: try files.list(), stage: stage, intake: intake, open: open)
    }
}
