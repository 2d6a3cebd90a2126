/// The articles emitted by earlier runs, so a drop is deduplicated against every earlier day.
/// ``SQLiteStateStore`` is the embedded implementation; a server store implements the same
/// protocol for sharded runs.
///
/// The store keeps records and finds them by key; it knows nothing of MinHash, LSH bands or
/// thresholds. The dedupe code (``HistoryMatcher``) computes each record's lookup keys (its
/// LSH band keys), asks for the ``candidates(for:)`` sharing a key with an article, and
/// decides among them.
///
/// Records written during a run stay pending until ``commitHistory(run:replacingAll:)``: a
/// failed or killed run leaves nothing that later runs would match against.
public protocol HistoryStore: Sendable {
    /// The fingerprint settings the committed history was built with, or `nil` when it holds
    /// no committed record (an empty history adopts the settings of its first run).
    func historySettings() async throws -> String?
    /// Records `fingerprintSettings` as the history's settings and deletes the pending records
    /// that runs which died before committing left. Called once per run, before any other
    /// write, after the caller checked ``historySettings()``.
    func prepareHistory(fingerprintSettings: String, run: String) async throws
    /// For each query, the committed records sharing its exact key or any of its lookup keys,
    /// leaving out records of the query's own article id (that article read again by a rerun),
    /// in ascending ``HistoryCandidate/entry`` order, each once. A store may keep lookup keys
    /// in fewer bits (``SQLiteStateStore`` keeps the low 32), so records under a key that
    /// differs only in the bits it drops may come too: the caller checks what it is given. A
    /// store may likewise give signatures in the bits matching compares (``HistorySignature``).
    func candidates(for queries: [HistoryQuery]) async throws -> [[HistoryCandidate]]
    /// Adds `records` as pending records of `run`. With `skippingKnown`, records whose article
    /// id the committed history already holds are left out, so a rerun adds nothing twice.
    func stage(_ records: [HistoryRecord], run: String, skippingKnown: Bool) async throws
    /// Makes the records of `run` visible to later runs; with `replacingAll`, every record of
    /// earlier runs is deleted in the same transaction (history rebuilt by a reprocessing run).
    func commitHistory(run: String, replacingAll: Bool) async throws
    /// Deletes the pending records of `run`.
    func discardHistory(run: String) async throws
    /// Number of committed records.
    func historyCount() async throws -> Int
    /// Whether runs on different drops may write this history at once (a server store),
    /// rather than one after the other under the store's lock (an SQLite file). When they
    /// may, a run decides against the history and commits in its turn
    /// (``takeCommitTurn(run:)``), after catching up with what others committed meanwhile
    /// (``lateCandidates(for:run:)``).
    var admitsConcurrentRuns: Bool { get }
    /// Waits until no other run has the history's commit turn, then gives it to `run` until
    /// ``commitHistory(run:replacingAll:)`` or ``discardHistory(run:)``: the records other runs
    /// commit from then on are none, so what `run` decides holds when it commits. Taking it
    /// again does nothing.
    func takeCommitTurn(run: String) async throws
    /// For each query, the records that runs other than `run` committed after `run` prepared
    /// the history (``prepareHistory(fingerprintSettings:run:)``) and that share the query's
    /// exact key or a lookup key, in the order and under the rules of
    /// ``candidates(for:)``: with the lookups made meanwhile, what a run that had started
    /// after them would have been given.
    func lateCandidates(for queries: [HistoryQuery], run: String) async throws -> [[HistoryCandidate]]
}

extension HistoryStore {
    /// A store whose runs never overlap (the lock of an SQLite file keeps them apart).
    public var admitsConcurrentRuns: Bool { false }
    /// With runs that never overlap, every turn is free.
    public func takeCommitTurn(run: String) async throws {}
    /// With runs that never overlap, nothing is committed while a run goes on.
    public func lateCandidates(for queries: [HistoryQuery], run: String) async throws -> [[HistoryCandidate]] {
        queries.map { _ in [] }
    }
}

/// One emitted article as the history stores it.
public struct HistoryRecord: Sendable, Equatable {
    /// The article's id.
    public var articleID: String
    /// Its exact content key, as text.
    public var exactKey: String
    /// Its date, if known.
    public var date: String?
    /// Its MinHash signature.
    public var signature: [UInt64]
    /// The keys it is found by besides the exact key (its LSH band keys), each once; empty
    /// for an article found by its exact key only.
    public var lookupKeys: [Int64]

    /// Creates a record.
    public init(articleID: String, exactKey: String, date: String?, signature: [UInt64], lookupKeys: [Int64]) {
        self.articleID = articleID
        self.exactKey = exactKey
        self.date = date
        self.signature = signature
        self.lookupKeys = lookupKeys
    }
}

/// What ``HistoryStore/candidates(for:)`` looks up for one article.
public struct HistoryQuery: Sendable, Equatable {
    /// The article's id: records of this id are never its candidates.
    public var articleID: String
    /// Its exact content key, as text.
    public var exactKey: String
    /// Its lookup keys (LSH band keys).
    public var lookupKeys: [Int64]

    /// Creates a query.
    public init(articleID: String, exactKey: String, lookupKeys: [Int64]) {
        self.articleID = articleID
        self.exactKey = exactKey
        self.lookupKeys = lookupKeys
    }
}

/// A committed record found by ``HistoryStore/candidates(for:)``.
public struct HistoryCandidate: Sendable, Equatable {
    /// The record's entry number: records are numbered in the order they were stored, so a
    /// lower number is an earlier record.
    public var entry: Int
    /// The id of the article it came from.
    public var articleID: String
    /// Its exact content key, as text.
    public var exactKey: String
    /// Its MinHash signature: each value whole, or only the bits matching compares
    /// (``HistorySignature``), as a store may keep them.
    public var signature: [UInt64]

    /// Creates a candidate.
    public init(entry: Int, articleID: String, exactKey: String, signature: [UInt64]) {
        self.entry = entry
        self.articleID = articleID
        self.exactKey = exactKey
        self.signature = signature
    }
}
