/// A set of 64-bit hashes in an open-addressing table with linear probing, holding the keys
/// alone, in front of which a bitmap of four bits a slot (set from the members' hashes) turns
/// most non-members away: a set of tens of thousands of words (the census names) is then
/// tested mostly in a bitmap that stays in cache, and read at most once from its table.
struct HashSet64: Sendable {
    private var keys: [UInt64]
    private var shift: UInt64
    /// The bits, `keys.count * 4` of them: a member's bit is always set.
    private var filter: [UInt64]
    private var filterShift: UInt64
    /// Whether 0, the mark of an empty slot, is a member.
    private var hasZero = false
    /// The number of members.
    private(set) var count = 0

    /// An empty set sized for about `capacity` members before it grows.
    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        filter = [UInt64](repeating: 0, count: size / 16)
        filterShift = shift - 2
    }

    /// A set of the given hashes.
    init<S: Sequence>(_ hashes: S) where S.Element == UInt64 {
        self.init(capacity: hashes.underestimatedCount)
        for hash in hashes { insert(hash) }
    }

    @inline(__always) private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The bit of `key` in ``filter``, from other bits of the key than its home slot.
    @inline(__always) private func filterBit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0xBF58_476D_1CE4_E5B9) >> filterShift) }

    /// Whether `hash` is a member.
    @inline(__always) func contains(_ hash: UInt64) -> Bool {
        if hash == 0 { return hasZero }
        let bit = filterBit(hash)
        guard filter.withUnsafeBufferPointer({ $0[bit >> 6] >> UInt64(bit & 63) & 1 != 0 }) else { return false }
        return keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var slot = home(hash)
            while true {
                let found = keys[slot]
                if found == hash { return true }
                if found == 0 { return false }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds `hash`.
    @inline(__always) mutating func insert(_ hash: UInt64) {
        if hash == 0 {
            if !hasZero { count += 1 }
            hasZero = true
            return
        }
        if (count + 1) * 2 > keys.count { grow() }
        let home = home(hash)
        let added = keys.withUnsafeMutableBufferPointer { keys in
            let mask = keys.count - 1
            var slot = home
            while keys[slot] != 0 && keys[slot] != hash { slot = (slot + 1) & mask }
            guard keys[slot] == 0 else { return false }
            keys[slot] = hash
            return true
        }
        guard added else { return }
        count += 1
        let bit = filterBit(hash)
        filter.withUnsafeMutableBufferPointer { $0[bit >> 6] |= 1 << UInt64(bit & 63) }
    }

    private mutating func grow() {
        let old = keys
        keys = [UInt64](repeating: 0, count: old.count * 2)
        shift -= 1
        filter = [UInt64](repeating: 0, count: keys.count / 16)
        filterShift = shift - 2
        count = hasZero ? 1 : 0
        for key in old where key != 0 { insert(key) }
    }
}
