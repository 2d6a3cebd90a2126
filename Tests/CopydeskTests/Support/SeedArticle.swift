import Foundation

/// The real seed text drop (`../shared/seed/`), split into its lines.
enum SeedArticle {
    /// Lines of `000_62d86fb87979553c.txt`.
    static func lines() throws -> [String] {
        try String(contentsOfFile: TestPaths.seed, encoding: .utf8).components(separatedBy: "\n")
    }

    /// The summary line (line 3) of the seed.
    static func summary() throws -> String { try lines()[2] }

    /// The non-blank lines from line 4 on: the body paragraphs and headings.
    static func paragraphs() throws -> [String] {
        try lines().dropFirst(3).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
