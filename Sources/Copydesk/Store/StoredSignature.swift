import Foundation

/// How ``SQLiteStateStore`` keeps a signature: every value in 8 little-endian bytes, whole, so
/// a record's similarity is estimated from the very values it was made with.
enum StoredSignature {
    /// The stored form of `values`.
    /// The bytes are laid out in one pass over the values, not appended value by value.
    static func data(_ values: [UInt64]) -> Data {
        values.map(\.littleEndian).withUnsafeBytes { Data($0) }
    }

    /// The values stored as `data`; a tail shorter than 8 bytes is ignored.
    static func values(_ data: Data) -> [UInt64] {
        data.withUnsafeBytes { bytes in
            (0..<bytes.count / 8).map { index in UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
        }
    }
}
