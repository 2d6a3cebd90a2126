/// Lays out body lines as an article `text` and its paragraph list.
///
/// Every non-blank line becomes one block (paragraphs in drops are separated by single or
/// blank lines alike); blocks are joined by a blank line (`"\n\n"`) in `text`, and each
/// ``Paragraph`` records its kind and scalar offsets.
enum BodyLayout {
    /// Lays out `lines` (in order, blank ones ignored, each trimmed).
    static func build<Lines: Sequence>(lines: Lines, classifier: HeadingClassifier = HeadingClassifier()) -> (text: String, paragraphs: [Paragraph])
    where Lines.Element: StringProtocol {
        let blocks = lines.compactMap { line -> Substring? in
            let trimmed = Substring(line).trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        }
        return join(
            blocks.enumerated().map { index, block in
                (classifier.isHeading(block, index: index, count: blocks.count) ? .heading : .paragraph, block)
            })
    }

    /// Joins blocks of known kinds into a text and its paragraph list.
    static func join<Block: StringProtocol>(_ blocks: [(kind: Paragraph.Kind, text: Block)]) -> (text: String, paragraphs: [Paragraph]) {
        var text = ""
        text.reserveCapacity(blocks.reduce(0) { $0 + $1.text.utf8.count + 2 })
        var paragraphs: [Paragraph] = []
        paragraphs.reserveCapacity(blocks.count)
        var offset = 0
        for (index, block) in blocks.enumerated() {
            if index > 0 {
                text += "\n\n"
                offset += 2
            }
            let length = ScalarOffsets.count(block.text)
            paragraphs.append(Paragraph(kind: block.kind, start: offset, end: offset + length))
            text += block.text
            offset += length
        }
        return (text, paragraphs)
    }

    /// Lays out a whole text: its lines split on any newline.
    static func build(text: String) -> (text: String, paragraphs: [Paragraph]) {
        build(lines: text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }))
    }
}

extension Substring {
    /// The substring without leading and trailing white space (including non-breaking spaces).
    func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return self[endIndex...] }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(scalars[first...last])
    }
}
