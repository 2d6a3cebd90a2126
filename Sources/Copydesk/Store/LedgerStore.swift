/// The record of input files already processed, so a run over an archive that was interrupted
/// skips the files finished before and processes the rest; a file whose content changed is
/// processed again. Inside an archive, the members finished by a run that stopped before the
/// archive's end are recorded too, so the next run skips them. SQLite (``SQLiteStateStore``)
/// is the embedded implementation.
public protocol LedgerStore: Sendable {
    /// The entry recorded for the whole file at `path`, if any.
    func ledgerEntry(for path: String) async throws -> LedgerEntry?
    /// The members of the archive at `path` recorded as done, without the archive's own entry.
    func ledgerMembers(of path: String) async throws -> [LedgerEntry]
    /// Records `entries` as done by `run`, in one transaction; with `replacingAll`, every other
    /// entry is deleted in the same transaction (a reprocessing run starts the ledger over). A
    /// whole-file entry replaces the member entries of the same path.
    func markDone(_ entries: [LedgerEntry], run: String, replacingAll: Bool) async throws
    /// Every entry, sorted by path, then member (the whole file first).
    func ledgerEntries() async throws -> [LedgerEntry]
}

/// One input file, or one member of an archive, as the ledger knows it.
public struct LedgerEntry: Sendable, Equatable, Codable {
    /// The file's path as the source listed it (the archive, for a member).
    public var path: String
    /// The member's name inside the archive; `nil` for the whole file.
    public var member: String?
    /// The file's size in bytes (the archive's, for a member).
    public var size: Int
    /// SHA-256 of the file's content, in hex (the archive's, for a member: a member is skipped
    /// only while the archive is unchanged).
    public var contentHash: String
    /// `done` once its articles are committed to every output.
    public var status: String

    /// Creates an entry.
    public init(path: String, member: String? = nil, size: Int, contentHash: String, status: String = "done") {
        self.path = path
        self.member = member
        self.size = size
        self.contentHash = contentHash
        self.status = status
    }
}
