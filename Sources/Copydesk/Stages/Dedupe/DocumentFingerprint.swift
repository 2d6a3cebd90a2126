/// What dedupe knows about one article's content: its exact-content key, its shingle set and
/// its MinHash signature.
public struct DocumentFingerprint: Sendable, Equatable {
    /// Key for exact-duplicate detection over title and body tokens.
    public var exactKey: ContentKey
    /// Sorted, unique shingle hashes of the body.
    public var shingles: [UInt64]
    /// MinHash signature of ``shingles``.
    public var signature: [UInt64]

    /// Creates a fingerprint from its parts.
    public init(exactKey: ContentKey, shingles: [UInt64], signature: [UInt64]) {
        self.exactKey = exactKey
        self.shingles = shingles
        self.signature = signature
    }
}

/// Makes ``DocumentFingerprint``s under one ``DedupeConfig``.
public struct Fingerprinter: Sendable {
    /// The shingler for body text.
    public let shingler: Shingler
    /// The MinHasher for signatures.
    public let minHasher: MinHasher

    /// Creates a fingerprinter for the shingle size, hash count and seed of `config`.
    public init(config: DedupeConfig = DedupeConfig()) {
        shingler = Shingler(size: config.shingleSize)
        minHasher = MinHasher(hashCount: config.hashCount, seed: config.seed)
    }

    /// The fingerprint of an article: the exact key covers title and body, the shingles and
    /// signature the body only (headlines are often rewritten on copies).
    public func fingerprint(title: String?, body: String) -> DocumentFingerprint {
        let bodyTokens = shingler.tokenHashes(of: body)
        var keyTokens = title.map { shingler.tokenHashes(of: $0) } ?? []
        keyTokens.append(StableHash.mix64(UInt64(keyTokens.count)))
        keyTokens.append(contentsOf: bodyTokens)
        let shingles = shingler.shingles(ofTokens: bodyTokens)
        return DocumentFingerprint(
            exactKey: ContentKey(tokenHashes: keyTokens),
            shingles: shingles,
            signature: minHasher.signature(of: shingles))
    }
}
