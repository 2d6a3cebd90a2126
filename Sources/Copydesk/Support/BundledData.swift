import Foundation

/// Reads the data files shipped in the library's `Resources/` folder (gazetteers, abbreviation
/// lists, cue words). Data files are plain UTF-8 text: one entry a line, `#` starts a comment,
/// blank lines are ignored.
public enum BundledData {
    /// Errors reading a bundled data file.
    public struct MissingFile: Error, CustomStringConvertible {
        /// The path below `Resources/` that was asked for.
        public let relativePath: String
        /// Human-readable message.
        public var description: String { "bundled data file Resources/\(relativePath) is missing" }
    }

    /// The whole text of `Resources/<relativePath>`.
    public static func text(_ relativePath: String) throws -> String {
        guard let base = Bundle.module.resourceURL else { throw MissingFile(relativePath: relativePath) }
        // The copied folder sits inside the bundle on macOS and is the bundle's resource folder on Linux.
        let candidates = [base.appendingPathComponent("Resources").appendingPathComponent(relativePath), base.appendingPathComponent(relativePath)]
        for url in candidates {
            if let data = FileManager.default.contents(atPath: url.path) { return String(decoding: data, as: UTF8.self) }
        }
        throw MissingFile(relativePath: relativePath)
    }

    /// The entries of `Resources/<relativePath>`: lines trimmed, without comments and blanks.
    public static func entries(_ relativePath: String) throws -> [String] {
        try text(relativePath).split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
        }
    }
}
