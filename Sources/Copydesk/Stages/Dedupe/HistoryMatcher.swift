/// Decides which article of the history each article of a run duplicates, by the rule the
/// rest of dedupe uses (``IndexMatch/preferred(_:_:)``): an exact content match first (the
/// earliest record sharing the exact key), otherwise the record whose MinHash estimate of
/// Jaccard similarity is highest at or above the threshold, ties going to the earliest record.
///
/// The store only keeps records and finds them by key: the matcher computes each article's
/// lookup keys (its LSH band keys, ``LSHIndex/bandKeys(of:)``), asks the store for the
/// records sharing one, and estimates and compares similarities itself, so every
/// ``HistoryStore`` decides the same way. Signatures are compared in the bits a store may keep
/// (``HistorySignature``), the article's cut as the record's is.
public struct HistoryMatcher: Sendable {
    /// The history.
    public let store: any HistoryStore
    /// How messages name the store.
    public let storeName: String
    /// The fingerprint and matching parameters.
    public let config: DedupeConfig
    private let lsh: LSHIndex

    /// A history built with other fingerprint settings cannot be compared with this run's.
    public struct SettingsMismatch: Error, CustomStringConvertible {
        /// The store, as messages name it.
        public let store: String
        /// Settings recorded in the store.
        public let stored: String
        /// Settings of this run.
        public let requested: String
        /// The message as printed.
        public var description: String {
            "\(store): the dedupe history was built with \(stored), this pipeline uses \(requested); run with --reprocess and on_reprocess: rebuild to rebuild it"
        }
    }

    /// Creates a matcher over `store` (named `storeName` in messages) for fingerprints made
    /// under `config`.
    public init(store: any HistoryStore, storeName: String, config: DedupeConfig) {
        self.store = store
        self.storeName = storeName
        self.config = config
        lsh = LSHIndex(bands: config.bands, rows: config.rows)
    }

    /// The fingerprint settings a history must have been built with to be compared.
    public var fingerprintSettings: String {
        "shingle_size \(config.shingleSize), hash_count \(config.hashCount), bands \(config.bands), rows \(config.rows), seed \(config.seed)"
    }

    /// Refuses a history built with other fingerprint settings (``SettingsMismatch``), then
    /// prepares the store for `run`.
    public func prepare(run: String) async throws {
        if let stored = try await store.historySettings(), stored != fingerprintSettings {
            throw SettingsMismatch(store: storeName, stored: stored, requested: fingerprintSettings)
        }
        try await store.prepareHistory(fingerprintSettings: fingerprintSettings, run: run)
    }

    /// For each article (its id and fingerprint), the committed record it duplicates, or
    /// `nil`. A record of the same article id is the article itself, read again by a rerun:
    /// it is never a match.
    public func matches(_ articles: [(id: String, fingerprint: DocumentFingerprint)]) async throws -> [IndexMatch?] {
        let candidates = try await store.candidates(for: articles.map(query))
        return zip(articles, candidates).map { article, candidates in best(for: article.fingerprint, among: candidates) }
    }

    /// For each article, the record it duplicates among those other runs committed after this
    /// run prepared the history, or `nil`: joined by ``stronger(_:_:)`` with what
    /// ``matches(_:)`` found, the verdict of a run that had started after those commits.
    public func lateMatches(_ articles: [(id: String, fingerprint: DocumentFingerprint)], run: String) async throws -> [IndexMatch?] {
        let candidates = try await store.lateCandidates(for: articles.map(query), run: run)
        return zip(articles, candidates).map { article, candidates in best(for: article.fingerprint, among: candidates) }
    }

    /// Of two matches found among two sets of candidates, the one ``best(for:among:)`` picks
    /// from both sets at once: an exact match first, the earliest entry among exact ones,
    /// otherwise the higher similarity, ties going to the earlier entry.
    public static func stronger(_ one: IndexMatch?, _ other: IndexMatch?) -> IndexMatch? {
        guard let one else { return other }
        guard let other else { return one }
        let oneExact = one.evidence == .exactContent
        let otherExact = other.evidence == .exactContent
        if oneExact != otherExact { return oneExact ? one : other }
        if !oneExact && one.similarity != other.similarity { return one.similarity > other.similarity ? one : other }
        return one.entry <= other.entry ? one : other
    }

    /// What the store looks an article up by.
    private func query(_ article: (id: String, fingerprint: DocumentFingerprint)) -> HistoryQuery {
        HistoryQuery(articleID: article.id, exactKey: article.fingerprint.exactKey.description, lookupKeys: lookupKeys(of: article.fingerprint))
    }

    /// The record to store for an emitted article.
    public func record(articleID: String, date: String?, fingerprint: DocumentFingerprint) -> HistoryRecord {
        HistoryRecord(
            articleID: articleID, exactKey: fingerprint.exactKey.description, date: date,
            signature: fingerprint.signature, lookupKeys: lookupKeys(of: fingerprint))
    }

    /// The band keys of a fingerprint, each once, in band order; none for an article without
    /// words, which is found by its exact key only.
    private func lookupKeys(of fingerprint: DocumentFingerprint) -> [Int64] {
        guard !fingerprint.hasNoShingles else { return [] }
        var seen = Set<UInt64>()
        return lsh.bandKeys(of: fingerprint.signature).filter { seen.insert($0).inserted }.map { Int64(bitPattern: $0) }
    }

    /// The band keys of a signature cut to the bits compared (``HistorySignature``), or none
    /// for a signature too short to band.
    private func comparedBandKeys(of compared: [UInt64]) -> Set<UInt64> {
        guard compared.count >= lsh.bands * lsh.rows else { return [] }
        return Set(lsh.bandKeys(of: compared))
    }

    /// The candidate `fingerprint` duplicates, whatever order the candidates come in.
    private func best(for fingerprint: DocumentFingerprint, among candidates: [HistoryCandidate]) -> IndexMatch? {
        let exactKey = fingerprint.exactKey.description
        if let exact = candidates.filter({ $0.exactKey == exactKey }).min(by: { $0.entry < $1.entry }) {
            return IndexMatch(key: exact.articleID, entry: exact.entry, similarity: 1, evidence: .exactContent)
        }
        guard !fingerprint.hasNoShingles else { return nil }
        // A band of the record whose compared values all equal the article's is a shared band
        // key (bar a 2^-32 collision a value): records a store found under keys it keeps in
        // fewer bits but sharing no band are left out, as the in-memory index never offers them.
        let signature = HistorySignature.compared(fingerprint.signature)
        let keys = comparedBandKeys(of: signature)
        var best: IndexMatch?
        for candidate in candidates {
            let candidateSignature = HistorySignature.compared(candidate.signature)
            guard !keys.isDisjoint(with: comparedBandKeys(of: candidateSignature)) else { continue }
            let similarity = MinHasher.estimatedJaccard(signature, candidateSignature)
            guard similarity >= config.threshold else { continue }
            if let found = best, similarity < found.similarity || (similarity == found.similarity && candidate.entry > found.entry) { continue }
            best = IndexMatch(key: candidate.articleID, entry: candidate.entry, similarity: similarity, evidence: .estimatedJaccard)
        }
        return best
    }
}
