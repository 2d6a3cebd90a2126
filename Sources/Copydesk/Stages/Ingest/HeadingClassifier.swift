/// Decides whether a body line is a heading: a short line without final punctuation standing
/// between paragraphs (`Record Bilateral Trade Turnover`).
///
/// Rules, all required:
/// - it is neither the first nor the last block of the body (a lead or a sign-off is text);
/// - it has at most ``maxWords`` words and ``maxScalars`` scalars;
/// - its first letter is upper case and it does not open with a quote, dash or bullet;
/// - it does not end with sentence punctuation (`. ! ? : ; ,`), a quote or an ellipsis.
struct HeadingClassifier: Sendable {
    /// Longest heading, in words.
    var maxWords = 14
    /// Longest heading, in Unicode scalars.
    var maxScalars = 110

    /// Whether `line` (already trimmed) at `index` of `count` body blocks is a heading.
    func isHeading(_ line: Substring, index: Int, count: Int) -> Bool {
        guard index > 0, index < count - 1, line.utf8.count <= maxScalars * 4 else { return false }
        let scalars = line.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, scalars.count <= maxScalars else { return false }
        if Self.openers.contains(first) || Self.closers.contains(last) { return false }
        guard let firstLetter = scalars.first(where: { $0.properties.isAlphabetic }), firstLetter.properties.isUppercase else {
            return false
        }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
        return words <= maxWords
    }

    private static let openers: Set<Unicode.Scalar> = [
        "\"", "'", "\u{201C}", "\u{2018}", "\u{00AB}", "-", "\u{2013}", "\u{2014}", "*", "\u{2022}", "(",
    ]
    private static let closers: Set<Unicode.Scalar> = [".", "!", "?", ":", ";", ",", "\"", "'", "\u{201D}", "\u{2019}", "\u{00BB}", "\u{2026}"]
}
