/// What dedupe does with an article once it is decided: a survivor passes on unchanged, a
/// duplicate is dropped (counted, and its ``DroppedDuplicate`` record passed on for the outputs
/// that remember it) or, when duplicates are marked, passes on with `duplicate_of` and its
/// similarity rounded to four decimals. One rule for a single run and for the `emit`
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
        let similarity = (verdict.similarity * 10_000).rounded() / 10_000
        guard markDuplicates else {
            output.duplicates += 1
            output.droppedDuplicates.append(DroppedDuplicate(article, survivor: verdict.key, similarity: similarity))
            return
        }
        var marked = article
        marked.duplicateOf = verdict.key
        marked.similarity = similarity
        output.articles.append(marked)
    }
}
