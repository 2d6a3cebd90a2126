import Foundation

/// Locality-sensitive hashing over MinHash signatures by banding: the signature is cut into
/// `bands` bands of `rows` values, each band hashes to a 64-bit band key, and two documents are
/// candidates when any band key is shared. Two sets of Jaccard similarity `s` become candidates
/// with probability `1 − (1 − s^rows)^bands` (``collisionProbability(similarity:bands:rows:)``).
///
/// Buckets are kept as singly linked chains in flat arrays (one dictionary entry per distinct
/// band key), so an index of a million documents needs no per-bucket allocations.
public struct LSHIndex: Sendable {
    /// Number of bands.
    public let bands: Int
    /// Signature values per band.
    public let rows: Int
    /// Last inserted slot of each band key's chain.
    private var heads: [UInt64: Int32] = [:]
    /// Document id held by each slot.
    private var slotIds: [Int32] = []
    /// Previous slot of the same chain, or −1.
    private var slotNext: [Int32] = []

    /// Creates an empty index for signatures of `bands × rows` values.
    public init(bands: Int = 40, rows: Int = 3) {
        self.bands = max(1, bands)
        self.rows = max(1, rows)
    }

    /// Number of band entries stored.
    public var entryCount: Int { slotIds.count }

    /// The band keys of a signature, one per band; band `i` is mixed into its key so equal
    /// values in different bands do not collide. A persistent store can index these directly.
    public func bandKeys(of signature: [UInt64]) -> [UInt64] {
        precondition(signature.count >= bands * rows, "signature shorter than bands × rows")
        var keys: [UInt64] = []
        keys.reserveCapacity(bands)
        for band in 0..<bands {
            var key = StableHash.mix64(UInt64(band) &+ 0x1B87_3593_CC9E_2D51)
            for row in 0..<rows {
                key = StableHash.combine(key, signature[band * rows + row])
            }
            keys.append(key)
        }
        return keys
    }

    /// Adds document `id` under every band key of `signature`.
    public mutating func insert(id: Int, signature: [UInt64]) {
        insert(id: id, bandKeys: bandKeys(of: signature))
    }

    /// Adds document `id` under precomputed band keys.
    public mutating func insert(id: Int, bandKeys: [UInt64]) {
        for key in bandKeys {
            let slot = Int32(slotIds.count)
            slotIds.append(Int32(id))
            slotNext.append(heads[key] ?? -1)
            heads[key] = slot
        }
    }

    /// Ids of documents sharing at least one band key with `signature`, ascending, each once.
    public func candidates(for signature: [UInt64]) -> [Int] {
        candidates(forBandKeys: bandKeys(of: signature))
    }

    /// Ids of documents sharing at least one of `bandKeys`, ascending, each once.
    public func candidates(forBandKeys bandKeys: [UInt64]) -> [Int] {
        var found: [Int] = []
        for key in bandKeys {
            var slot = heads[key] ?? -1
            while slot >= 0 {
                found.append(Int(slotIds[Int(slot)]))
                slot = slotNext[Int(slot)]
            }
        }
        guard found.count > 1 else { return found }
        found.sort()
        var write = 1
        for read in 1..<found.count where found[read] != found[write - 1] {
            found[write] = found[read]
            write += 1
        }
        return Array(found[..<write])
    }

    /// Probability that two sets of Jaccard similarity `similarity` share at least one band:
    /// `1 − (1 − s^rows)^bands`.
    public static func collisionProbability(similarity: Double, bands: Int, rows: Int) -> Double {
        1 - pow(1 - pow(similarity, Double(rows)), Double(bands))
    }
}
