import Copydesk

/// The articles of the history benchmark, each made from its number alone, so a store of
/// millions is filled without holding its articles and a drop can copy any stored article.
///
/// Ids are 16 hex digits and dates ISO days, as real records have them, so the store's size
/// per article is that of real records. Every article has 300 random shingles.
struct HistoryBenchCorpus {
    /// What one article of a drop is, compared with the stored articles.
    enum DropKind {
        /// The exact content of a stored article under another id.
        case exactCopy
        /// A stored article with 30 of its 300 shingles replaced (Jaccard similarity 0.82).
        case nearCopy
        /// An article the store has nothing like.
        case new
    }

    /// One article of a drop.
    struct DropArticle {
        /// Its id.
        var id: String
        /// Its fingerprint.
        var fingerprint: DocumentFingerprint
        /// How it relates to the stored articles.
        var kind: DropKind
    }

    private static let shinglesPerArticle = 300
    private static let replacedInNearCopy = 30
    private let minHasher: MinHasher

    /// Creates the corpus for fingerprints made under `config`.
    init(config: DedupeConfig) {
        minHasher = MinHasher(hashCount: config.hashCount, seed: config.seed)
    }

    /// The id of stored article `number`.
    func storedID(_ number: Int) -> String {
        Self.hexID(StableHash.mix64(UInt64(number) &+ 0x5EED))
    }

    /// The date of stored article `number`: one of the days of a year.
    func storedDate(_ number: Int) -> String {
        let day = number % 336
        return "2025-\(Self.twoDigits(day / 28 + 1))-\(Self.twoDigits(day % 28 + 1))"
    }

    /// The fingerprint of stored article `number`.
    func storedFingerprint(_ number: Int) -> DocumentFingerprint {
        var random = SplitMix64(seed: StableHash.mix64(UInt64(number) &+ 0xC0DE))
        return DocumentFingerprint(
            exactKey: ContentKey(high: random.next(), low: random.next()), signature: minHasher.signature(of: shingles(of: number)))
    }

    /// Drop `dropNumber`: `count` articles, one in ten an exact copy and one in ten a near copy
    /// of an article among the first `storedNumbers` stored ones, the rest new.
    func drop(_ dropNumber: Int, count: Int, storedNumbers: Int) -> [DropArticle] {
        var random = SplitMix64(seed: StableHash.mix64(UInt64(dropNumber) &+ 0xD409))
        return (0..<count).map { index in
            let id = Self.hexID(random.next())
            let source = storedNumbers > 0 ? Int(random.next() % UInt64(storedNumbers)) : 0
            switch (index % 10, storedNumbers > 0) {
            case (0, true):
                return DropArticle(id: id, fingerprint: storedFingerprint(source), kind: .exactCopy)
            case (5, true):
                var shingles = shingles(of: source)
                for position in 0..<Self.replacedInNearCopy { shingles[position] = random.next() }
                let fingerprint = DocumentFingerprint(
                    exactKey: ContentKey(high: random.next(), low: random.next()), signature: minHasher.signature(of: shingles))
                return DropArticle(id: id, fingerprint: fingerprint, kind: .nearCopy)
            default:
                let shingles = (0..<Self.shinglesPerArticle).map { _ in random.next() }
                let fingerprint = DocumentFingerprint(
                    exactKey: ContentKey(high: random.next(), low: random.next()), signature: minHasher.signature(of: shingles))
                return DropArticle(id: id, fingerprint: fingerprint, kind: .new)
            }
        }
    }

    /// The shingles of stored article `number`.
    private func shingles(of number: Int) -> [UInt64] {
        var random = SplitMix64(seed: StableHash.mix64(UInt64(number) &+ 0x5111))
        return (0..<Self.shinglesPerArticle).map { _ in random.next() }
    }

    private static func hexID(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
