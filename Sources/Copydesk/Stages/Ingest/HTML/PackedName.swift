/// A name of up to 16 ASCII bytes packed into two integers, so element and attribute names
/// are looked up without making a string of each.
struct PackedName: Hashable, Sendable {
    fileprivate var low: UInt64 = 0
    fileprivate var high: UInt64 = 0

    /// Packs a NUL-terminated name; `nil` when it is longer than 16 bytes.
    init?(_ name: UnsafePointer<UInt8>) {
        for index in 0...16 {
            let byte = name[index]
            if byte == 0 { return }
            if index == 16 { return nil }
            if index < 8 {
                low |= UInt64(byte) << (8 * UInt64(index))
            } else {
                high |= UInt64(byte) << (8 * UInt64(index - 8))
            }
        }
        return nil
    }
}

/// A fixed table from packed names to values, looked up with one multiply and a few probes:
/// the parser looks up every element's and attribute's name.
struct PackedNameTable<Value: Sendable>: Sendable {
    private var keys: [PackedName?]
    private var values: [Value?]
    private let mask: Int

    /// A table holding `entries` (names of at most 16 bytes).
    init(_ entries: [(String, Value)]) {
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        keys = Array(repeating: nil, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
        for (name, value) in entries {
            var bytes = Array(name.utf8)
            bytes.append(0)
            let key = bytes.withUnsafeBufferPointer { PackedName($0.baseAddress!)! }
            var slot = Self.slot(of: key, mask: mask)
            while keys[slot] != nil { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }

    /// The value of `key`, if the table holds it.
    subscript(key: PackedName) -> Value? {
        var slot = Self.slot(of: key, mask: mask)
        while let found = keys[slot] {
            if found == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private static func slot(of key: PackedName, mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key.low ^ (key.high &* 31)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }
}
