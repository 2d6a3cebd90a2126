import Logging

/// What every file-reading source shares: its `path`, `extensions` and archive options, the
/// file list and the run's intake, and the reader that walks the files (and the members of
/// archives) with a per-format file reader.
struct FileInput: Sendable {

    private let files: InputFiles
    private let limits: ArchiveLimits
    /// Where `path` is written, named when the input is missing.
    private let pathOption: ConfigError
    private let intake: FileIntake
    private let logger: Logger

    /// Reads the options; the input is looked at only when the run opens it.
    init<Options: FileSourceOptions>(options: Options, context: StageContext) {
        files = InputFiles(pattern: options.path, extensions: options.extensions)
        limits = options.archive
        pathOption = context.invalid(\Options.path, "input path")
        intake = context.intake
        logger = context.logger
    }

    /// Fails when `path` is `-`, for a source that cannot read standard input (one that reads
    /// a file more than once, or from an offset).
    static func refuseStandardInput<Options: FileSourceOptions>(_ options: Options, context: StageContext) throws {
        guard options.path == InputFiles.standardInput else { return }
        throw context.invalid(\Options.path, "'-' (standard input) is read by the textdrop, jsonl, csv and html sources, not by this one")
    }

    /// A reader over the sorted files, opening each with `open`; fails with an ``InputError``
    /// when the path does not exist (the drop did not arrive). Files left out of a directory
    /// because of their ending are named in the log: a warning when nothing is left to read.
    /// `leaveOut` gives why a listed file is not read (a `.gz` that is not a `.warc.gz`), or
    /// `nil`; those files are named in the log at info level. A file `readsItself` names (in a
    /// format that decompresses its files itself, such as `.warc.gz`) is not opened as an archive.
    func reader(
        stage: String, leaveOut: (String) -> String? = { _ in nil }, readsItself: @escaping (String) -> Bool = { _ in false },
        open: @escaping (InputDocument, String) -> any FileItemReader
    ) throws -> any SourceReader {
        try files.validate(at: pathOption)
        let listing = try files.list()
        if let remark = listing.remark(pattern: files.pattern, extensions: files.extensions) {
            if listing.files.isEmpty { logger.warning("\(remark)") } else { logger.info("\(remark)") }
        }
        let files = try intake.select(
            listing.files.keeping { path in
                guard let why = leaveOut(path) else { return true }
                logger.info("not read: \(why)", metadata: ["path": "\(path)"])
                return false
            })
        return FileSequenceReader(
            files: try PathQueue(files), stage: stage, intake: intake, logger: logger,
            members: MemberFilter(extensions: self.files.extensions), readsItself: readsItself, limits: limits, open: open)
    }
}
