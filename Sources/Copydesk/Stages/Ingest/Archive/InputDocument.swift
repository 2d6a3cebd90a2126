/// One document a file source reads: a plain file, or a member of an archive or compressed file
/// already read into memory by an ``ArchiveReader``.
struct InputDocument: Sendable {
    /// The file as the source listed it: the archive, for a member.
    var path: String
    /// The member's name inside the archive (`2024-02-08/001.txt`); `nil` for a plain file.
    var member: String?
    /// The member's bytes; `nil` for a plain file, which is read from `path`.
    var bytes: [UInt8]?

    /// A plain file.
    init(path: String) {
        self.path = path
    }

    /// A member of the archive at `path`.
    init(path: String, member: String, bytes: [UInt8]) {
        self.path = path
        self.member = member
        self.bytes = bytes
    }

    /// What messages call the document: `drop.zip[2024-02-08/001.txt]`, or the path.
    var name: String { member.map { "\(path)[\($0)]" } ?? path }
}
