/// What the HTML extractor made of one page: the article's metadata and its body as blocks.
public struct HTMLPageArticle: Sendable, Equatable {
    /// One block of the body: a paragraph, a heading, a list item or a block quote.
    public struct Block: Sendable, Equatable {
        /// What kind of block this is.
        public var kind: Paragraph.Kind
        /// The block's text, white space collapsed, without leading or trailing space.
        public var text: String

        /// Creates a block.
        public init(kind: Paragraph.Kind, text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// Headline, without the site name.
    public var title: String?
    /// Publication date, ISO `YYYY-MM-DD`.
    public var date: String?
    /// Authors' names, in page order, without "By".
    public var authors: [String] = []
    /// Section or desk (`article:section`, JSON-LD `articleSection`).
    public var section: String?
    /// Canonical URL (`<link rel=canonical>`, `og:url`), else the URL the page was fetched from.
    public var url: String?
    /// Language tag (`en`, `en-GB`), from `<html lang>` or `og:locale`.
    public var language: String?
    /// Site name (`og:site_name`, JSON-LD publisher).
    public var site: String?
    /// Summary (`og:description`, `meta description`).
    public var summary: String?
    /// The body, in reading order.
    public var blocks: [Block] = []

    /// Creates an empty article.
    public init() {}

    /// The body text: blocks joined by a blank line, as every source lays out `text`.
    public var text: String { blocks.map(\.text).joined(separator: "\n\n") }
}

/// Why a page gave no article; `reason` is the quarantine reason.
public struct HTMLExtractionFailure: Error, Sendable, Equatable {
    /// `not_html`, `no_article` or `too_short`.
    public var reason: String
    /// What was found, for the quarantine record.
    public var message: String

    /// Creates a failure.
    public init(reason: String, message: String) {
        self.reason = reason
        self.message = message
    }
}
