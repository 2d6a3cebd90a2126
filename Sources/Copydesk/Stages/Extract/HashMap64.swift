/// A map from 64-bit hashes to values in an open-addressing table with linear probing. The keys
/// are already hashes (FNV-1a of a word or phrase, a feature hash), so unlike `Dictionary` it does
/// not hash them again with a seeded SipHash: a lookup is a multiply, a shift and usually one
/// probe.
struct HashMap64<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var shift: UInt64
    private var zeroValue: Value?
    /// The number of keys.
    private(set) var count = 0

    /// An empty map sized for about `capacity` keys before it grows.
    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always) private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The value of `key`, if present; setting `nil` is not supported.
    subscript(key: UInt64) -> Value? {
        @inline(__always) get {
            if key == 0 { return zeroValue }
            let mask = keys.count - 1
            var slot = home(key)
            while true {
                let found = keys[slot]
                if found == key { return values[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
        set {
            guard let newValue else { preconditionFailure("HashMap64 does not remove keys") }
            if key == 0 {
                if zeroValue == nil { count += 1 }
                zeroValue = newValue
                return
            }
            if (count + 1) * 2 > keys.count { grow() }
            let mask = keys.count - 1
            var slot = home(key)
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            if keys[slot] == 0 { count += 1 }
            keys[slot] = key
            values[slot] = newValue
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Value?](repeating: nil, count: oldKeys.count * 2)
        shift -= 1
        count = zeroValue == nil ? 0 : 1
        for (slot, key) in oldKeys.enumerated() where key != 0 { self[key] = oldValues[slot] }
    }
}
