/// Every problem found in a pipeline file, reported together like a compiler's diagnostics.
///
/// Each error prints as `file:line:column: message`, followed by the offending line of the
/// pipeline file (with the password of any URL on it masked) and a caret under the column.
/// Errors are kept in file order (by line, then column); at most ``shownLimit`` of them are
/// printed.
public struct ConfigErrors: Error, CustomStringConvertible, Equatable {
    /// The errors, sorted by line, then column.
    public let errors: [ConfigError]
    /// The pipeline file's text, one element per line, for showing the offending lines.
    public let lines: [String]
    /// The lines of each file the pipeline includes, by file.
    public let includedLines: [String: [String]]

    /// The most errors ``description`` prints; the rest are counted in one line.
    public static let shownLimit = 50

    /// Collects `errors` (sorted into file order) found in the pipeline file whose text is `text`;
    /// without the text, errors print without their source line.
    /// Errors in files the pipeline includes (`included`: their texts by file) come after those
    /// of the pipeline file, by file.
    public init(_ errors: [ConfigError], text: String = "", included: [String: String] = [:]) {
        self.errors = errors.sorted {
            (included[$0.file] == nil ? 0 : 1, $0.file, $0.line, $0.column) < (included[$1.file] == nil ? 0 : 1, $1.file, $1.line, $1.column)
        }
        lines = Self.lines(of: text)
        includedLines = included.mapValues(Self.lines)
    }

    private static func lines(of text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }

    /// Every shown error with its source line and caret, then how many were left out.
    public var description: String {
        var rendered = errors.prefix(Self.shownLimit).map(render)
        let hidden = errors.count - Self.shownLimit
        if hidden > 0 { rendered.append("\(hidden) more error\(hidden == 1 ? "" : "s") not shown") }
        return rendered.joined(separator: "\n")
    }

    /// One error, with the line it points at and a caret under its column when both are known.
    private func render(_ error: ConfigError) -> String {
        let lines = includedLines[error.file] ?? self.lines
        guard error.line > 0, error.column > 0, error.line <= lines.count else { return error.description }
        let line = lines[error.line - 1]
        let indent = line.unicodeScalars.prefix(error.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
        return "\(error)\n\(URLPasswords.maskedURLs(in: line))\n\(indent)^"
    }
}
