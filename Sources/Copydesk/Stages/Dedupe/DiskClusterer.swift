import Foundation

/// Duplicate clusters found on disk: the dedupe stage's whole-run policies and the `cluster`
/// phase of a sharded run (every shard's documents, added in single-machine input order) decide
/// with it, with memory that holds integers per document and never a signature or an id, so a
/// run of any size clusters in the same memory.
///
/// Signatures and ids go to scratch files as documents are added; so do the LSH band keys
/// (`bands` files of (key, document) pairs, each cut into key partitions small enough to sort
/// in memory) and the exact content keys. ``decide()`` then
/// 1. sorts the exact keys: documents sharing one form a group whose first member represents
///    it (copies share their signature, so only representatives need comparing);
/// 2. sorts each band's pairs: representatives sharing a band key are candidates, confirmed by
///    the MinHash estimate of their Jaccard similarity reaching the threshold;
/// 3. whole-run policies: confirmed pairs and exact groups are joined by union-find, and each
///    cluster keeps the member ranked first by the policy (``SurvivorPolicy/rank(of:)``, ties
///    to input order), exactly the components and survivors of ``DuplicateClusterer``;
///    `first_seen`: documents are decided in input order against the survivors so far, by
///    the rule of ``NearDuplicateIndex`` and ``IndexMatch/preferred(_:_:)``, from the
///    confirmed pairs kept as an adjacency list.
/// A document with a history match takes no part in whole-run clustering, as in the dedupe
/// stage; under `first_seen` it is matched against the survivors too and never survives.
///
/// Memory: 17 bytes a document while documents are added (id offset, rank, flag), 41 while
/// deciding (with groups, union-find, survivors, targets and similarities) and 20 once decided
/// (id offset, target, similarity: what a verdict needs); while a partition
/// is sorted in place, 16 bytes a pair of a band's or 24 a document of the exact keys; for
/// `first_seen`, the confirmed pairs. Disk: 8 × `hash_count` bytes a document for
/// signatures, 16 × `bands` for band keys, 24 + 16 for exact keys, and the ids.
struct DiskClusterer {
    /// What was decided for one document.
    struct Verdict: Equatable {
        /// The id of the article it duplicates.
        var key: String
        /// The similarity to that article.
        var similarity: Double
    }

    /// One band key of a document, as a band file holds it.
    private struct BandEntry: BitwiseCopyable {
        var key: UInt64
        var document: UInt64
    }

    /// One exact content key of a document, as an exact-key file holds it.
    private struct ExactEntry: BitwiseCopyable {
        var high: UInt64
        var low: UInt64
        var document: UInt64
    }

    private static let partitionBytes = 256 << 20
    /// The write buffer of each band and exact-key file: there are `bands` × partitions of
    /// them, so 64 KiB each keeps them to a few MB where 1 MiB each made 40 MB.
    private static let keyFileBufferBytes = 64 << 10
    private let config: DedupeConfig
    private let streaming: Bool
    private let lsh: LSHIndex
    private let signatures: ScratchFile
    private let ids: ScratchFile
    private let bandFiles: [[ScratchFile]]
    private let exactFiles: [ScratchFile]
    private var idOffsets: [Int] = [0]
    private var ranks: [Int64] = []
    /// Each document's exact content key (high, low), read back for its fingerprint.
    private let contentKeys: ScratchFile
    private var hasShingles: [Bool] = []
    private var historyMatches: [Int32: IndexMatch] = [:]
    /// Per document: −1 survivor, −2 duplicate of its history match, else the survivor's index.
    private var targets: [Int32] = []
    private var similarities: [Double] = []

    /// Prepares scratch files in `directory` for about `expectedDocuments` documents.
    init(config: DedupeConfig, streaming: Bool, expectedDocuments: Int, directory: String) throws {
        self.config = config
        self.streaming = streaming
        lsh = LSHIndex(bands: config.bands, rows: config.rows)
        let partitions = max(1, (expectedDocuments * 16 + Self.partitionBytes - 1) / Self.partitionBytes)
        signatures = try ScratchFile(path: directory + "/signatures")
        ids = try ScratchFile(path: directory + "/ids")
        contentKeys = try ScratchFile(path: directory + "/content-keys", bufferBytes: Self.keyFileBufferBytes)
        bandFiles = try (0..<config.bands).map { band in
            try (0..<partitions).map { try ScratchFile(path: directory + "/band-\(band)-\($0)", bufferBytes: Self.keyFileBufferBytes) }
        }
        exactFiles = try (0..<partitions).map { try ScratchFile(path: directory + "/exact-\($0)", bufferBytes: Self.keyFileBufferBytes) }
    }

    /// Number of documents added.
    private(set) var count = 0

    /// Adds the next document in input order, with the history record it duplicates, if any.
    mutating func add(_ document: ShardDocument, historyMatch: IndexMatch?) throws {
        precondition(document.fingerprint.signature.count == config.hashCount, "signature length differs from hash_count")
        let index = UInt64(count)
        try signatures.append(document.fingerprint.signature)
        try ids.append(bytes: document.articleID.utf8)
        idOffsets.append(ids.size)
        ranks.append(document.rank)
        try contentKeys.append(document.fingerprint.exactKey.high)
        try contentKeys.append(document.fingerprint.exactKey.low)
        hasShingles.append(!document.fingerprint.hasNoShingles)
        count += 1
        if let historyMatch { historyMatches[Int32(index)] = historyMatch }
        // Whole-run clustering leaves history matches out entirely, as the dedupe stage does.
        guard streaming || historyMatch == nil else { return }
        let key = document.fingerprint.exactKey
        let exact = exactFiles[Int(key.high % UInt64(exactFiles.count))]
        try exact.append(key.high)
        try exact.append(key.low)
        try exact.append(index)
        guard !document.fingerprint.hasNoShingles else { return }
        for (band, bandKey) in lsh.bandKeys(of: document.fingerprint.signature).enumerated() {
            let file = bandFiles[band][Int((bandKey >> 40) % UInt64(bandFiles[band].count))]
            try file.append(bandKey)
            try file.append(index)
        }
    }

    /// Decides every document added; ``verdict(of:)`` then tells each one's.
    mutating func decide() throws {
        for file in [signatures, ids, contentKeys] + exactFiles + bandFiles.joined() { try file.flush() }
        let groups = try exactGroups()
        if streaming {
            try decideInOrder(groups: groups, edges: try confirmedPairs(groups: groups))
        } else {
            try decideClusters(groups: groups)
        }
        // Only deciding reads the ranks and flags; the verdicts need neither.
        ranks = []
        hasShingles = []
    }

    /// What was decided for document `index`: `nil` for a survivor.
    func verdict(of index: Int) throws -> Verdict? {
        switch targets[index] {
        case -1: return nil
        case -2:
            guard let match = historyMatches[Int32(index)] else { preconditionFailure("a history verdict without its match") }
            return Verdict(key: match.key, similarity: match.similarity)
        case let survivor: return Verdict(key: try id(of: Int(survivor)), similarity: similarities[index])
        }
    }

    /// The input position of the survivor document `index` duplicates; `nil` for a survivor or
    /// a duplicate of a history record.
    func survivorIndex(of index: Int) -> Int? {
        targets[index] >= 0 ? Int(targets[index]) : nil
    }

    /// The fingerprint of document `index`, its signature read back from disk.
    func fingerprint(of index: Int) throws -> DocumentFingerprint {
        var key: (high: UInt64, low: UInt64) = (0, 0)
        try withUnsafeMutableBytes(of: &key) { try contentKeys.read(into: $0, at: index * 16) }
        return DocumentFingerprint(exactKey: ContentKey(high: key.high, low: key.low), signature: try signature(of: index))
    }

    /// The article id of document `index`.
    func id(of index: Int) throws -> String {
        var bytes = [UInt8](repeating: 0, count: idOffsets[index + 1] - idOffsets[index])
        try bytes.withUnsafeMutableBytes { try ids.read(into: $0, at: idOffsets[index]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The signature of document `index`.
    private func signature(of index: Int) throws -> [UInt64] {
        var values = [UInt64](repeating: 0, count: config.hashCount)
        try values.withUnsafeMutableBytes { try signatures.read(into: $0, at: index * config.hashCount * 8) }
        return values
    }

    /// Each document's exact group, named by its first member; a document left out of the
    /// exact keys (a history match under a whole-run policy) is its own.
    private func exactGroups() throws -> [Int32] {
        var groups = (0..<Int32(count)).map { $0 }
        for file in exactFiles {
            var entries = try file.records(of: ExactEntry.self)
            entries.sort { ($0.high, $0.low, $0.document) < ($1.high, $1.low, $1.document) }
            var start = 0
            while start < entries.count {
                var end = start + 1
                while end < entries.count, entries[end].high == entries[start].high, entries[end].low == entries[start].low {
                    groups[Int(entries[end].document)] = Int32(entries[start].document)
                    end += 1
                }
                start = end
            }
        }
        return groups
    }

    /// Calls `body` with the representatives (ascending) sharing each band key, for every
    /// band key at least two share.
    private func forEachBucket(groups: [Int32], _ body: ([Int]) throws -> Void) throws {
        for file in bandFiles.joined() {
            var pairs = try file.records(of: BandEntry.self)
            // Documents are added in ascending order, so a stable sort by key alone leaves the
            // pairs in (key, document) order.
            pairs.radixSort { $0.key }
            var start = 0
            while start < pairs.count {
                var end = start
                var members: [Int] = []
                while end < pairs.count, pairs[end].key == pairs[start].key {
                    let member = Int(pairs[end].document)
                    if groups[member] == Int32(member) { members.append(member) }
                    end += 1
                }
                if members.count > 1 { try body(members) }
                start = end
            }
        }
    }

    /// Whole-run policies: exact groups and confirmed pairs joined, one survivor per cluster.
    private mutating func decideClusters(groups: [Int32]) throws {
        var parents = (0..<Int32(count)).map { $0 }
        func find(_ element: Int32) -> Int32 {
            var node = element
            while parents[Int(node)] != node {
                parents[Int(node)] = parents[Int(parents[Int(node)])]
                node = parents[Int(node)]
            }
            return node
        }
        func union(_ a: Int32, _ b: Int32) {
            let (rootA, rootB) = (find(a), find(b))
            if rootA < rootB { parents[Int(rootB)] = rootA } else if rootB < rootA { parents[Int(rootA)] = rootB }
        }
        for (member, group) in groups.enumerated() where group != Int32(member) { union(group, Int32(member)) }
        let threshold = config.threshold
        try forEachBucket(groups: groups) { members in
            // Signatures are read only for pairs not yet joined: a cluster met again in another
            // band costs no read.
            var memberSignatures = [[UInt64]?](repeating: nil, count: members.count)
            func signature(at position: Int) throws -> [UInt64] {
                if let known = memberSignatures[position] { return known }
                let read = try self.signature(of: members[position])
                memberSignatures[position] = read
                return read
            }
            for later in 1..<members.count {
                for earlier in 0..<later where find(Int32(members[earlier])) != find(Int32(members[later])) {
                    if MinHasher.estimatedJaccard(try signature(at: earlier), try signature(at: later)) >= threshold {
                        union(Int32(members[earlier]), Int32(members[later]))
                    }
                }
            }
        }
        var survivors = [Int32](repeating: -1, count: count)
        for index in 0..<count where historyMatches[Int32(index)] == nil {
            let root = Int(find(Int32(index)))
            let kept = survivors[root]
            if kept < 0 || (ranks[index], index) < (ranks[Int(kept)], Int(kept)) { survivors[root] = Int32(index) }
        }
        targets = [Int32](repeating: -1, count: count)
        similarities = [Double](repeating: 0, count: count)
        for index in 0..<count {
            if let match = historyMatches[Int32(index)] {
                targets[index] = -2
                similarities[index] = match.similarity
                continue
            }
            let kept = survivors[Int(find(Int32(index)))]
            guard kept != Int32(index) else { continue }
            targets[index] = kept
            similarities[index] =
                groups[index] == groups[Int(kept)]
                ? 1 : MinHasher.estimatedJaccard(try signature(of: index), try signature(of: Int(kept)))
        }
    }

    /// `first_seen`: the confirmed pairs of representatives, as an adjacency list by group,
    /// each partner with the similarity, partners ascending.
    private func confirmedPairs(groups: [Int32]) throws -> [Int32: [(partner: Int32, similarity: Double)]] {
        var candidates = Set<UInt64>()
        try forEachBucket(groups: groups) { members in
            for later in 1..<members.count {
                for earlier in 0..<later { candidates.insert(UInt64(members[earlier]) << 32 | UInt64(members[later])) }
            }
        }
        var edges: [Int32: [(partner: Int32, similarity: Double)]] = [:]
        for pair in candidates.sorted() {
            let (earlier, later) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
            let similarity = MinHasher.estimatedJaccard(try signature(of: earlier), try signature(of: later))
            guard similarity >= config.threshold else { continue }
            edges[Int32(earlier), default: []].append((Int32(later), similarity))
            edges[Int32(later), default: []].append((Int32(earlier), similarity))
        }
        return edges
    }

    /// `first_seen`: each document in input order against the survivors before it: an exact
    /// copy of one first, else the most similar confirmed partner (ties to the earliest), then
    /// the better of that and its history match; a document matching neither survives.
    private mutating func decideInOrder(groups: [Int32], edges: [Int32: [(partner: Int32, similarity: Double)]]) throws {
        var groupSurvivor = [Int32](repeating: -1, count: count)
        targets = [Int32](repeating: -1, count: count)
        similarities = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let group = Int(groups[index])
            var seen: IndexMatch?
            if groupSurvivor[group] >= 0 {
                seen = IndexMatch(key: "", entry: Int(groupSurvivor[group]), similarity: 1, evidence: .exactContent)
            } else if hasShingles[index] {
                for (partner, similarity) in edges[Int32(group)] ?? [] {
                    let survivor = groupSurvivor[Int(partner)]
                    guard survivor >= 0 else { continue }
                    if let best = seen, similarity < best.similarity || (similarity == best.similarity && Int(survivor) > best.entry) { continue }
                    seen = IndexMatch(key: "", entry: Int(survivor), similarity: similarity, evidence: .estimatedJaccard)
                }
            }
            let history = historyMatches[Int32(index)]
            guard let chosen = IndexMatch.preferred(history, seen) else {
                groupSurvivor[group] = Int32(index)
                continue
            }
            if let history, chosen == history {
                targets[index] = -2
            } else {
                targets[index] = Int32(chosen.entry)
            }
            similarities[index] = chosen.similarity
        }
    }
}
