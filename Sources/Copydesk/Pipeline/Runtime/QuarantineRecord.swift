/// An input record that could not be processed, with where it came from and why.
///
/// Quarantined records are written to the pipeline's quarantine file (JSON lines) so nothing
/// is silently lost; the rest of the drop is processed.
public struct QuarantineRecord: Sendable, Codable, Equatable {
    /// Input file.
    public var path: String
    /// 1-based line where the record starts (0 when the whole file is concerned).
    public var line: Int
    /// Stage that rejected it.
    public var stage: String
    /// Machine-readable reason (`invalid_utf8`, `no_body`, `bad_json`, ...).
    public var reason: String
    /// Human-readable explanation.
    public var message: String
    /// The raw record as far as it could be read (lossily decoded), possibly truncated.
    public var raw: String
    /// The member of the archive at `path` the record was in; absent for plain files.
    public var member: String?

    /// Creates a quarantine record.
    public init(path: String, line: Int, stage: String, reason: String, message: String, raw: String, member: String? = nil) {
        self.path = path
        self.line = line
        self.stage = stage
        self.reason = reason
        self.message = message
        self.raw = raw
        self.member = member
    }

    /// `path[member]:line`, for logs.
    public var location: String { SourceLocation.describe(path: path, line: line, member: member) }
}

/// An error about one article that names its quarantine reason code; other errors thrown by a
/// stage are quarantined as `stage_error`.
public protocol QuarantinableError: Error, CustomStringConvertible {
    /// Machine-readable reason (`no_body`, ...).
    var reason: String { get }
}
