/// The metadata of a page, each field from the best source it has: JSON-LD first, then Open
/// Graph, Parse.ly and other `<meta>` tags, then the markup (`<h1>`, `<time>`, bylines,
/// `<title>`), then the URL.
struct PageMetadata: Equatable {
    var title: String?
    var date: String?
    var authors: [String] = []
    var section: String?
    var url: String?
    var language: String?
    var site: String?
    var summary: String?
    /// Whether the page says it is an article (`og:type` article, a JSON-LD article): an index
    /// page says neither.
    var declaresArticle = false

    /// `<meta>` names and properties that carry a publication date, best first.
    private static let dateKeys = [
        "article:published_time", "og:article:published_time", "datepublished", "article.published", "published_time",
        "publish-date", "publishdate", "publish_date", "pubdate", "date", "dc.date.issued", "dc.date", "dcterms.date",
        "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date", "original-publish-date", "article_date_original",
        "cxenseparse:recs:publishtime", "article:modified_time", "last-modified",
    ]

    /// How many `itemprop=author` and `rel=author` elements (and bylines and date lines named
    /// by class) are read, in page order: the article's come first, reader comments' later.
    private static let markedAuthorLimit = 4

    /// Reads the metadata of `tree`, whose class and id hints are `hints`; `pageURL` is where
    /// the page was fetched from.
    init(tree: HTMLTree, hints: [ContentHints], pageURL: String?) {
        var meta: [String: String] = [:]
        var jsonLD: JSONLDArticle?
        var canonical: String?
        var titleText: String?
        var h1: String?
        var timeDate: String?
        var itemDate: String?
        var markedAuthors: [[String]] = []
        var byline: [String] = []
        var visibleDate: String?
        var bylinesTried = 0
        var datesTried = 0
        var language = tree.first(.html).flatMap { tree.attribute(.lang, of: $0) }
        for index in tree.nodes.indices {
            let tag = tree.nodes[index].tag
            switch tag {
            case .meta:
                let key = (tree.attribute(.property, of: index) ?? tree.attribute(.name, of: index) ?? tree.attribute(.itemprop, of: index))?
                    .lowercased()
                if let key, let content = tree.attribute(.content, of: index), !content.isEmpty, meta[key] == nil {
                    meta[key] = LeftoverEntities.decode(content)
                }
                if let equiv = tree.attribute(.httpEquiv, of: index)?.lowercased(), equiv == "content-language", language == nil {
                    language = tree.attribute(.content, of: index)
                }
            case .script:
                if jsonLD == nil, tree.attribute(.type, of: index)?.lowercased().containsBytes("ld+json") == true {
                    jsonLD = JSONLDArticle(script: tree.rawText(of: index))
                }
            case .link:
                if canonical == nil, tree.attribute(.rel, of: index)?.lowercased().split(separator: " ").contains("canonical") == true {
                    canonical = tree.attribute(.href, of: index)
                }
            case .title:
                if titleText == nil { titleText = tree.textContent(of: index) }
            case .h1:
                if h1 == nil { h1 = tree.textContent(of: index).nonEmpty }
            case .time:
                if timeDate == nil, let value = tree.attribute(.datetime, of: index) ?? tree.textContent(of: index).nonEmpty {
                    timeDate = PageDate.parse(value)
                }
            default:
                break
            }
            guard tag != .text, tag != .meta, tree.nodes[index].start < tree.nodes[index].stop else { continue }
            if let itemprop = tree.attribute(.itemprop, of: index)?.lowercased() {
                if itemprop == "datepublished", itemDate == nil {
                    itemDate =
                        (tree.attribute(.datetime, of: index) ?? tree.attribute(.content, of: index)).flatMap(PageDate.parse)
                        ?? PageDate.parse(tree.textContent(of: index))
                }
                if itemprop == "author", markedAuthors.count < Self.markedAuthorLimit {
                    markedAuthors.append(AuthorNames.parse(Self.authorText(tree, index)))
                }
            } else if markedAuthors.count < Self.markedAuthorLimit, tree.attribute(.rel, of: index)?.lowercased() == "author" {
                markedAuthors.append(AuthorNames.parse(tree.textContent(of: index)))
            } else if tag != .body, tag != .html {
                if hints[index].isByline, byline.isEmpty, bylinesTried < Self.markedAuthorLimit {
                    bylinesTried += 1
                    byline = AuthorNames.parse(tree.textContent(of: index))
                }
                if hints[index].isDate, visibleDate == nil, datesTried < Self.markedAuthorLimit {
                    datesTried += 1
                    visibleDate = PageDate.parse(tree.textContent(of: index))
                }
            }
        }
        let parsely = (meta["parsely-page"] ?? meta["parsely-metadata"]).flatMap(ParselyPage.init(content:))
        declaresArticle = jsonLD != nil || meta["og:type"]?.lowercased() == "article" || meta["article:published_time"] != nil
        site = (meta["og:site_name"] ?? jsonLD?.publisher ?? meta["application-name"])?.nonEmpty
        title = PageTitle.clean(jsonLD?.headline ?? meta["og:title"] ?? meta["twitter:title"] ?? h1 ?? titleText, site: site)
        if let h1, let title, title != h1, PageTitle.clean(titleText, site: site) == h1 || title.hasPrefix(h1) { self.title = h1 }
        let metaDate = Self.dateKeys.lazy.compactMap { meta[$0].flatMap(PageDate.parse) }.first
        let urlDate = [canonical, meta["og:url"], pageURL].lazy.compactMap { $0.flatMap(PageDate.fromURL) }.first
        date =
            jsonLD?.datePublished.flatMap(PageDate.parse) ?? parsely?.published.flatMap(PageDate.parse) ?? metaDate ?? itemDate ?? timeDate
            ?? visibleDate ?? urlDate
        let metaAuthors = [meta["author"], meta["article:author"], meta["dc.creator"], meta["parsely-author"], meta["sailthru.author"]]
            .compactMap { $0 }.map(AuthorNames.parse)
        let sources = [jsonLD?.authors ?? [], parsely?.authors ?? []] + metaAuthors + [AuthorNames.merge(markedAuthors), byline]
        authors = sources.first { !$0.isEmpty } ?? []
        section = (meta["article:section"] ?? jsonLD?.section ?? parsely?.section ?? meta["section"] ?? meta["parsely-section"])?.nonEmpty
        self.language = (language ?? meta["og:locale"] ?? jsonLD?.language).flatMap(Self.languageTag)
        url = Self.absolute(canonical ?? meta["og:url"] ?? jsonLD?.url, base: pageURL) ?? pageURL
        summary = (meta["og:description"] ?? meta["description"] ?? meta["twitter:description"] ?? jsonLD?.description)?.nonEmpty
    }

    /// The text of an `itemprop=author` element: its `name` part when it has one.
    private static func authorText(_ tree: HTMLTree, _ index: Int) -> String {
        if tree.nodes[index].tag == .meta || tree.nodes[index].tag == .link { return tree.attribute(.content, of: index) ?? "" }
        for child in index + 1..<Int(tree.nodes[index].end) where tree.attribute(.itemprop, of: child)?.lowercased() == "name" {
            return tree.attribute(.content, of: child) ?? tree.textContent(of: child)
        }
        return tree.textContent(of: index)
    }

    /// `en`, `en-GB`: a language tag from `en_gb`, `EN-gb` or `en-GB,fr`.
    static func languageTag(_ value: String) -> String? {
        let first = value.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).first.map(String.init) ?? ""
        let parts = first.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy(\.isLetter) else { return nil }
        var tag = primary.lowercased()
        if parts.count > 1 { tag += "-" + (parts[1].count == 2 ? parts[1].uppercased() : parts[1]) }
        return tag
    }

    /// `href` made absolute against `base` (`/news/a.html` on `https://example.org/x`).
    static func absolute(_ href: String?, base: String?) -> String? {
        guard let href = href?.trimmingASCIISpaces().nonEmpty else { return nil }
        if href.hasPrefix("http://") || href.hasPrefix("https://") { return href }
        guard let base, let schemeEnd = base.range(of: "://") else { return href.hasPrefix("/") ? nil : href }
        if href.hasPrefix("//") { return String(base[..<schemeEnd.lowerBound]) + ":" + href }
        let hostEnd = base[schemeEnd.upperBound...].firstIndex(of: "/") ?? base.endIndex
        let origin = String(base[..<hostEnd])
        if href.hasPrefix("/") { return origin + href }
        let directory = base[..<(base.lastIndex(of: "/").map { $0 > schemeEnd.upperBound ? $0 : hostEnd } ?? hostEnd)]
        return directory + "/" + href
    }
}

extension String {
    /// The string, or `nil` when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
