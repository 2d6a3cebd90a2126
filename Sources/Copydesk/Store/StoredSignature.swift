import Foundation

/// How ``SQLiteStateStore`` keeps a signature, in one of two ``Width``s.
///
/// History records keep each value's low 32 bits (``Width/history``): matching against the
/// history compares only those bits on both sides (``HistorySignature``), so the high half
/// would never be read, and dropping it halves the largest part of a record (960 bytes to 480
/// for 120 values). The documents of a sharded run keep their values whole
/// (``Width/whole``): the run's own clustering compares them as the in-memory index does, so a
/// sharded run decides within itself exactly as one process does.
enum StoredSignature {
    /// How many little-endian bytes of each value are kept.
    enum Width: Int {
        /// The low 4 bytes, for history records.
        case history = 4
        /// All 8 bytes, for the documents of a sharded run.
        case whole = 8
    }

    /// The stored form of `values` in `width`, written into bytes allocated once.
    static func data(_ values: [UInt64], width: Width) -> Data {
        let size = width.rawValue
        var data = Data(count: values.count * size)
        data.withUnsafeMutableBytes { bytes in
            for (index, value) in values.enumerated() {
                switch width {
                case .history: bytes.storeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian, toByteOffset: index * size, as: UInt32.self)
                case .whole: bytes.storeBytes(of: value.littleEndian, toByteOffset: index * size, as: UInt64.self)
                }
            }
        }
        return data
    }

    /// The values stored as `data` in `width` (for ``Width/history``, each value's low 32
    /// bits); a tail shorter than a value is ignored.
    static func values(_ data: Data, width: Width) -> [UInt64] {
        let size = width.rawValue
        return data.withUnsafeBytes { bytes in
            (0..<bytes.count / size).map { index in
                switch width {
                case .history: UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index * size, as: UInt32.self)))
                case .whole: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * size, as: UInt64.self))
                }
            }
        }
    }
}
