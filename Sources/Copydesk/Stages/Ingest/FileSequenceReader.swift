import Logging

/// Reads one file's items for a ``FileSequenceReader``.
protocol FileItemReader {
    /// The next item of the file, or `nil` at its end; throws when the file cannot be read.
    mutating func next() throws -> SourceItem?
}

/// A ``SourceReader`` over a sorted list of files, reading each with a per-format file reader.
/// The run's ``FileIntake`` decides which files to read (skipping those a ledger has done, and
/// none after a stop request) and learns which were read completely. A file that cannot be
/// opened or read is quarantined and the next file is read.
struct FileSequenceReader: SourceReader {
    private let files: [String]
    private let stage: String
    private let intake: FileIntake
    private let open: (String, String) -> any FileItemReader
    private let logger: Logger
    private var index = 0
    private var current: (reader: any FileItemReader, entry: LedgerEntry)?

    /// Creates a reader over `files`; `open` makes the reader of one file. Files skipped and
    /// files finished are logged at debug level on the stage's logger.
    init(files: [String], stage: String, intake: FileIntake, logger: Logger, open: @escaping (String, String) -> any FileItemReader) {
        self.files = files
        self.stage = stage
        self.intake = intake
        self.logger = logger
        self.open = open
        intake.listed(files.count)
    }

    mutating func next() async throws -> SourceItem? {
        while true {
            if current == nil {
                guard index < files.count, !intake.stop.isRequested else { return nil }
                let path = files[index]
                index += 1
                do {
                    guard let entry = try await intake.admit(path) else {
                        logger.debug("\(path): skipped, done in the ledger with the same size and content")
                        continue
                    }
                    current = (open(path, stage), entry)
                } catch {
                    return .rejected(
                        QuarantineRecord(
                            path: path, line: 0, stage: stage, reason: "unreadable_file",
                            message: "\(error)".replacingOccurrences(of: "\(path): ", with: ""), raw: ""))
                }
            }
            do {
                if let item = try current?.reader.next() { return item }
                if let entry = current?.entry {
                    intake.finished(entry)
                    logger.debug("\(entry.path): read to the end")
                }
                current = nil
            } catch {
                current = nil
                let path = files[index - 1]
                return .rejected(
                    QuarantineRecord(
                        path: path, line: 0, stage: stage, reason: "unreadable_file",
                        message: "\(error)".replacingOccurrences(of: "\(path): ", with: ""), raw: ""))
            }
        }
    }
}
