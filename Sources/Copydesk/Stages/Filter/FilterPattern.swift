/// A regular expression of the `filter` stage (`title_matches`, `text_matches`): Swift `Regex`
/// syntax, matched anywhere in the text (anchor it with `^` and `$` to match the whole).
///
/// `Regex<AnyRegexOutput>` is not `Sendable` only because its output type is not; its compiled
/// program is the one `Regex<Substring>` shares across tasks. The pattern never changes after
/// `init` and no match output leaves ``matches(_:)``, so sharing it between workers is safe.
struct FilterPattern: @unchecked Sendable {
    /// The pattern as written.
    let source: String
    /// The compiled expression.
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `source`; throws the compiler's error for an invalid pattern.
    init(_ source: String) throws {
        self.source = source
        regex = try Regex(source)
    }

    /// Whether `text` contains a match.
    func matches(_ text: String) -> Bool {
        text.contains(regex)
    }
}
