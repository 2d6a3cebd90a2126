/// What an element's `class` and `id` say about it, read as words (`post-comments` is `post`
/// and `comments`): boilerplate that is removed before scoring (comments, share bars, cookie
/// and newsletter boxes, related links, navigation), names that raise or lower a container's
/// score, bylines and dates.
struct ContentHints {
    /// Boilerplate: removed unless the element also has a content name and the word is a weak
    /// one (`share-enabled entry-content` is the article).
    private(set) var isBoilerplate = false
    /// Boilerplate named by a strong word (comments, bylines, paywalls, related links): removed
    /// even when the page furniture is kept.
    private(set) var isStrongBoilerplate = false
    /// Names of article content (`article`, `content`, `entry`, `story`, `post`, `body`).
    private(set) var isPositive = false
    /// Names that make a container unlikely to hold the article, without removing it.
    private(set) var isNegative = false
    /// A byline (`byline`, `author`).
    private(set) var isByline = false
    /// A date line (`date`, `time`, `published`, `timestamp`, `dateline`).
    private(set) var isDate = false

    /// Words that mark boilerplate, even next to a content name, when a name starts with them.
    private static let strongPrefixes = [
        "comment", "disqus", "respond", "cookie", "consent", "gdpr", "newsletter", "signup", "sign-up", "related",
        "recommend", "outbrain", "taboola", "breadcrumb", "advert", "sponsor", "promo", "popup", "modal", "paywall", "caption",
        "credit", "screen-reader", "visually", "pullquote", "pull-quote", "mostread", "most-read", "popular", "trending", "readmore",
        "read-more", "more-stories", "morestories", "byline", "author", "dateline", "timestamp", "livefyre", "bio", "kicker",
        "standfirst", "strapline", "eyebrow",
    ]
    /// Words that mark boilerplate, even next to a content name, when the whole name is the word.
    private static let strongWords: Set<String> = ["dek", "deck", "subscribe", "subscription", "subscriptions"]
    /// Words that mark boilerplate when a name starts with them and no content name is there.
    private static let boilerplatePrefixes = [
        "share", "sharing", "social", "pagination", "pager", "toolbar", "widget", "sidebar", "navbar", "navigation", "footer", "masthead",
        "banner", "skip", "offscreen", "tags", "keywords", "print", "login", "follow", "subnav", "topnav", "menu", "rss", "jump",
        "newsfeed", "teaser", "ad-", "adslot", "adunit", "ads-", "dfp", "overlay", "sr-only", "entry-meta",
        "post-meta", "article-meta", "meta-",
    ]
    /// Words that mark boilerplate only when the whole name is the word.
    private static let boilerplateWords: Set<String> = [
        "ad", "ads", "nav", "tag", "meta", "date", "time", "share", "social", "tools", "extra", "aside", "rail", "more", "links", "hidden",
        "hide", "invisible",
    ]
    /// Words of names that hold the article.
    private static let positiveWords: Set<String> = [
        "article", "articlebody", "article-body", "body", "content", "entry", "entry-content", "hentry", "main", "post", "post-content",
        "story", "story-body", "text", "blog", "column", "page", "prose", "richtext",
    ]
    /// Words (prefixes) of names that lower a container's score.
    private static let negativePrefixes = [
        "foot", "footnote", "head", "hid", "contact", "com-", "combx", "media", "scroll", "shoutbox", "skyscraper", "shopping", "tool",
        "card", "list", "teaser", "promo", "banner", "rail",
    ]
    /// Names that are never boilerplate though they start like it (`commentary` is an article kind).
    private static let exceptions: Set<String> = ["commentary", "commentaries", "author-content", "tagline", "printable"]

    /// The hints of every node of `tree` (none for text and for elements without `class` or
    /// `id`), each distinct pair of names read once.
    static func of(_ tree: HTMLTree) -> [ContentHints] {
        var hints = Array(repeating: ContentHints(), count: tree.nodes.count)
        var known: [String: ContentHints] = [:]
        for index in tree.nodes.indices where tree.nodes[index].tag != .text && tree.nodes[index].start < tree.nodes[index].stop {
            let names = tree.classAndID(of: index)
            guard !names.isEmpty else { continue }
            if let found = known[names] {
                hints[index] = found
            } else {
                let read = ContentHints(names)
                known[names] = read
                hints[index] = read
            }
        }
        return hints
    }

    /// No hints.
    init() {}

    /// Reads the hints of a lower-cased `class` and `id` joined by spaces.
    init(_ names: String) {
        guard !names.isEmpty else { return }
        var weak = false
        var strong = false
        for name in names.split(separator: " ") {
            let whole = String(name)
            if whole.hasPrefix("author") || whole.utf8.firstRange(of: "byline".utf8) != nil { isByline = true }
            let words = whole.split { $0 == "-" || $0 == "_" || $0 == ":" }.map(String.init)
            for word in words {
                if ["date", "dates", "time", "published", "updated", "modified", "timestamp", "dateline", "pubdate", "posted-on", "entry-date"].contains(word) { isDate = true }
                if Self.positiveWords.contains(word) { isPositive = true }
            }
            if Self.positiveWords.contains(whole) { isPositive = true }
            if Self.isBoilerplate(whole) || words.contains(where: Self.isBoilerplate) { weak = true }
            if Self.isStrong(whole) || words.contains(where: Self.isStrong) { strong = true }
            if Self.negativePrefixes.contains(where: { whole.hasPrefix($0) }) { isNegative = true }
        }
        isStrongBoilerplate = strong || isDate
        isBoilerplate = isStrongBoilerplate || (weak && !isPositive)
    }

    private static func isStrong(_ word: String) -> Bool {
        !exceptions.contains(word) && (strongWords.contains(word) || strongPrefixes.contains { word.hasPrefix($0) })
    }

    private static func isBoilerplate(_ word: String) -> Bool {
        guard !exceptions.contains(word) else { return false }
        return boilerplateWords.contains(word) || boilerplatePrefixes.contains { word.hasPrefix($0) }
    }
}
