import Foundation

/// How the settled tier of lookup keys (``HistoryLookupKeys/settled``) is laid out: keys packed
/// many to a row, in buckets.
///
/// A stored key (32 bits, ``HistoryLookupKeys/stored(_:)``) is cut in two: its top 20 bits
/// (offset so that buckets follow the keys' signed order) number its bucket, the row's integer
/// primary key; its low 12 bits go into the bucket's entry beside the record's entry number.
/// An entry is those 12 bits above a 28-bit entry number, in 5 little-endian bytes, and a bucket's
/// entries are kept ascending, each once, in one blob. One key then takes 5 bytes and its share
/// of a row's overhead (about 110 keys a bucket at three million articles), where a row a key
/// took 13 and a slot in the page, so the 40 keys of an article take about 210 bytes instead of
/// 570. A bucket is small (under a kilobyte at three million articles), so looking a key up
/// still reads one page.
enum SettledKeyBuckets {
    /// Bits of a stored key kept in its entry; the others number its bucket.
    static let lowBits = 12
    /// Bits of an entry number: entries stay below 2²⁸ (268 million records).
    static let entryBits = 28
    /// Bytes of an entry.
    static let entrySize = 5

    /// The bucket of a stored key.
    static func bucket(ofStored key: Int64) -> Int64 {
        Int64(offset(key) >> UInt32(lowBits))
    }

    /// The bits of a stored key kept in its entry.
    static func lowPart(ofStored key: Int64) -> UInt64 {
        UInt64(offset(key) & (1 << UInt32(lowBits) - 1))
    }

    /// The entry of record `entry` under a key whose low part is `low`.
    static func entry(low: UInt64, record entry: Int64) -> UInt64 {
        precondition(entry >= 0 && entry < 1 << entryBits, "history entry numbers stay below 2^28")
        return low << UInt64(entryBits) | UInt64(entry)
    }

    /// The record numbers in bucket `data` under a key whose low part is `low`.
    static func records(in data: Data, low: UInt64) -> [Int64] {
        data.withUnsafeBytes { bytes in
            (0..<bytes.count / entrySize).compactMap { index in
                let entry = self.entry(at: index, in: bytes)
                return entry >> UInt64(entryBits) == low ? Int64(entry & (1 << UInt64(entryBits) - 1)) : nil
            }
        }
    }

    /// The stored form of a bucket's entries (ascending, each once).
    static func encoded(_ entries: [UInt64]) -> Data {
        var data = Data(count: entries.count * entrySize)
        data.withUnsafeMutableBytes { (bytes: UnsafeMutableRawBufferPointer) in
            for (index, entry) in entries.enumerated() {
                bytes.storeBytes(of: UInt32(truncatingIfNeeded: entry).littleEndian, toByteOffset: index * entrySize, as: UInt32.self)
                bytes[index * entrySize + 4] = UInt8(truncatingIfNeeded: entry >> 32)
            }
        }
        return data
    }

    /// The entries of a bucket stored as `data`.
    static func decoded(_ data: Data) -> [UInt64] {
        data.withUnsafeBytes { bytes in (0..<bytes.count / entrySize).map { index in entry(at: index, in: bytes) } }
    }

    /// Entry `index` of the bucket stored in `bytes`.
    private static func entry(at index: Int, in bytes: UnsafeRawBufferPointer) -> UInt64 {
        let low = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index * entrySize, as: UInt32.self))
        return UInt64(bytes[index * entrySize + 4]) << 32 | UInt64(low)
    }

    /// A stored key as an unsigned number in the keys' signed order.
    private static func offset(_ key: Int64) -> UInt32 {
        UInt32(bitPattern: Int32(truncatingIfNeeded: key)) ^ 0x8000_0000
    }
}
