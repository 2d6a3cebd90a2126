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
    private static let strongWords = ["dek", "deck", "subscribe", "subscription", "subscriptions"]
    /// Words that mark boilerplate when a name starts with them and no content name is there.
    private static let boilerplatePrefixes = [
        "share", "sharing", "social", "pagination", "pager", "toolbar", "widget", "sidebar", "navbar", "navigation", "footer", "masthead",
        "banner", "skip", "offscreen", "tags", "keywords", "print", "login", "follow", "subnav", "topnav", "menu", "rss", "jump",
        "newsfeed", "teaser", "ad-", "adslot", "adunit", "ads-", "dfp", "overlay", "sr-only", "entry-meta",
        "post-meta", "article-meta", "meta-",
    ]
    /// Words that mark boilerplate only when the whole name is the word.
    private static let boilerplateWords = [
        "ad", "ads", "nav", "tag", "meta", "date", "time", "share", "social", "tools", "extra", "aside", "rail", "more", "links", "hidden",
        "hide", "invisible",
    ]
    /// Words of names that hold the article.
    private static let positiveWords = [
        "article", "articlebody", "article-body", "body", "content", "entry", "entry-content", "hentry", "main", "post", "post-content",
        "story", "story-body", "text", "blog", "column", "page", "prose", "richtext",
    ]
    /// Words (prefixes) of names that lower a container's score.
    private static let negativePrefixes = [
        "foot", "footnote", "head", "hid", "contact", "com-", "combx", "media", "scroll", "shoutbox", "skyscraper", "shopping", "tool",
        "card", "list", "teaser", "promo", "banner", "rail",
    ]
    /// Names that are never boilerplate though they start like it (`commentary` is an article kind).
    private static let exceptions = ["commentary", "commentaries", "author-content", "tagline", "printable"]

    /// Words of names that mark a date line.
    private static let dateWords = [
        "date", "dates", "time", "published", "updated", "modified", "timestamp", "dateline", "pubdate", "posted-on", "entry-date",
    ]

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

    /// Reads the hints of a lower-cased `class` and `id` joined by spaces. Each name (`post__meta`)
    /// is matched whole and by its words (split at `-`, `_` and `:`), on bytes.
    init(_ names: String) {
        var bytes = Array(names.utf8)
        bytes.append(0x20)
        var strong = false
        var weak = false
        var wholeStart = 0
        var wordStart = 0
        var roles: HintVocabulary.Roles = []
        for index in bytes.indices {
            switch bytes[index] {
            case 0x20:
                if index > wholeStart {
                    let whole = bytes[wholeStart..<index]
                    let wholeRoles = Self.vocabulary.roles(of: whole, whole: true)
                    if whole.starts(with: "author".utf8) || Self.containsByline(whole) { isByline = true }
                    if wholeRoles.contains(.negative) { isNegative = true }
                    roles.formUnion(wholeRoles)
                    if index > wordStart, wordStart > wholeStart {
                        roles.formUnion(Self.vocabulary.roles(of: bytes[wordStart..<index], whole: false))
                    }
                    if roles.contains(.positive) { isPositive = true }
                    if roles.contains(.date) { isDate = true }
                    if roles.contains(.strong) { strong = true }
                    if roles.contains(.weak) { weak = true }
                }
                roles = []
                wholeStart = index + 1
                wordStart = index + 1
            case 0x2D, 0x5F, 0x3A:
                if index > wordStart { roles.formUnion(Self.vocabulary.roles(of: bytes[wordStart..<index], whole: false)) }
                wordStart = index + 1
            default:
                break
            }
        }
        isStrongBoilerplate = strong || isDate
        isBoilerplate = isStrongBoilerplate || (weak && !isPositive)
    }

    /// Whether a name holds `byline` anywhere (`story__byline`, `articlebyline`).
    private static func containsByline(_ name: ArraySlice<UInt8>) -> Bool {
        let word: [UInt8] = [0x62, 0x79, 0x6C, 0x69, 0x6E, 0x65]
        guard name.count >= word.count else { return false }
        var index = name.startIndex
        while index <= name.endIndex - word.count {
            if name[index] == 0x62, name[index..<index + word.count].elementsEqual(word) { return true }
            index += 1
        }
        return false
    }

    /// The word lists as one table for byte matching.
    private static let vocabulary = HintVocabulary(
        prefixes: [(strongPrefixes, .strong), (boilerplatePrefixes, .weak), (negativePrefixes, .negative)],
        words: [(strongWords, .strong), (boilerplateWords, .weak), (positiveWords, .positive), (dateWords, .date)],
        exceptions: exceptions)
}
