/// A set of 64-bit hashes in an open-addressing table with linear probing, laid out like
/// ``HashMap64`` but holding the keys alone: a lookup reads one array, so a set of tens of
/// thousands of words (the census names) costs one cache miss a test rather than two.
struct HashSet64: Sendable {
    private var keys: [UInt64]
    private var shift: UInt64
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
    }

    /// A set of the given hashes.
    init<S: Sequence>(_ hashes: S) where S.Element == UInt64 {
        self.init(capacity: hashes.underestimatedCount)
        for hash in hashes { insert(hash) }
    }

    @inline(__always) private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Whether `hash` is a member.
    @inline(__always) func contains(_ hash: UInt64) -> Bool {
        if hash == 0 { return hasZero }
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
    mutating func insert(_ hash: UInt64) {
        if hash == 0 {
            if !hasZero { count += 1 }
            hasZero = true
            return
        }
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = home(hash)
        while keys[slot] != 0 && keys[slot] != hash { slot = (slot + 1) & mask }
        if keys[slot] == 0 {
            count += 1
            keys[slot] = hash
        }
    }

    private mutating func grow() {
        let old = keys
        keys = [UInt64](repeating: 0, count: old.count * 2)
        shift -= 1
        count = hasZero ? 1 : 0
        for key in old where key != 0 { insert(key) }
    }
}
