import Crypto

/// The two keys every article carries: its record id and its content key.
///
/// - The **id** names one input record: the first 16 hex digits of the SHA-256 of the source
///   path as the source listed it, the 1-based line the record starts on, the archive member
///   and the byte offset when the record has them, and the record's content key. Two records never share an id, even when their text is identical (a repost
///   in another file), and the same record gives the same id on every rerun, resume and shard.
/// - The **content key** names the content: the first 16 hex digits of the SHA-256 of the title
///   and text as read. Exact copies share it.
///
/// docs/schema.md documents both recipes.
public enum ArticleID {
    /// The id of the record at `source` whose content key is `contentKey`.
    public static func make(source: SourceLocation, contentKey: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(source.path.utf8))
        hasher.update(data: [0x00])
        hasher.update(data: Array(String(source.line).utf8))
        hasher.update(data: [0x00])
        // Member and offset are hashed only when set, so ids of plain files stay as they were.
        if let member = source.member {
            hasher.update(data: Array("member".utf8) + [0x00] + Array(member.utf8) + [0x00])
        }
        if let offset = source.offset {
            hasher.update(data: Array("offset".utf8) + [0x00] + Array(String(offset).utf8) + [0x00])
        }
        hasher.update(data: Array(contentKey.utf8))
        return hex(hasher.finalize().prefix(8))
    }

    /// The content key of an article with this title and text.
    public static func contentKey(title: String?, text: String) -> String {
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
