import Foundation

/// One WARC record (WARC/1.0 or 1.1): its version, its header fields as written, its block,
/// and where it starts in the file.
struct WARCRecord {
    /// The version line's number (`1.0`, `1.1`).
    var version: String
    /// Header fields in order, names as written.
    var fields: [(name: String, value: String)]
    /// The record's block: exactly `Content-Length` bytes.
    var block: [UInt8]
    /// Byte offset of the record's first byte in the file (the start of its gzip member for
    /// `.warc.gz`).
    var offset: Int

    /// The value of the header field called `name` (compared without case), when present.
    func field(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `WARC-Type`, lowercased (`response`, `request`, `revisit`, `warcinfo`, `metadata`...).
    var type: String { field("WARC-Type")?.lowercased() ?? "" }
    /// `WARC-Target-URI`, without the angle brackets WARC/1.0 writers sometimes add.
    var targetURI: String? {
        guard var uri = field("WARC-Target-URI"), !uri.isEmpty else { return nil }
        if uri.hasPrefix("<"), uri.hasSuffix(">") { uri = String(uri.dropFirst().dropLast()) }
        return uri
    }
    /// `WARC-Record-ID` as written (`<urn:uuid:…>`).
    var recordID: String? { field("WARC-Record-ID") }
    /// `WARC-Truncated` (`length`, `time`, `disconnect`, `unspecified`), when the crawler cut
    /// the record short.
    var truncated: String? { field("WARC-Truncated") }
    /// Whether the block is an HTTP message (`Content-Type: application/http`).
    var holdsHTTP: Bool { field("Content-Type")?.lowercased().hasPrefix("application/http") ?? false }
}
