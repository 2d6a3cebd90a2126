import Logging

/// What every file-reading source shares: its `path` and `extensions` options, the file list
/// and the run's intake, and the reader that walks the files with a per-format file reader.
struct FileInput: Sendable {

    private let files: InputFiles
    private let intake: FileIntake
    private let logger: Logger

    /// Reads the options and checks the path exists.
    init<Options: FileSourceOptions>(options: Options, context: StageContext) throws {
        files = InputFiles(pattern: options.path, extensions: options.extensions)
        try files.validate(at: context.invalid(\Options.path, "input path"))
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
