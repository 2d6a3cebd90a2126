/// A set of one article's shingle hashes in open addressing over one flat array: shingle hashes
/// are well mixed already, so their low bits pick the slot and no hasher runs, and no sort is
/// needed to make a block's shingles unique or to compare two blocks. Zero, the empty slot's
/// mark, is kept in a flag of its own. Sized once for the values it will hold, it never grows.
struct ShingleSet {
    private var slots: [UInt64]
    private let mask: Int
    private var holdsZero = false

    /// A set for up to `capacity` distinct shingles (kept at most half full).
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds `shingle`; true when it was not in the set yet.
    @discardableResult
    mutating func insert(_ shingle: UInt64) -> Bool {
        if shingle == 0 {
            let added = !holdsZero
            holdsZero = true
            return added
        }
        var slot = Int(truncatingIfNeeded: shingle) & mask
        while slots[slot] != 0 {
            if slots[slot] == shingle { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = shingle
        return true
    }

    /// Whether `shingle` is in the set.
    func contains(_ shingle: UInt64) -> Bool {
        guard shingle != 0 else { return holdsZero }
        var slot = Int(truncatingIfNeeded: shingle) & mask
        while slots[slot] != 0 {
            if slots[slot] == shingle { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// `|a ∩ self| / |a|` for unique shingles `a`; 0 when `a` is empty.
    func containment(of shingles: [UInt64]) -> Double {
        shingles.isEmpty ? 0 : Double(shingles.count { contains($0) }) / Double(shingles.count)
    }
}
