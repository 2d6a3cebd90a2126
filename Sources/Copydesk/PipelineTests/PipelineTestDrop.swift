import Foundation

/// The drop of a test case on disk: its `files:` as written, and its `articles:` in the format
/// the pipeline's source reads (a text-drop file each for `textdrop` and `files`, one
/// JSON-lines file for `jsonl`).
struct PipelineTestDrop {
    /// A case whose input cannot be written for this pipeline.
    struct Problem: Error, CustomStringConvertible {
        /// The message as reported.
        let description: String
    }

    /// The case.
    let testCase: PipelineTestCase
    /// The type of the pipeline's source.
    let source: String

    /// Writes the drop into `folder`.
    func write(into folder: String) throws {
        for (name, text) in testCase.files { try Self.write(text, to: folder + "/" + name) }
        guard !testCase.articles.isEmpty else { return }
        switch source {
        case "textdrop", "files":
            for article in testCase.articles {
                guard let date = article.fields["date"] else {
                    throw Problem(description: "articles: \(article.file) needs a date: the text-drop format starts with one")
                }
                let text = article.fields["text"] ?? ""
                let summary = article.fields["summary"] ?? String(text.prefix { $0 != "\n" })
                let header = " date \(date) \(article.fields["section"] ?? "News")"
                try Self.write(
                    [header, article.fields["title"] ?? "", summary, text].joined(separator: "\n") + "\n", to: folder + "/" + article.file)
            }
        case "jsonl":
            var lines = ""
            for article in testCase.articles {
                let data = try JSONSerialization.data(withJSONObject: article.fields, options: [.sortedKeys])
                lines += String(decoding: data, as: UTF8.self) + "\n"
            }
            try Self.write(lines, to: folder + "/articles.jsonl")
        default:
            throw Problem(description: "articles: the pipeline's source is \(source); give the input as files: in its format")
        }
    }

    private static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
