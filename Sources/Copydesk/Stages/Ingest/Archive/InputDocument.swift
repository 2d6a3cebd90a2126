import Logging

/// One document a file source reads: a plain file (its content already in memory when it is
/// small), or a member of an archive or compressed file read into memory by an
/// ``ArchiveReader``.
struct InputDocument: Sendable {
    /// The file as the source listed it: the archive, for a member.
    var path: String
    /// The member's name inside the archive (`2024-02-08/001.txt`); `nil` for a plain file.
    var member: String?
    /// The document's bytes: a member's, or a small plain file's read whole; `nil` for a plain
    /// file read from `path`.
    var bytes: [UInt8]?

    /// A plain file.
    init(path: String) {
        self.path = path
    }

    /// The plain file at `path`, its `content` already read.
    init(path: String, content: [UInt8]) {
        self.path = path
        self.bytes = content
    }

    /// A member of the archive at `path`.
    init(path: String, member: String, bytes: [UInt8]) {
        self.path = path
        self.member = member
        self.bytes = bytes
    }

    /// What messages call the document: `drop.zip[2024-02-08/001.txt]`, or the path.
    var name: String { member.map { "\(path)[\($0)]" } ?? path }

    /// The `path` and `member` fields of log lines about the document.
    var logFields: Logger.Metadata {
        var fields: Logger.Metadata = ["path": "\(path)"]
        if let member { fields["member"] = "\(member)" }
        return fields
    }
}
