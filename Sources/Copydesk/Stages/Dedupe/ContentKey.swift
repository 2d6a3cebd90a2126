/// A 128-bit key identifying an article's content for exact-duplicate detection. Two articles
/// with the same key are treated as exact copies (similarity 1.0).
///
/// ``init(tokenHashes:)`` hashes the normalised word tokens (see ``Shingler``) in two
/// independent ``StableHash/combine(_:_:)`` lanes, so copies that differ only in case,
/// punctuation or spacing share a key. It is a fingerprint, not a cryptographic digest; a caller
/// that already has a digest (SHA-256 of the text) can use ``init(digest:)`` instead.
public struct ContentKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// High 64 bits.
    public var high: UInt64
    /// Low 64 bits.
    public var low: UInt64

    /// Creates a key from its two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The key of a token hash sequence (title tokens followed by body tokens).
    public init(tokenHashes: [UInt64]) {
        var high: UInt64 = 0x243F_6A88_85A3_08D3
        var low: UInt64 = 0x1319_8A2E_0370_7344
        for token in tokenHashes {
            high = StableHash.combine(high, token)
            low = StableHash.combine(low, token ^ 0xA409_3822_299F_31D0)
        }
        self.high = StableHash.combine(high, UInt64(tokenHashes.count))
        self.low = StableHash.combine(low, UInt64(tokenHashes.count) ^ 0x082E_FA98_EC4E_6C89)
    }

    /// The key made of the first 16 bytes of a digest (big-endian); shorter digests are padded
    /// with zeros.
    public init<D: Sequence>(digest: D) where D.Element == UInt8 {
        var bytes = Array(digest.prefix(16))
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 16 - bytes.count))
        high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// 32 lowercase hex digits.
    public var description: String {
        let hex = String(high, radix: 16)
        let lowHex = String(low, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex + String(repeating: "0", count: 16 - lowHex.count) + lowHex
    }
}
