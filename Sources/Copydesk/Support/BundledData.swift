import Foundation

/// Reads the data files shipped in the library's `Resources/` folder (gazetteers, abbreviation
/// lists, cue words). Data files are plain UTF-8 text: one entry a line, `#` starts a comment,
/// blank lines are ignored. A file that is missing or cannot be read is an error naming it, so a
/// stage built on it fails before the run starts instead of working from an empty list.
public enum BundledData {
    /// A bundled data file that does not exist.
    public struct MissingFile: Error, CustomStringConvertible {
        /// The path below `Resources/` that was asked for.
        public let relativePath: String
        /// Human-readable message.
        public var description: String { "bundled data file Resources/\(relativePath) is missing" }
    }

    /// A bundled data file that exists but cannot be read or is not UTF-8 text.
    public struct UnreadableFile: Error, CustomStringConvertible {
        /// The path below `Resources/` that was asked for.
        public let relativePath: String
        /// Human-readable message.
        public var description: String { "bundled data file Resources/\(relativePath) cannot be read (or, for a text file, is not UTF-8)" }
    }

    /// A line of a bundled data file that does not follow the file's format.
    public struct MalformedEntry: Error, CustomStringConvertible {
        /// The path below `Resources/` of the file holding the line.
        public let relativePath: String
        /// The offending entry.
        public let entry: String
        /// What the format expects instead.
        public let problem: String
        /// Human-readable message.
        public var description: String { "bundled data file Resources/\(relativePath): cannot read entry '\(entry)': \(problem)" }
    }

    /// The whole text of `Resources/<relativePath>`.
    public static func text(_ relativePath: String) throws -> String {
        guard let text = String(validating: try data(relativePath), as: UTF8.self) else { throw UnreadableFile(relativePath: relativePath) }
        return text
    }

    /// The bytes of `Resources/<relativePath>`.
    public static func data(_ relativePath: String) throws -> Data {
        guard let base = Bundle.module.resourceURL else { throw MissingFile(relativePath: relativePath) }
        // The copied folder sits inside the bundle on macOS and is the bundle's resource folder on Linux.
        let candidates = [base.appendingPathComponent("Resources").appendingPathComponent(relativePath), base.appendingPathComponent(relativePath)]
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw MissingFile(relativePath: relativePath)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw UnreadableFile(relativePath: relativePath) }
        return data
    }

    /// The entries of `Resources/<relativePath>`: lines trimmed, without comments and blanks.
    public static func entries(_ relativePath: String) throws -> [String] {
        try text(relativePath).split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
        }
    }
}
