import Foundation

@testable import Copydesk

/// The articles a run wrote to `articles.jsonl` in the folder `out`, in file order (none if
/// the file does not exist).
func writtenArticles(in out: String) throws -> [Article] {
    let path = (out as NSString).appendingPathComponent("articles.jsonl")
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try text.split(separator: "\n").map { try JSONDecoder().decode(Article.self, from: Data($0.utf8)) }
}
