import Copydesk

/// The synthetic fingerprints of the cluster-phase benchmark, each made from its number alone,
/// so a store of millions is filled without holding them.
///
/// Article `n` is, by a roll of its own: an original (70%), with a random signature of
/// `hash_count` values; an exact copy (10%) of an earlier article, with its signature and exact
/// key; or a near copy (20%) of an earlier article, its signature with 20–40% of the values
/// replaced (estimated Jaccard similarity about 0.6–0.8, above the default threshold 0.4).
/// Ids are `bench-0000001` and so on; the rank is the article's day as an integer (`20250314`),
/// its date that day.
struct ClusterBenchCorpus {
    /// What an article is.
    enum Kind {
        /// Unlike any earlier article.
        case original
        /// The content of an earlier article.
        case exactCopy
        /// An edited earlier article.
        case nearCopy
    }

    private let hashCount: Int
    private let seed: UInt64

    /// The corpus for signatures of `hashCount` values, drawn from `seed`.
    init(hashCount: Int, seed: UInt64 = 42) {
        self.hashCount = hashCount
        self.seed = seed
    }

    /// What article `number` is, and the earlier article it copies (itself for an original).
    func kind(of number: Int) -> (kind: Kind, source: Int) {
        var random = stream(number, 0x4B1D)
        let roll = Double(random.next() >> 11) / Double(1 << 53)
        guard number > 0, roll < 0.3 else { return (.original, number) }
        return (roll < 0.1 ? .exactCopy : .nearCopy, Int(random.next() % UInt64(number)))
    }

    /// Article `number` as the `fingerprint` phase records it, at `ordinal` in its shard.
    func document(_ number: Int, ordinal: Int) -> ShardDocument {
        let day = 20_250_101 + (number % 12) * 100 + number / 12 % 28
        let date = "\(day / 10_000)-\(Self.twoDigits(day / 100 % 100))-\(Self.twoDigits(day % 100))"
        return ShardDocument(ordinal: ordinal, articleID: Self.id(number), date: date, rank: Int64(day), fingerprint: fingerprint(number))
    }

    /// The id of article `number`.
    static func id(_ number: Int) -> String {
        let digits = String(number)
        return "bench-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// The fingerprint of article `number`, following its copies back to an original.
    func fingerprint(_ number: Int) -> DocumentFingerprint {
        let (kind, source) = kind(of: number)
        var random = stream(number, 0x51D)
        switch kind {
        case .original:
            let key = ContentKey(high: random.next(), low: random.next())
            return DocumentFingerprint(exactKey: key, signature: (0..<hashCount).map { _ in random.next() >> 1 })
        case .exactCopy:
            return fingerprint(source)
        case .nearCopy:
            var signature = fingerprint(source).signature
            let replaced = hashCount / 5 + Int(random.next() % UInt64(hashCount / 5 + 1))
            for _ in 0..<replaced { signature[Int(random.next() % UInt64(hashCount))] = random.next() >> 1 }
            return DocumentFingerprint(exactKey: ContentKey(high: random.next(), low: random.next()), signature: signature)
        }
    }

    /// The random stream of article `number` for one purpose, named by `salt`.
    private func stream(_ number: Int, _ salt: UInt64) -> SplitMix64 {
        SplitMix64(seed: StableHash.mix64((seed ^ salt) &+ UInt64(number) &* 0x9E37_79B9_7F4A_7C15))
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
