/// What dedupe knows about one article's content: its exact-content key and the MinHash
/// signature of its shingle set.
///
/// The shingles themselves are not kept: every near-duplicate decision (within a run, against
/// the history, across a resume or a shard boundary) compares signatures, so one rule decides
/// everywhere and a fingerprint costs the same whether it is held in memory or stored.
public struct DocumentFingerprint: Sendable, Equatable {
    /// Key for exact-duplicate detection over title and body tokens.
    public var exactKey: ContentKey
    /// MinHash signature of the body's shingle set.
    public var signature: [UInt64]

    /// Creates a fingerprint from its parts.
    public init(exactKey: ContentKey, signature: [UInt64]) {
        self.exactKey = exactKey
        self.signature = signature
    }

    /// Whether the body had no words, so the signature is empty and only the exact key counts.
    public var hasNoShingles: Bool { signature.first == MinHasher.emptyValue }
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

    /// The fingerprint of an article: the exact key covers title and body, the signature the
    /// body only (headlines are often rewritten on copies).
    public func fingerprint(title: String?, body: String) -> DocumentFingerprint {
        let bodyTokens = shingler.tokenHashes(of: body)
        var keyTokens = title.map { shingler.tokenHashes(of: $0) } ?? []
        keyTokens.append(StableHash.mix64(UInt64(keyTokens.count)))
        keyTokens.append(contentsOf: bodyTokens)
        return DocumentFingerprint(
            exactKey: ContentKey(tokenHashes: keyTokens),
            signature: minHasher.signature(of: shingler.shingleHashes(ofTokens: bodyTokens)))
    }
}
