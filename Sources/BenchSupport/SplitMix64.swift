/// A small, fast, seedable random number generator (SplitMix64), so generated corpora are the
/// same on every machine for the same seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A skewed pick from `items`: early items come up far more often, like words in text.
    public mutating func skewed<T>(_ items: [T]) -> T {
        let u = Double(next() >> 11) / Double(1 << 53)
        return items[min(items.count - 1, Int(Double(items.count) * u * u * u))]
    }
}
