/// A growing index of seen documents that answers "does this document duplicate one already
/// seen?". It serves two uses: the history of earlier runs (loaded from a store that keeps
/// content keys and signatures only, so matches report the MinHash estimate) and first-seen-wins
/// streaming within a run (shingles kept, so matches report the exact Jaccard similarity).
///
/// Matching order is deterministic: an exact content match wins; otherwise the LSH candidate
/// with the highest similarity at or above the threshold, ties going to the earliest added.
public struct NearDuplicateIndex: Sendable {
    /// The configuration signatures were made with.
    public let config: DedupeConfig
    private var lsh: LSHIndex
    private var exactEntries: [ContentKey: Int] = [:]
    private var keys: [String] = []
    /// Signatures of all entries, `hashCount` values each, back to back.
    private var signatures: [UInt64] = []
    private var shingleSets: [[UInt64]?] = []

    /// Creates an empty index.
    public init(config: DedupeConfig = DedupeConfig()) {
        self.config = config
        lsh = LSHIndex(bands: config.bands, rows: config.rows)
    }

    /// Number of entries.
    public var count: Int { keys.count }

    /// Adds a document. `shingles` (sorted, unique) may be nil for history entries; their
    /// matches then report the signature estimate. An empty signature set (no words) is indexed
    /// by content key only.
    public mutating func add(key: String, exactKey: ContentKey, signature: [UInt64], shingles: [UInt64]? = nil) {
        precondition(signature.count == config.hashCount, "signature length differs from hash_count")
        let entry = keys.count
        keys.append(key)
        signatures.append(contentsOf: signature)
        shingleSets.append(shingles)
        if exactEntries[exactKey] == nil { exactEntries[exactKey] = entry }
        if signature.first != MinHasher.emptyValue {
            lsh.insert(id: entry, signature: signature)
        }
    }

    /// Adds a document with its shingles kept for exact confirmation.
    public mutating func add(key: String, fingerprint: DocumentFingerprint) {
        add(key: key, exactKey: fingerprint.exactKey, signature: fingerprint.signature, shingles: fingerprint.shingles)
    }

    /// The entry `fingerprint` duplicates, or nil.
    public func match(_ fingerprint: DocumentFingerprint) -> IndexMatch? {
        if let entry = exactEntries[fingerprint.exactKey] {
            return IndexMatch(key: keys[entry], entry: entry, similarity: 1, evidence: .exactContent)
        }
        guard fingerprint.signature.first != MinHasher.emptyValue else { return nil }
        var best: IndexMatch?
        for entry in lsh.candidates(for: fingerprint.signature) {
            let match: IndexMatch
            if let stored = shingleSets[entry] {
                match = IndexMatch(key: keys[entry], entry: entry,
                                   similarity: Jaccard.similarity(fingerprint.shingles, stored), evidence: .shingleJaccard)
            } else {
                let start = entry * config.hashCount
                let stored = Array(signatures[start..<(start + config.hashCount)])
                match = IndexMatch(key: keys[entry], entry: entry,
                                   similarity: MinHasher.estimatedJaccard(fingerprint.signature, stored),
                                   evidence: .estimatedJaccard)
            }
            if match.similarity >= config.threshold && match.similarity > (best?.similarity ?? 0) {
                best = match
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
}
