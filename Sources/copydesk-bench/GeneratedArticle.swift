import Copydesk

/// Turns one generated text-drop article into an ``Article`` in memory, for benchmarks that
/// measure a stage rather than reading files.
enum GeneratedArticle {
    /// The article in `text` (header, title, summary, body lines), with an id made from its
    /// index so copies stay distinct, and one paragraph per body line.
    static func parse(_ text: String, index: Int) -> Article? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 3 else { return nil }
        let header = lines[0].split(separator: " ")
        let blocks = lines[3...].filter { !$0.isEmpty }
        var paragraphs: [Paragraph] = []
        for block in blocks {
            let start = (paragraphs.last?.end).map { $0 + 2 } ?? 0
            paragraphs.append(Paragraph(kind: .paragraph, start: start, end: start + ScalarOffsets.count(block)))
        }
        return Article(
            id: "g\(index)", source: SourceLocation(path: "generated", line: index, format: "textdrop"),
            date: header.count > 1 ? String(header[1]) : nil, title: String(lines[1]),
            text: blocks.joined(separator: "\n\n"), paragraphs: paragraphs)
    }
}
