import Logging

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
    private let logger: Logger

    /// Reads the options and checks the path exists.
    init(options: StageOptions, context: StageContext) throws {
        files = InputFiles(pattern: options.string("path"), extensions: options.strings("extensions"))
        try files.validate(options: options, option: "path")
        intake = context.intake
        logger = context.logger
    }

    /// A reader over the sorted files, opening each with `open`. Files left out of a directory
    /// because of their ending are named in the log: a warning when nothing is left to read.
    func reader(stage: String, open: @escaping (String, String) -> any FileItemReader) throws -> any SourceReader {
        let listing = try files.list()
        if let remark = listing.remark(pattern: files.pattern, extensions: files.extensions) {
            if listing.files.isEmpty { logger.warning("\(remark)") } else { logger.info("\(remark)") }
        }
        return FileSequenceReader(files: listing.files, stage: stage, intake: intake, open: open)
    }
}
