/// An article the dedupe stage dropped as a duplicate, as the outputs remember it: which
/// article it duplicates, how similar it is, and where it was read, so `copydesk explain` can
/// say later why it is missing. It travels with its batch to the sinks; the `sqlite` sink keeps
/// it in `dropped_duplicates`.
public struct DroppedDuplicate: Sendable, Equatable {
    /// The dropped article's id.
    public var id: String
    /// The id of the article kept instead (this run's, or an earlier run's through the history).
    public var duplicateOf: String
    /// Similarity to that article (1 for the same content), rounded to four decimals.
    public var similarity: Double
    /// Where the dropped article was read.
    public var source: SourceLocation
    /// Its title, if any.
    public var title: String?
    /// Its date, if any.
    public var date: String?

    /// The record of `article`, dropped as a duplicate of `survivor`.
    init(_ article: Article, survivor: String, similarity: Double) {
        id = article.id
        duplicateOf = survivor
        self.similarity = similarity
        source = article.source
        title = article.title
        date = article.date
    }
}
