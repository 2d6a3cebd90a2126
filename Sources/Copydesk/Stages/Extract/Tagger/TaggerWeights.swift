import Foundation

/// The weights of the entity tagger: one row of ``EntityTag`` scores per hashed feature, in an
/// open-addressing table whose slots hold the feature hash and its row together (48 bytes), so
/// that scoring a token costs about one cache miss per feature.
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
    private static let tagCount = EntityTag.allCases.count
    /// 64-bit words per slot: the key, then the row's floats two to a word.
    private static let slotWords = 6

    private let slots: [UInt64]
    private let mask: Int

    /// A table over `keys` (ascending, distinct, none zero: zero marks an empty slot) and their rows.
    init(keys: [UInt64], rows: [Float]) {
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        var slots = [UInt64](repeating: 0, count: capacity * Self.slotWords)
        slots.withUnsafeMutableBytes { bytes in
            for (row, key) in keys.enumerated() where key != 0 {
                var slot = Int(truncatingIfNeeded: key) & (capacity - 1)
                while bytes.load(fromByteOffset: slot * Self.slotWords * 8, as: UInt64.self) != 0 { slot = (slot + 1) & (capacity - 1) }
                bytes.storeBytes(of: key, toByteOffset: slot * Self.slotWords * 8, as: UInt64.self)
                for tag in 0..<Self.tagCount {
                    bytes.storeBytes(of: rows[row * Self.tagCount + tag], toByteOffset: slot * Self.slotWords * 8 + 8 + 4 * tag, as: Float.self)
                }
            }
        }
        self.slots = slots
    }

    /// Adds the row of every feature in `features` to `scores` (one per tag).
    func accumulate(_ features: [UInt64], into scores: inout [Float]) {
        slots.withUnsafeBytes { bytes in
            for feature in features where feature != 0 {
                var slot = Int(truncatingIfNeeded: feature) & mask
                while true {
                    let base = slot * Self.slotWords * 8
                    let key = bytes.load(fromByteOffset: base, as: UInt64.self)
                    if key == 0 { break }
                    if key == feature {
                        for tag in 0..<Self.tagCount { scores[tag] += bytes.load(fromByteOffset: base + 8 + 4 * tag, as: Float.self) }
                        break
                    }
                    slot = (slot + 1) & mask
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
        var entries: [(key: UInt64, offset: Int)] = []
        slots.withUnsafeBytes { bytes in
            for slot in 0...mask {
                let key = bytes.load(fromByteOffset: slot * Self.slotWords * 8, as: UInt64.self)
                if key != 0 { entries.append((key, slot * Self.slotWords * 8)) }
            }
        }
        entries.sort { $0.key < $1.key }
        append(UInt32(entries.count))
        for entry in entries { append(entry.key) }
        slots.withUnsafeBytes { bytes in
            for entry in entries {
                for tag in 0..<Self.tagCount { append(bytes.load(fromByteOffset: entry.offset + 8 + 4 * tag, as: Float.self).bitPattern) }
            }
        }
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
