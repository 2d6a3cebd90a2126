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
/// done, and none after a stop request) and learns which were read completely; inside an
/// archive, it learns of every member read completely, and the members an interrupted earlier
/// run finished are skipped. A stop request ends the reading after the current file or
/// member. Standard input (`-`) is read as a plain file, never as an archive. A file that
/// cannot be opened or read is quarantined and the next file is read; a member that cannot be
/// read is quarantined by name, and the members before it are kept.
struct FileSequenceReader: SourceReader {
    private let files: PathQueue
    private let stage: String
    private let intake: FileIntake
    private let open: (InputDocument, String) -> any FileItemReader
    /// Which archive members are read.
    private let members: MemberFilter
    /// Whether a file is read by its document reader even when it is compressed.
    private let readsItself: (String) -> Bool
    private let limits: ArchiveLimits
    private let logger: Logger
    private var current: (reader: any FileItemReader, document: InputDocument)?
    private var archive: OpenArchive?
    private var entry: LedgerEntry?
    /// Articles and rejected records of the file (or archive) being read, for the log.
    private var itemsOfFile = (articles: 0, rejected: 0)

    /// The archive being read, member by member.
    private struct OpenArchive {
        let reader: ArchiveReader
        /// The archive's ledger entry.
        let entry: LedgerEntry
        /// Members an earlier run finished, skipped.
        let doneMembers: Set<String>
        /// Members left out because of their ending.
        var leftOut = 0
        /// Members skipped because the ledger has them done.
        var skippedDone = 0
        /// The member being read, recorded in the ledger when it is read to its end.
        var member: String?
    }

    /// Creates a reader over `files`; `open` makes the reader of one document; a file
    /// `readsItself` names is never opened as an archive. Files skipped
    /// and files finished are logged at debug level on the stage's logger.
    init(
        files: PathQueue, stage: String, intake: FileIntake, logger: Logger, members: MemberFilter, readsItself: @escaping (String) -> Bool,
        limits: ArchiveLimits,
        open: @escaping (InputDocument, String) -> any FileItemReader
    ) {
        self.files = files
        self.stage = stage
        self.intake = intake
        self.logger = logger
        self.members = members
        self.readsItself = readsItself
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
                        count(item)
                        return item
                    }
                    current = nil
                    if let member = archive?.member, let open = archive {
                        intake.finished(member: member, of: open.entry)
                        archive?.member = nil
                    } else if let entry {
                        intake.finished(entry)
                        logFileRead(entry.path)
                        self.entry = nil
                    }
                } catch {
                    current = nil
                    if archive == nil { entry = nil } else { archive?.member = nil }
                    return .rejected(Self.unreadable(document, stage: stage, error: error))
                }
                continue
            }
            if let open = archive {
                if intake.stop.isRequested {
                    logger.info("stopped before the end of the archive; the members read are recorded", metadata: ["path": "\(open.entry.path)"])
                    archive = nil
                    return nil
                }
                if let item = nextMember(of: open) { return item }
                continue
            }
            guard !intake.stop.isRequested, let path = try files.next() else { return nil }
            do {
                if path == InputFiles.standardInput {
                    entry = intake.admitStandardInput().entry
                    current = (open(InputDocument(path: path), stage), InputDocument(path: path))
                    continue
                }
                let file = try OpenedFile(path: path)
                guard let admitted = try await intake.admit(file) else {
                    logger.debug("skipped file, done in the ledger with the same size and content", metadata: ["path": "\(path)"])
                    continue
                }
                let leading = try file.bytes.map { $0.prefix(BinaryContent.sniffLength) } ?? Self.leadingBytes(of: path)
                if !readsItself(path), ArchiveReader.isArchive(leading) {
                    archive = OpenArchive(
                        reader: try ArchiveReader(path: path, limits: limits), entry: admitted.entry, doneMembers: admitted.doneMembers)
                } else {
                    entry = admitted.entry
                    let document = file.document
                    current = (open(document, stage), document)
                }
            } catch let problem as ArchiveProblem {
                return .rejected(Self.record(problem, path: path, stage: stage))
            } catch {
                return .rejected(Self.unreadable(InputDocument(path: path), stage: stage, error: error))
            }
        }
    }

    /// Counts an item of the file being read.
    private mutating func count(_ item: SourceItem) {
        if case .article = item { itemsOfFile.articles += 1 } else { itemsOfFile.rejected += 1 }
    }

    /// Says at debug level (`--verbose`) that a file or archive was read to its end, with what
    /// it gave, and starts the next file's counts.
    private mutating func logFileRead(_ path: String) {
        logger.debug(
            "read file",
            metadata: [
                "path": "\(path)", "articles": .stringConvertible(itemsOfFile.articles), "rejected": .stringConvertible(itemsOfFile.rejected),
            ])
        itemsOfFile = (0, 0)
    }

    /// Opens the next member of the open archive (returning nothing), or returns the record of
    /// a member that cannot be read; at the end of the archive, records it as read.
    private mutating func nextMember(of open: OpenArchive) -> SourceItem? {
        do {
            guard let member = try open.reader.next() else {
                if open.leftOut > 0 {
                    logger.info(
                        "\(open.leftOut) member\(open.leftOut == 1 ? "" : "s") not read (not ending in the source's endings)",
                        metadata: ["path": "\(open.entry.path)", "members": .stringConvertible(open.leftOut)])
                }
                if open.skippedDone > 0 {
                    logger.info(
                        "\(open.skippedDone) member\(open.skippedDone == 1 ? "" : "s") skipped, done in the ledger with the archive unchanged",
                        metadata: ["path": "\(open.entry.path)", "members": .stringConvertible(open.skippedDone)])
                }
                intake.finished(open.entry)
                logFileRead(open.entry.path)
                archive = nil
                return nil
            }
            guard members.accepts(member.name) else {
                archive?.leftOut += 1
                return nil
            }
            guard !open.doneMembers.contains(member.name) else {
                archive?.skippedDone += 1
                return nil
            }
            archive?.member = member.name
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
