/// The kinds an entry of a language's sentence-starter list
/// (`Resources/language/<code>/sentence-starters.txt`) carries: where a word opening a
/// sentence is looked for.
enum SentenceStarterListKind: String, CaseIterable, Sendable {
    /// Right after an ambiguous abbreviation, an initial or an ellipsis (`Acme Inc. The`): the
    /// sentence splitter ends the sentence before the word. Matched ignoring case.
    case afterAbbreviation = "after-abbreviation"
    /// Glued to a lowercase letter where a heading lost its line break (`RegionWhen`): the
    /// glued-sentence repair puts the space back. Matched as written.
    case afterHeading = "after-heading"
}

extension LanguageWordList where Kind == SentenceStarterListKind {
    /// The sentence-starter list of `language` (an ISO 639-1 code).
    static func sentenceStarters(language: String) throws -> Self {
        try Self(language: language, name: "sentence-starters.txt")
    }
}
