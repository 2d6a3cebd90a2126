/// Hash functions that give the same value on every machine, process and run (unlike Swift's
/// `Hasher`, which is seeded randomly per process). Dedupe keys, shingles, MinHash signatures
/// and LSH band keys are built from these, so they can be stored and compared across runs.
public enum StableHash {
    /// FNV-1a 64-bit offset basis.
    public static let fnvOffsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// FNV-1a 64-bit prime.
    public static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    /// FNV-1a 64 of a byte sequence.
    @inlinable
    public static func fnv1a64<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var hash = fnvOffsetBasis
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* fnvPrime
        }
        return hash
    }

    /// The SplitMix64 finaliser: a bijective 64-bit mixer whose output bits each depend on every
    /// input bit.
    @inlinable
    public static func mix64(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Folds `value` into the running hash `state`; order-sensitive, so `combine(combine(s, a), b)`
    /// differs from `combine(combine(s, b), a)`.
    @inlinable
    public static func combine(_ state: UInt64, _ value: UInt64) -> UInt64 {
        mix64(state &+ 0x9E37_79B9_7F4A_7C15 ^ value)
    }
}

/// A deterministic SplitMix64 random number stream, used to draw MinHash permutation parameters
/// from a seed (and to generate reproducible benchmark corpora).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a stream starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64-bit value of the stream.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return StableHash.mix64(state)
    }
}
