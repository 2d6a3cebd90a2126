/// Provenance of an article: the input file, the 1-based line its record starts on, and the
/// ingest format that read it.
public struct SourceLocation: Sendable, Codable, Equatable, Hashable {
    /// Path of the input file as given to the ingest stage.
    public var path: String
    /// 1-based line where the article's record starts.
    public var line: Int
    /// Name of the ingest stage type that read it (`textdrop`, `jsonl`).
    public var format: String

    /// Creates a source location.
    public init(path: String, line: Int, format: String) {
        self.path = path
        self.line = line
        self.format = format
    }
}
