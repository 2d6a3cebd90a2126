/// An article field that the `jsonl` and `csv` sources read from an input field, and that their
/// `fields:` option may map to an input field of another name.
public enum ArticleField: String, CaseIterable, Sendable {
    /// The record's own id, kept as `source.record_id`.
    case id
    /// Headline.
    case title
    /// Standfirst or summary line.
    case summary
    /// Body text (required).
    case text
    /// Publication date, read as ``DateFormat`` says.
    case date
    /// Section or desk.
    case section
    /// Canonical URL.
    case url
    /// Authors: a list of names, or one string for one author.
    case authors
    /// Language tag.
    case language
    /// Name of the publishing site.
    case site
}
