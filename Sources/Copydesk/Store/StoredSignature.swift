import Foundation

/// How ``SQLiteStateStore`` keeps a signature: every value in 8 little-endian bytes, whole, so
/// a record's similarity is estimated from the very values it was made with.
enum StoredSignature {
    /// The stored form of `values`, written into bytes allocated once.
    static func data(_ values: [UInt64]) -> Data {
        var data = Data(count: values.count * 8)
        data.withUnsafeMutableBytes { bytes in
            for (index, value) in values.enumerated() { bytes.storeBytes(of: value.littleEndian, toByteOffset: index * 8, as: UInt64.self) }
        }
        return data
    }

    /// The values stored as `data`; a tail shorter than 8 bytes is ignored.
    static func values(_ data: Data) -> [UInt64] {
        data.withUnsafeBytes { bytes in
            (0..<bytes.count / 8).map { index in UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
        }
    }
}
