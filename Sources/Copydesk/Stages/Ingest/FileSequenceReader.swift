import Logging

/// Reads one document's items for a ``FileSequenceReader``.
protocol FileItemReader {
    /// The next item of the document, or `nil` at its end; throws when it cannot be read.
    mutating func next() throws -> SourceItem?
}

/// A ``SourceReader`` over a sorted list of files, reading each with a per-format file reader.
/// An archive or compressed file (known by its first bytes) is read as the files it holds, in
/// archive order, each member the source's endings accept read with the same per-format
/// reader. The run's ``FileIntake`` decides which files to read (skipping those a ledger has
/// done, and none after a stop request) and learns which were read completely. A file that
/// cannot be opened or read is quarantined and the next file is read; a member that cannot be
/// read is quarantined by name, and the members before it are kept.
struct FileSequenceReader: SourceReader {
    private let files: [String]
    private let stage: String
    private let intake: FileIntake
    private let open: (InputDocument, String) -> any FileItemReader
    /// Which archive members are read; `nil` when archives are read as plain files.
    private let members: MemberFilter?
    private let limits: ArchiveLimits
    private let logger: Logger
    private var index = 0
    private var current: (reader: any FileItemReader, document: InputDocument)?
    private var archive: (reader: ArchiveReader, entry: LedgerEntry, skipped: Int)?
    private var entry: LedgerEntry?

    /// Creates a reader over `files`; `open` makes the reader of one document. Files skipped
    /// and files finished are logged at debug level on the stage's logger.
    init(
        files: [String], stage: String, intake: FileIntake, logger: Logger, members: MemberFilter?, limits: ArchiveLimits,
        open: @escaping (InputDocument, String) -> any FileItemReader
    ) {
        self.files = files
        self.stage = stage
        self.intake = intake
        self.logger = logger
        self.members = members
        self.limits = limits
        self.open = open
        intake.listed(files.count)
    }

    mutating func next() async throws -> SourceItem? {
        while true {
            if let (reader, document) = current {
                var reader = reader
                do {
                    if let item = try reader.next() {
                        current = (reader, document)
                        return item
                    }
                    current = nil
                    if archive == nil, let entry {
                        intake.finished(entry)
                        logger.debug("\(entry.path): read to the end")
                        self.entry = nil
                    }
                } catch {
                    current = nil
                    if archive == nil { entry = nil }
                    return .rejected(Self.unreadable(document, stage: stage, error: error))
                }
                continue
            }
            if let open = archive {
                if let item = nextMember(of: open) { return item }
                continue
            }
            guard index < files.count, !intake.stop.isRequested else { return nil }
            let path = files[index]
            index += 1
            do {
                guard let admitted = try await intake.admit(path) else {
                    logger.debug("\(path): skipped, done in the ledger with the same size and content")
                    continue
                }
                if members != nil, ArchiveReader.isArchive(try Self.leadingBytes(of: path)) {
                    archive = (try ArchiveReader(path: path, limits: limits), admitted, 0)
                } else {
                    entry = admitted
                    current = (open(InputDocument(path: path), stage), InputDocument(path: path))
                }
            } catch let problem as ArchiveProblem {
                return .rejected(Self.record(problem, path: path, stage: stage))
            } catch {
                return .rejected(Self.unreadable(InputDocument(path: path), stage: stage, error: error))
            }
        }
    }

    /// Opens the next member of the open archive (returning nothing), or returns the record of
    /// a member that cannot be read; at the end of the archive, records it as read.
    private mutating func nextMember(of open: (reader: ArchiveReader, entry: LedgerEntry, skipped: Int)) -> SourceItem? {
        do {
            guard let member = try open.reader.next() else {
                if open.skipped > 0 {
                    logger.info(
                        "\(open.entry.path): \(open.skipped) member\(open.skipped == 1 ? "" : "s") not read (not ending in the source's endings)")
                }
                intake.finished(open.entry)
                logger.debug("\(open.entry.path): read to the end")
                archive = nil
                return nil
            }
            guard members?.accepts(member.name) != false else {
                archive?.skipped += 1
                return nil
            }
            let document = InputDocument(path: open.entry.path, member: member.name, bytes: member.bytes)
            current = (self.open(document, stage), document)
            return nil
        } catch let problem as ArchiveProblem {
            if problem.isFatal {
                intake.finished(open.entry)
                archive = nil
            }
            return .rejected(Self.record(problem, path: open.entry.path, stage: stage))
        } catch {
            archive = nil
            return .rejected(Self.unreadable(InputDocument(path: open.entry.path), stage: stage, error: error))
        }
    }

    private static func leadingBytes(of path: String) throws -> ArraySlice<UInt8> {
        var reader = try LineReader(path: path, chunkSize: BinaryContent.sniffLength)
        defer { reader.close() }
        return try reader.leadingBytes(BinaryContent.sniffLength)
    }

    private static func record(_ problem: ArchiveProblem, path: String, stage: String) -> QuarantineRecord {
        QuarantineRecord(path: path, line: 0, stage: stage, reason: problem.reason, message: problem.message, raw: "", member: problem.member)
    }

    private static func unreadable(_ document: InputDocument, stage: String, error: any Error) -> QuarantineRecord {
        QuarantineRecord(
            path: document.path, line: 0, stage: stage, reason: "unreadable_file",
            message: "\(error)".replacingOccurrences(of: "\(document.path): ", with: ""), raw: "", member: document.member)
    }
}
