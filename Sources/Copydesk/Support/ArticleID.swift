import Crypto

/// Stable article identifiers: the first 16 hex digits of the SHA-256 of the title and text.
///
/// The same title and text give the same id on every run and machine, so reruns update
/// records in place instead of duplicating them.
public enum ArticleID {
    /// The id of an article with this title and text.
    public static func make(title: String?, text: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array((title ?? "").utf8))
        hasher.update(data: [0x0A])
        hasher.update(data: Array(text.utf8))
        return hex(hasher.finalize().prefix(8))
    }

    /// Lower-case hex digits of `bytes`.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
