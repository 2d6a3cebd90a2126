/// What dedupe does with an article once it is decided: a survivor passes on unchanged, a
/// duplicate is dropped (counted) or, when duplicates are marked, passes on with `duplicate_of`
/// and its similarity rounded to four decimals. One rule for a single run and for the `emit`
/// phase of a sharded one, so both write the same records.
struct DuplicateMarking: Sendable {
    /// Whether duplicates pass on marked instead of being dropped.
    let markDuplicates: Bool

    /// Adds `article` to `output` as `verdict` (the survivor's id and the similarity, or `nil`
    /// for a survivor) says.
    func apply(_ verdict: (key: String, similarity: Double)?, to article: Article, output: inout TransformOutput) {
        guard let verdict else {
            output.articles.append(article)
            return
        }
        output.duplicates += markDuplicates ? 0 : 1
        guard markDuplicates else { return }
        var marked = article
        marked.duplicateOf = verdict.key
        marked.similarity = (verdict.similarity * 10_000).rounded() / 10_000
        output.articles.append(marked)
    }
}
