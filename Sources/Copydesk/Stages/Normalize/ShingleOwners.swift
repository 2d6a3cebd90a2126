/// The first owner (a paragraph index) of each shingle hash of one article, in an
/// open-addressing table over two flat arrays: shingle hashes are well mixed already, so their
/// low bits pick the slot and no hasher runs. Sized once for the article's shingles, it never
/// grows.
struct ShingleOwners {
    private var keys: [UInt64]
    private var slotOwners: [Int32]
    private let mask: Int
    /// The smallest owner recorded; `nil` while the table is empty.
    private(set) var smallestOwner: Int?

    /// A table for up to `capacity` distinct shingles (kept at most half full).
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        slotOwners = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The owner of `shingle`, if it has one.
    func owner(of shingle: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: shingle) & mask
        while slotOwners[slot] >= 0 {
            if keys[slot] == shingle { return Int(slotOwners[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Records `owner` for `shingle` unless it has one already.
    mutating func claim(_ shingle: UInt64, for owner: Int) {
        var slot = Int(truncatingIfNeeded: shingle) & mask
        while slotOwners[slot] >= 0 {
            if keys[slot] == shingle { return }
            slot = (slot + 1) & mask
        }
        keys[slot] = shingle
        slotOwners[slot] = Int32(owner)
        smallestOwner = min(smallestOwner ?? owner, owner)
    }
}
