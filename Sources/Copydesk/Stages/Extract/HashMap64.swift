/// A map from 64-bit hashes to values in an open-addressing table with linear probing. The keys
/// are already hashes (FNV-1a of a word or phrase, a feature hash), so unlike `Dictionary` it does
/// not hash them again with a seeded SipHash: a lookup is a multiply, a shift and usually one
/// probe. Each value lies next to its key, so a hit reads one cache line.
struct HashMap64<Value: Sendable>: Sendable {
    /// A key (0: empty) and its value.
    private struct Slot: Sendable {
        var key: UInt64
        var value: Value?
    }

    private var slots: [Slot]
    private var shift: UInt64
    private var zeroValue: Value?
    /// The number of keys.
    private(set) var count = 0

    /// An empty map sized for about `capacity` keys before it grows.
    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, value: nil), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always) private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The value of `key`, if present; setting `nil` is not supported.
    subscript(key: UInt64) -> Value? {
        @inline(__always) get {
            if key == 0 { return zeroValue }
            return slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var slot = home(key)
                while true {
                    let found = slots[slot].key
                    if found == key { return slots[slot].value }
                    if found == 0 { return nil }
                    slot = (slot + 1) & mask
                }
            }
        }
        set {
            guard let newValue else { preconditionFailure("HashMap64 does not remove keys") }
            if key == 0 {
                if zeroValue == nil { count += 1 }
                zeroValue = newValue
                return
            }
            if (count + 1) * 2 > slots.count { grow() }
            let mask = slots.count - 1
            var slot = home(key)
            while slots[slot].key != 0 && slots[slot].key != key { slot = (slot + 1) & mask }
            if slots[slot].key == 0 { count += 1 }
            slots[slot] = Slot(key: key, value: newValue)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: 0, value: nil), count: old.count * 2)
        shift -= 1
        count = zeroValue == nil ? 0 : 1
        for slot in old where slot.key != 0 { self[slot.key] = slot.value }
    }
}
