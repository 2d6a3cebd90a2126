/// Why the `filter` stage dropped an article: the option whose rule it failed and what it was
/// found to be, as the rejects file records them.
struct FilterRejection: Sendable {
    /// The option that dropped the article (`min_words`, `undated`, `title_matches`).
    let rule: String
    /// What the article was found to be (`12 words < 50`).
    let detail: String
}
