import Foundation

/// The weights of the entity tagger: one row of ``EntityTag`` scores per hashed feature. Rows
/// lie densely in key order; an open-addressing index of 8-byte slots (the key's upper half and
/// the row number) finds them, small enough to stay in cache, so that a feature costs about one
/// probe and, when known, one row read. A slot is recognised by its home position (the key's
/// lower bits) and the key's upper half together: an unknown feature is taken for a known one
/// only when both agree, about once in 2³² lookups, and always the same way.
///
/// File format (`Resources/extract/ner.model`, little-endian): the 8 bytes `CDNER01\n`, then
/// UInt32 feature-set version, UInt32 tag count, UInt32 feature count, then the feature hashes
/// (UInt64 each, ascending) and their rows (tag-count Float32 each, in hash order).
struct TaggerWeights: Sendable {
    /// A model file that cannot be used.
    struct FormatError: Error, CustomStringConvertible {
        /// What is wrong.
        let reason: String
        var description: String { "entity model Resources/extract/ner.model: \(reason)" }
    }

    private static let magic = Array("CDNER01\n".utf8)
    /// The nine tags: ``accumulate(_:into:)`` sums their scores as eight vector lanes and one.
    private static let tagCount = EntityTag.count

    /// Feature hashes, ascending (for ``serialized()``).
    private let keys: [UInt64]
    /// Rows of `keys`, `tagCount` floats each.
    private let rows: [Float]
    /// Slots: the key's upper 32 bits, then the row number plus one (0: empty).
    private let index: [UInt64]
    private let mask: Int
    /// One bit for each value of the low ``upperHalfBits`` bits of a key's upper half, set when
    /// some key has that value: a feature whose bit is clear is unknown without a look at the
    /// index (exactly, since a probe only ever stops at a key with the same upper half), and
    /// the bits fit in cache where the index does not.
    private let upperHalves: [UInt64]
    private static let upperHalfBits = 19

    /// A table over `keys` (ascending, distinct) and their rows.
    init(keys: [UInt64], rows: [Float]) {
        precondition(Self.tagCount == 9, "accumulate(_:into:) sums eight vector lanes and one more tag")
        self.keys = keys
        self.rows = rows
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        var index = [UInt64](repeating: 0, count: capacity)
        for (row, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: key) & mask
            while index[slot] != 0 { slot = (slot + 1) & mask }
            index[slot] = key & 0xFFFF_FFFF_0000_0000 | UInt64(row + 1)
        }
        self.index = index
        var upperHalves = [UInt64](repeating: 0, count: (1 << Self.upperHalfBits) / 64)
        for key in keys {
            let bit = Self.upperHalfBit(key)
            upperHalves[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.upperHalves = upperHalves
    }

    /// The bit of ``upperHalves`` for `key`.
    @inline(__always) private static func upperHalfBit(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: key >> 32) & ((1 << upperHalfBits) - 1)
    }

    /// Adds the row of every feature in `features` to `scores` (one per tag), in feature order.
    /// Features whose ``upperHalves`` bit is clear are passed over; the home slots of the others
    /// are read next, in a loop without branches, so that their cache misses overlap instead
    /// of each waiting for the one before; the probes and the rows follow.
    func accumulate(_ features: [UInt64], into scores: inout [Float]) {
        let count = features.count
        upperHalves.withUnsafeBufferPointer { upperHalves in
            index.withUnsafeBufferPointer { index in
                rows.withUnsafeBufferPointer { rows in
                    scores.withUnsafeMutableBufferPointer { scores in
                        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, 2 * count)) { scratch in
                            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, count)) { homeEntries in
                                // `scratch` holds the features that may be known, then the row offsets found.
                                var possible = 0
                                for k in 0..<count {
                                    let bit = Self.upperHalfBit(features[k])
                                    scratch[possible] = k
                                    possible += Int(truncatingIfNeeded: upperHalves[bit >> 6] >> UInt64(bit & 63) & 1)
                                }
                                for j in 0..<possible { homeEntries[j] = index[Int(truncatingIfNeeded: features[scratch[j]]) & mask] }
                                var found = 0
                                for j in 0..<possible {
                                    let feature = features[scratch[j]]
                                    let upper = feature & 0xFFFF_FFFF_0000_0000
                                    var slot = Int(truncatingIfNeeded: feature) & mask
                                    var entry = homeEntries[j]
                                    while entry != 0 {
                                        if entry & 0xFFFF_FFFF_0000_0000 == upper {
                                            scratch[count + found] = (Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1) * Self.tagCount
                                            found += 1
                                            break
                                        }
                                        slot = (slot + 1) & mask
                                        entry = index[slot]
                                    }
                                }
                                // Tags 0–7 in vector lanes and tag 8 alone, each added in feature order as before.
                                let rowBytes = UnsafeRawPointer(rows.baseAddress!)
                                var lanes = UnsafeRawPointer(scores.baseAddress!).loadUnaligned(as: SIMD8<Float>.self)
                                var last = scores[8]
                                for j in 0..<found {
                                    let base = scratch[count + j]
                                    lanes += rowBytes.loadUnaligned(fromByteOffset: base * 4, as: SIMD8<Float>.self)
                                    last += rows[base + 8]
                                }
                                UnsafeMutableRawPointer(scores.baseAddress!).storeBytes(of: lanes, as: SIMD8<Float>.self)
                                scores[8] = last
                            }
                        }
                    }
                }
            }
        }
    }

    /// The model file's bytes.
    func serialized() -> Data {
        var data = Data(Self.magic)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        append(UInt32(TaggerFeatures.version))
        append(UInt32(Self.tagCount))
        append(UInt32(keys.count))
        for key in keys { append(key) }
        for weight in rows { append(weight.bitPattern) }
        return data
    }

    /// Reads a model file's bytes; fails when they are not a model of this feature set.
    init(serialized data: Data) throws {
        let bytes = [UInt8](data)
        var offset = Self.magic.count
        guard bytes.count >= offset + 12, Array(bytes[0..<offset]) == Self.magic else { throw FormatError(reason: "not an entity model file") }
        func read<T: FixedWidthInteger>(_: T.Type) -> T {
            var value: T = 0
            for k in 0..<MemoryLayout<T>.size { value |= T(bytes[offset + k]) << (8 * k) }
            offset += MemoryLayout<T>.size
            return value
        }
        let version = read(UInt32.self)
        guard version == TaggerFeatures.version else {
            throw FormatError(reason: "feature set \(version), this build computes \(TaggerFeatures.version); retrain with copydesk-train ner")
        }
        guard read(UInt32.self) == Self.tagCount else { throw FormatError(reason: "tag count differs from this build's") }
        let count = Int(read(UInt32.self))
        guard bytes.count == offset + count * (8 + 4 * Self.tagCount) else { throw FormatError(reason: "truncated: \(bytes.count) bytes") }
        var keys: [UInt64] = []
        keys.reserveCapacity(count)
        for _ in 0..<count { keys.append(read(UInt64.self)) }
        var rows: [Float] = []
        rows.reserveCapacity(count * Self.tagCount)
        for _ in 0..<(count * Self.tagCount) { rows.append(Float(bitPattern: read(UInt32.self))) }
        self.init(keys: keys, rows: rows)
    }
}
