import CMinHash

/// Computes MinHash signatures of shingle sets: for each of `hashCount` hash functions
/// `h_i(x) = (a_i · x + b_i) mod 2^64` with odd `a_i` (a permutation of 64-bit values, one
/// multiply-add; shingles are already well-mixed hashes), the
/// signature holds the minimum of `h_i` over the set. The chance that two signatures agree at a position equals the Jaccard similarity of the
/// two sets, so the fraction of agreeing positions estimates it.
///
/// The parameters `a_i` (odd) and `b_i` are drawn from a ``SplitMix64`` stream started at
/// `seed`, so the same `hashCount` and `seed` give the same signatures on every machine and run;
/// signatures made with different parameters must not be compared.
public struct MinHasher: Sendable, Equatable {
    /// The value of every position in the signature of an empty set.
    public static let emptyValue: UInt64 = .max

    /// Number of hash functions, which is the signature length.
    public let hashCount: Int
    /// Seed of the parameter stream.
    public let seed: UInt64
    private let multipliers: [UInt64]
    private let increments: [UInt64]

    /// Creates a MinHasher with `hashCount` hash functions drawn from `seed`.
    public init(hashCount: Int = 120, seed: UInt64 = 0x00C0_FFEE_D0C5_7A7E) {
        self.hashCount = max(1, hashCount)
        self.seed = seed
        var stream = SplitMix64(seed: seed)
        var multipliers: [UInt64] = []
        var increments: [UInt64] = []
        for _ in 0..<self.hashCount {
            multipliers.append(stream.next() | 1)
            increments.append(stream.next())
        }
        self.multipliers = multipliers
        self.increments = increments
    }

    /// The signature of a shingle set (duplicates in `shingles` and their order do not change
    /// it). An empty set gives a signature of ``emptyValue`` everywhere. The minima are taken by
    /// a C kernel (`CMinHash`) that holds blocks of positions in vector registers, with the
    /// processor's widest vector unit chosen at start-up; every variant gives the same values.
    public func signature(of shingles: [UInt64]) -> [UInt64] {
        var signature = [UInt64](repeating: Self.emptyValue, count: hashCount)
        signature.withUnsafeMutableBufferPointer { minima in
            multipliers.withUnsafeBufferPointer { a in
                increments.withUnsafeBufferPointer { b in
                    shingles.withUnsafeBufferPointer { values in
                        copydesk_minhash_lower(a.baseAddress, b.baseAddress, hashCount, values.baseAddress, values.count, minima.baseAddress)
                    }
                }
            }
        }
        return signature
    }

    /// The fraction of positions where two signatures agree: an unbiased estimate of the
    /// Jaccard similarity of the sets they were made from. Signatures of different lengths, or
    /// where either set was empty, estimate 0.
    public static func estimatedJaccard(_ lhs: [UInt64], _ rhs: [UInt64]) -> Double {
        guard lhs.count == rhs.count, !lhs.isEmpty, lhs[0] != emptyValue, rhs[0] != emptyValue else { return 0 }
        var agreeing = 0
        for index in 0..<lhs.count where lhs[index] == rhs[index] { agreeing += 1 }
        return Double(agreeing) / Double(lhs.count)
    }
}
