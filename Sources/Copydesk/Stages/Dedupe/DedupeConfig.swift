/// Parameters of near-duplicate detection; `docs/dedupe.md` explains each and how to tune it.
public struct DedupeConfig: Sendable, Equatable {
    /// Words per shingle.
    public var shingleSize: Int
    /// MinHash signature length; must equal `bands × rows`.
    public var hashCount: Int
    /// LSH bands.
    public var bands: Int
    /// Signature values per LSH band.
    public var rows: Int
    /// Seed of the MinHash parameters; stored signatures are only comparable under the same seed.
    public var seed: UInt64
    /// Minimum Jaccard similarity of shingle sets for two documents to be near duplicates.
    public var threshold: Double
    /// Which member of a duplicate cluster is kept.
    public var survivorPolicy: SurvivorPolicy

    /// Creates a configuration; the defaults are the measured ones in `docs/dedupe.md`.
    public init(
        shingleSize: Int = 3,
        hashCount: Int = 120,
        bands: Int = 40,
        rows: Int = 3,
        seed: UInt64 = 0x00C0_FFEE_D0C5_7A7E,
        threshold: Double = 0.4,
        survivorPolicy: SurvivorPolicy = .earliestDate
    ) {
        self.shingleSize = shingleSize
        self.hashCount = hashCount
        self.bands = bands
        self.rows = rows
        self.seed = seed
        self.threshold = threshold
        self.survivorPolicy = survivorPolicy
    }

    /// A description of what is wrong with the configuration, or nil when it is valid.
    public var problem: String? {
        if shingleSize < 1 { return "shingle_size must be at least 1" }
        if hashCount < 1 { return "hash_count must be at least 1" }
        if bands < 1 || rows < 1 { return "bands and rows must be at least 1" }
        if bands * rows != hashCount { return "bands × rows (\(bands) × \(rows)) must equal hash_count (\(hashCount))" }
        if !(threshold > 0 && threshold <= 1) { return "threshold must be in (0, 1]" }
        return nil
    }
}
