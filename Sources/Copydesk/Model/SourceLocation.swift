/// Provenance of an article: the input file, the 1-based line its record starts on, the ingest
/// format that read it, when the input record carried one its own id, and, for records inside
/// an archive or a WARC file, the member and the byte offset that find the record again.
public struct SourceLocation: Sendable, Codable, Equatable, Hashable {
    /// Path of the input file as the source listed it.
    public var path: String
    /// 1-based line where the article's record starts.
    public var line: Int
    /// Name of the ingest stage type that read it (`textdrop`, `jsonl`).
    public var format: String
    /// The `id` the input record carried (a JSON-lines export's own key), kept as written;
    /// `nil` for formats without one. The article's ``Article/id`` is always Copydesk's own.
    public var recordID: String?
    /// The member of the archive at ``path`` the record was read from (`2024-02-08/001.txt`);
    /// `nil` for a plain file.
    public var member: String?
    /// Byte offset of the record in the file (a WARC record's first byte, in the compressed
    /// file for `.warc.gz`); `nil` for formats located by line.
    public var offset: Int?

    /// Creates a source location.
    public init(path: String, line: Int, format: String, recordID: String? = nil, member: String? = nil, offset: Int? = nil) {
        self.path = path
        self.line = line
        self.format = format
        self.recordID = recordID
        self.member = member
        self.offset = offset
    }

    enum CodingKeys: String, CodingKey {
        case path, line, format
        case recordID = "record_id"
        case member, offset
    }

    /// Encodes every field, absent ones as `null`, so each record has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(line, forKey: .line)
        try c.encode(format, forKey: .format)
        try c.encode(recordID, forKey: .recordID)
        try c.encode(member, forKey: .member)
        try c.encode(offset, forKey: .offset)
    }
}

extension SourceLocation {
    /// `path[member]:line`, as log lines and reports name a record.
    public var location: String { Self.describe(path: path, line: line, member: member) }

    /// `path[member]:line`: the line left out when it is 0 (the whole file), the member when
    /// there is none.
    public static func describe(path: String, line: Int, member: String?) -> String {
        let file = member.map { "\(path)[\($0)]" } ?? path
        return line > 0 ? "\(file):\(line)" : file
    }
}
