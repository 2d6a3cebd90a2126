import Crypto
import Foundation
import Synchronization

/// Decides, file by file, what the source reads, and remembers what it finished.
///
/// With a ledger (a ``LedgerStore`` opened through the run's ``StateStores`` at first use), a
/// file recorded as done with the same size and content hash is skipped; the
/// files read completely in this run are marked done after every output committed. Inside an
/// archive, the members read completely are recorded too when the run stops before the
/// archive's end, and the next run skips them while the archive is unchanged. A
/// reprocessing run (`restart`) reads every file and starts the ledger over when it commits;
/// if it is interrupted, a plain rerun resumes it. A stop
/// request (SIGINT/SIGTERM) lets the source finish its current file (or archive member) and
/// read no more. Standard input (`path: -`) is never recorded: it cannot be read twice.
/// Progress reporting reads the file counts. In a task of a sharded run (`shard`), only the
/// shard's run of the sorted listing is read (``select(_:)``).
public final class FileIntake: Sendable {
    private struct State {
        var total = 0
        var skipped = 0
        var finishedCount = 0
        /// Only with a ledger: the entries to record, so a run without one keeps no entry per
        /// file and its memory does not grow with the drop.
        var finished: [LedgerEntry] = []
        var finishedMembers: [LedgerEntry] = []
        var listingDigest: String?
    }

    /// What the source reads of an admitted file: the entry to record once it is read, and the
    /// members of an archive that an interrupted earlier run finished, to skip.
    struct Admission {
        /// The file's entry, recorded when the file is read completely.
        var entry: LedgerEntry
        /// Names of the archive members done in the ledger, with the archive unchanged.
        var doneMembers: Set<String>
    }

    /// Set by signals: finish the current file, then read no more.
    public let stop: StopRequest
    /// The state store holding the ledger, if any; the runner locks it for the run.
    public let ledgerLocation: StateStoreLocation?
    /// The shard of the drop this run reads, or `nil` for all of it.
    public let shard: ShardSelection?
    private let stores: StateStores
    private let restart: Bool
    private let state = Mutex(State())

    /// Creates an intake; `ledger` names the state store holding the ledger, if any, opened
    /// through `stores`.
    public init(
        ledger: StateStoreLocation? = nil, stores: StateStores = StateStores(), restart: Bool = false, stop: StopRequest = StopRequest(),
        shard: ShardSelection? = nil
    ) {
        ledgerLocation = ledger
        self.shard = shard
        self.stores = stores
        self.restart = restart
        self.stop = stop
    }

    /// File counts so far.
    public struct Counts: Sendable, Equatable, Codable {
        /// Files the source listed.
        public var total: Int
        /// Files skipped because the ledger has them done.
        public var skipped: Int
        /// Files read completely in this run.
        public var finished: Int
    }

    /// The current counts.
    public var counts: Counts {
        state.withLock { Counts(total: $0.total, skipped: $0.skipped, finished: $0.finishedCount) }
    }

    /// SHA-256 of the whole sorted listing the source cut its shard from (one path a line), once
    /// the source listed its files; tasks of one sharded job compare it.
    public var listingDigest: String? { state.withLock { $0.listingDigest } }

    /// The files of the sorted listing `files` this run reads: all of them, or the shard's run
    /// of them. Standard input cannot be split.
    func select(_ files: PathList) throws -> PathList {
        guard let shard else { return files }
        if files.contains(InputFiles.standardInput) {
            throw InputError(path: InputFiles.standardInput, message: "standard input cannot be split into shards; give the drop's path")
        }
        var hasher = SHA256()
        for file in files { hasher.update(data: Data((file + "\n").utf8)) }
        let digest = ArticleID.hex(hasher.finalize())
        state.withLock { $0.listingDigest = digest }
        return files.slice(shard.range(of: files.count))
    }

    /// Records how many files the source listed.
    func listed(_ count: Int) {
        state.withLock { $0.total += count }
    }

    /// What the source reads of standard input: all of it, never recorded in the ledger.
    func admitStandardInput() -> Admission {
        Admission(entry: LedgerEntry(path: InputFiles.standardInput, size: 0, contentHash: "", status: "read"), doneMembers: [])
    }

    /// Whether the source should read `file`: what to read of it, or `nil` to skip it (done
    /// before, unchanged).
    func admit(_ file: OpenedFile) async throws -> Admission? {
        let entry = LedgerEntry(path: file.path, size: file.size, contentHash: "", status: "read")
        guard let ledger = try await openLedger() else { return Admission(entry: entry, doneMembers: []) }
        let hash = try file.bytes.map { ArticleID.hex(SHA256.hash(data: $0)) } ?? Self.sha256(of: file.path)
        let admitted = LedgerEntry(path: file.path, size: file.size, contentHash: hash, status: "read")
        guard !restart else { return Admission(entry: admitted, doneMembers: []) }
        if let known = try await ledger.ledgerEntry(for: file.path), known.status == "done", known.size == file.size, known.contentHash == hash {
            state.withLock { $0.skipped += 1 }
            return nil
        }
        let members = try await ledger.ledgerMembers(of: file.path).filter {
            $0.status == "done" && $0.size == file.size && $0.contentHash == hash
        }
        return Admission(entry: admitted, doneMembers: Set(members.compactMap(\.member)))
    }

    /// Records that the source read every record of a file (every member of an archive).
    func finished(_ entry: LedgerEntry) {
        let recorded = ledgerLocation != nil
        state.withLock {
            $0.finishedCount += 1
            if recorded { $0.finished.append(entry) }
        }
    }

    /// Records that the source read every record of the member `name` of the archive `entry`.
    func finished(member name: String, of entry: LedgerEntry) {
        guard ledgerLocation != nil else { return }
        var member = entry
        member.member = name
        state.withLock { $0.finishedMembers.append(member) }
    }

    /// Marks the files finished in this run as done in the ledger, and the members read of
    /// archives that were not finished.
    func commit(run: String) async throws {
        guard let ledger = try await openLedger() else { return }
        let (files, members) = state.withLock { ($0.finished, $0.finishedMembers) }
        let whole = Set(files.map(\.path))
        let done = (members.filter { !whole.contains($0.path) } + files).filter { $0.path != InputFiles.standardInput }
        try await ledger.markDone(
            done.map { LedgerEntry(path: $0.path, member: $0.member, size: $0.size, contentHash: $0.contentHash) }, run: run, replacingAll: restart)
    }

    /// The ledger, opened on first use; `nil` without one, or when a read-only factory (a dry
    /// run) finds none.
    private func openLedger() async throws -> (any LedgerStore)? {
        guard let ledgerLocation else { return nil }
        return try await stores.ledger(at: ledgerLocation)
    }

    /// SHA-256 of a file's content, read in 1 MiB chunks.
    static func sha256(of path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return ArticleID.hex(hasher.finalize())
    }
}
