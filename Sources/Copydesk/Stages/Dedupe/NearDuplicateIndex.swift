/// A growing index of seen documents that answers "does this document duplicate one already
/// seen?", for first-seen-wins streaming within a run.
///
/// It decides by the same rule as the history store and the whole-run clusterer (see
/// ``IndexMatch/preferred(_:_:)``): an exact content match wins; otherwise the LSH candidate
/// whose MinHash-estimated similarity is highest at or above the threshold, ties going to the
/// earliest added.
public struct NearDuplicateIndex: Sendable {
    /// The configuration signatures were made with.
    public let config: DedupeConfig
    private var lsh: LSHIndex
    private var exactEntries: [ContentKey: Int] = [:]
    private var keys: [String] = []
    /// Signatures of all entries, `hashCount` values each, back to back.
    private var signatures: [UInt64] = []

    /// Creates an empty index.
    public init(config: DedupeConfig = DedupeConfig()) {
        self.config = config
        lsh = LSHIndex(bands: config.bands, rows: config.rows)
    }

    /// Number of entries.
    public var count: Int { keys.count }

    /// Adds a document. A document without words (empty signature) is indexed by content key only.
    public mutating func add(key: String, fingerprint: DocumentFingerprint) {
        precondition(fingerprint.signature.count == config.hashCount, "signature length differs from hash_count")
        let entry = keys.count
        keys.append(key)
        signatures.append(contentsOf: fingerprint.signature)
        if exactEntries[fingerprint.exactKey] == nil { exactEntries[fingerprint.exactKey] = entry }
        if !fingerprint.hasNoShingles { lsh.insert(id: entry, signature: fingerprint.signature) }
    }

    /// The entry `fingerprint` duplicates, or nil.
    public func match(_ fingerprint: DocumentFingerprint) -> IndexMatch? {
        if let entry = exactEntries[fingerprint.exactKey] {
            return IndexMatch(key: keys[entry], entry: entry, similarity: 1, evidence: .exactContent)
        }
        guard !fingerprint.hasNoShingles else { return nil }
        var best: IndexMatch?
        for entry in lsh.candidates(for: fingerprint.signature) {
            let start = entry * config.hashCount
            let similarity = MinHasher.estimatedJaccard(fingerprint.signature, Array(signatures[start..<(start + config.hashCount)]))
            if similarity >= config.threshold && similarity > (best?.similarity ?? 0) {
                best = IndexMatch(key: keys[entry], entry: entry, similarity: similarity, evidence: .estimatedJaccard)
            }
        }
        return best
    }
}

/// An index entry a document duplicates.
public struct IndexMatch: Sendable, Equatable {
    /// Key of the matched entry.
    public var key: String
    /// Position of the entry in the index (order of addition).
    public var entry: Int
    /// Similarity to the entry.
    public var similarity: Double
    /// How the match was recognised.
    public var evidence: DuplicateEvidence

    /// Creates a match.
    public init(key: String, entry: Int, similarity: Double, evidence: DuplicateEvidence) {
        self.key = key
        self.entry = entry
        self.similarity = similarity
        self.evidence = evidence
    }

    /// The match to keep of one found among `earlier` entries (the history, added first) and
    /// one among `later` entries (this run's): an exact match first, then the higher
    /// similarity, ties going to the earlier entry. An uninterrupted run, which holds both sets
    /// in one index, decides the same way, so a resume or a shard boundary changes nothing.
    public static func preferred(_ earlier: IndexMatch?, _ later: IndexMatch?) -> IndexMatch? {
        guard let earlier else { return later }
        guard let later else { return earlier }
        if earlier.evidence == .exactContent { return earlier }
        if later.evidence == .exactContent { return later }
        return later.similarity > earlier.similarity ? later : earlier
    }
}
