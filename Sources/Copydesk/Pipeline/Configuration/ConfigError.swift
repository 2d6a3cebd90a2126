/// A problem in a pipeline file, reported like a compiler error: `pipeline.yaml:12:5: message`.
///
/// Every configuration problem is found before any work starts, so a cron job fails fast with
/// a message that points at the offending line.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    /// The pipeline file, as given on the command line.
    public let file: String
    /// 1-based line, or 0 when the problem concerns the whole file.
    public let line: Int
    /// 1-based column, or 0 when unknown.
    public let column: Int
    /// What is wrong.
    public let message: String

    /// Creates a configuration error at a position.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Creates a configuration error at a YAML position.
    public init(file: String, at position: SourcePosition?, message: String) {
        self.init(file: file, line: position?.line ?? 0, column: position?.column ?? 0, message: message)
    }

    /// `file:line:column: message`.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// A 1-based line and column in a configuration file.
public struct SourcePosition: Sendable, Equatable {
    /// 1-based line.
    public let line: Int
    /// 1-based column.
    public let column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
