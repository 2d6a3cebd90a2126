@testable import Copydesk

/// Finds duplicate clusters among the documents of a run in memory and picks the survivor of
/// each: the reference ``DiskClusterer``, which the dedupe stage and the `cluster` phase
/// decide with, is checked against.
///
/// Documents are added in input order, in batches of any size (the result does not depend on
/// how the input is split). For each document:
/// 1. if a history index is given and the document matches it, the verdict points to the
///    history entry and the document takes no further part (it has been published before);
/// 2. a document whose content key was seen earlier in the run joins that document's cluster;
/// 3. otherwise its LSH candidates among earlier documents are confirmed by the MinHash
///    estimate of their Jaccard similarity ≥ `threshold` (the rule the history store and the
///    streaming index use too), and confirmed pairs are joined (union-find).
///
/// ``verdicts()`` then picks each cluster's survivor by the ``SurvivorPolicy`` over the whole
/// run, so an earliest-dated copy that arrives late still survives. Memory per document is its
/// fingerprint: the signature, 8 bytes per hash (960 bytes with the default 120 hashes).
public struct DuplicateClusterer: Sendable {
    /// The configuration in use.
    public let config: DedupeConfig
    private let history: NearDuplicateIndex?
    private var documents: [DedupeDocument] = []
    private var historyMatches: [Int: IndexMatch] = [:]
    private var exactRepresentatives: [ContentKey: Int] = [:]
    private var unionFind = UnionFind()
    private var lsh: LSHIndex

    /// Creates a clusterer; `history` holds documents of earlier runs, if any.
    public init(config: DedupeConfig = DedupeConfig(), history: NearDuplicateIndex? = nil) {
        self.config = config
        self.history = history
        lsh = LSHIndex(bands: config.bands, rows: config.rows)
    }

    /// Number of documents added.
    public var count: Int { documents.count }

    /// The fingerprint of the document added `index`-th.
    public func fingerprint(at index: Int) -> DocumentFingerprint { documents[index].fingerprint }

    /// Adds the next documents of the run, in input order.
    public mutating func add<S: Sequence>(_ batch: S) where S.Element == DedupeDocument {
        for document in batch { add(document) }
    }

    /// Adds the next document of the run.
    public mutating func add(_ document: DedupeDocument) {
        let index = documents.count
        documents.append(document)
        unionFind.append()
        if let match = history?.match(document.fingerprint) {
            historyMatches[index] = match
            return
        }
        let fingerprint = document.fingerprint
        if let representative = exactRepresentatives[fingerprint.exactKey] {
            unionFind.union(representative, index)
            return
        }
        exactRepresentatives[fingerprint.exactKey] = index
        guard !fingerprint.hasNoShingles else { return }
        let bandKeys = lsh.bandKeys(of: fingerprint.signature)
        for candidate in lsh.candidates(forBandKeys: bandKeys)
        where unionFind.find(candidate) != unionFind.find(index) {
            if MinHasher.estimatedJaccard(fingerprint.signature, documents[candidate].fingerprint.signature) >= config.threshold {
                unionFind.union(candidate, index)
            }
        }
        lsh.insert(id: index, bandKeys: bandKeys)
    }

    /// One entry per added document: nil for a survivor or unique document, otherwise the
    /// survivor it duplicates and the similarity to it.
    public func verdicts() -> [DuplicateVerdict?] {
        var result = [DuplicateVerdict?](repeating: nil, count: documents.count)
        for (index, match) in historyMatches {
            result[index] = DuplicateVerdict(
                survivorKey: match.key, survivorIndex: nil,
                similarity: match.similarity, evidence: match.evidence)
        }
        var sets = unionFind
        for members in sets.clusters() {
            var survivor = members[0]
            for member in members.dropFirst()
            where config.survivorPolicy.prefers(documents[member], at: member, over: documents[survivor], at: survivor) {
                survivor = member
            }
            let kept = documents[survivor]
            for member in members where member != survivor {
                let document = documents[member]
                let exact = document.fingerprint.exactKey == kept.fingerprint.exactKey
                result[member] = DuplicateVerdict(
                    survivorKey: kept.key, survivorIndex: survivor,
                    similarity: exact ? 1 : MinHasher.estimatedJaccard(document.fingerprint.signature, kept.fingerprint.signature),
                    evidence: exact ? .exactContent : .estimatedJaccard)
            }
        }
        return result
    }

    /// Verdicts for `documents` as one run, starting from this clusterer's state.
    public func cluster(_ documents: [DedupeDocument]) -> [DuplicateVerdict?] {
        var run = self
        run.add(documents)
        return run.verdicts()
    }
}

/// The verdict for a document that duplicates another.
public struct DuplicateVerdict: Sendable, Equatable {
    /// Key of the document that is kept.
    public var survivorKey: String
    /// Input position of the survivor in the same run, or nil when it is in the history index.
    public var survivorIndex: Int?
    /// Similarity to the survivor (1.0 for exact content).
    public var similarity: Double
    /// How the duplicate was recognised.
    public var evidence: DuplicateEvidence

    /// Creates a verdict.
    public init(survivorKey: String, survivorIndex: Int?, similarity: Double, evidence: DuplicateEvidence) {
        self.survivorKey = survivorKey
        self.survivorIndex = survivorIndex
        self.similarity = similarity
        self.evidence = evidence
    }
}

extension SurvivorPolicy {
    /// True when document `lhs` (input position `lhsIndex`) is kept in preference to `rhs`.
    func prefers(_ lhs: DedupeDocument, at lhsIndex: Int, over rhs: DedupeDocument, at rhsIndex: Int) -> Bool {
        switch self {
        case .earliestDate:
            switch (lhs.date, rhs.date) {
            case (let left?, let right?) where left != right: return left < right
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
        case .longestBody:
            if lhs.bodyLength != rhs.bodyLength { return lhs.bodyLength > rhs.bodyLength }
        case .sourcePriority(let sources):
            let left = Self.rank(of: lhs, in: sources)
            let right = Self.rank(of: rhs, in: sources)
            if left != right { return left < right }
        }
        return lhsIndex < rhsIndex
    }
}
