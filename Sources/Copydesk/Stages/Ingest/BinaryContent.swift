/// Recognises a file that is not text at all (an archive, a compressed file, an image, a
/// database) from its first bytes, so a text source quarantines it as one `binary_data` record
/// with its first bytes in hex, instead of one garbled record per "line".
enum BinaryContent {
    /// How many leading bytes the check looks at.
    static let sniffLength = 512
    /// How many leading bytes a quarantine record shows, as hex.
    static let shownLength = 64

    /// Known signatures at the start of a file, with what they mean.
    private static let signatures: [(bytes: [UInt8], kind: String)] = [
        ([0x50, 0x4B, 0x03, 0x04], "a zip archive"),
        ([0x50, 0x4B, 0x05, 0x06], "an empty zip archive"),
        ([0x1F, 0x8B], "a gzip-compressed file"),
        ([0x42, 0x5A, 0x68], "a bzip2-compressed file"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "an xz-compressed file"),
        ([0x28, 0xB5, 0x2F, 0xFD], "a zstd-compressed file"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7z archive"),
        (Array("%PDF-".utf8), "a PDF document"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF8".utf8), "a GIF image"),
        (Array("SQLite format 3".utf8) + [0x00], "an SQLite database"),
    ]

    /// What the file starting with `bytes` is, when it is binary: a known signature, a tar
    /// header (`ustar` at offset 257, when the sniffed bytes reach it), or a NUL byte on the
    /// first line (text formats never hold one; a NUL further down is left to the format's
    /// reader, which names its line). `nil` for text.
    static func kind(of bytes: ArraySlice<UInt8>) -> String? {
        for signature in signatures where bytes.starts(with: signature.bytes) { return signature.kind }
        let ustar = bytes.startIndex + 257
        if bytes.count >= 262, Array(bytes[ustar..<ustar + 5]) == Array("ustar".utf8) { return "a tar archive" }
        let firstLine = bytes.prefix { $0 != 0x0A }
        if firstLine.contains(0) { return "binary data (a NUL byte on the first line)" }
        return nil
    }

    /// The quarantine record for a binary file: reason `binary_data`, what it looks like, and
    /// its first bytes in hex.
    static func record(path: String, stage: String, kind: String, leading: ArraySlice<UInt8>, member: String? = nil) -> QuarantineRecord {
        let shown = leading.prefix(shownLength)
        let hex = shown.map { ArticleID.hex(CollectionOfOne($0)) }.joined(separator: " ")
        return QuarantineRecord(
            path: path, line: 0, stage: stage, reason: "binary_data",
            message: "not a text file: \(kind); the whole file is skipped",
            raw: "first \(shown.count) bytes (hex): \(hex)", member: member)
    }
}
