/// One cluster of duplicates as the HTML report explains it: the survivor and each duplicate,
/// with their similarity to the survivor, so a reader can see side by side what was merged.
public struct DuplicateClusterExample: Sendable, Equatable, Codable {
    /// An article of the cluster, cut to what the page shows.
    public struct Member: Sendable, Equatable, Codable {
        /// The article's id.
        public var id: String
        /// Where it was read (`path[member]:line`).
        public var location: String
        /// Its date, if any.
        public var date: String?
        /// Its title, if any.
        public var title: String?
        /// The start of its text (at most ``DuplicateClusterExample/textLength`` characters).
        public var text: String
        /// Similarity to the survivor (1 for the same content); `nil` for the survivor itself.
        public var similarity: Double?

        /// The member of `article`, its text cut short.
        init(_ article: Article, similarity: Double?) {
            id = article.id
            location = article.source.location
            date = article.date
            title = article.title
            text = String(article.text.prefix(DuplicateClusterExample.textLength))
            self.similarity = similarity
        }
    }

    /// Characters of each member's text kept for the page.
    static let textLength = 3_000

    /// The survivor, or `nil` when it is an article of an earlier run (a history match).
    public var survivor: Member?
    /// The survivor's id, known even when it is in the history.
    public var survivorID: String
    /// Every duplicate shown, in input order.
    public var duplicates: [Member]
    /// How many duplicates the cluster has in all.
    public var size: Int
}
