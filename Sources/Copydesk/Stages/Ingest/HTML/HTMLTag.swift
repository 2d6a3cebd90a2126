/// The element names the HTML extractor tells apart, and what it knows of each: which hold
/// no article text, which start a block, which carry inline text. Every other element is
/// ``other``; text nodes are ``text``.
enum HTMLTag: UInt8, CaseIterable, Sendable {
    case text, other
    case html, head, body, title, meta, link, base
    case script, style, noscript, template, svg, math, iframe, object, embed, canvas, video, audio, picture, source, img, map
    case form, input, button, select, textarea, label, option, fieldset
    case nav, header, footer, aside, main, article, section, div, span, p, br, hr
    case h1, h2, h3, h4, h5, h6
    case ul, ol, li, dl, dt, dd, menu
    case blockquote, q, pre, code
    case table, thead, tbody, tfoot, tr, td, th, caption
    case figure, figcaption, a, time, address, font, center, dialog, details, summary

    /// The tag of a lower-case element name (libxml2's HTML parser lower-cases them).
    init(name: UnsafePointer<UInt8>) {
        self = PackedName(name).flatMap { Self.byPackedName[$0] } ?? .other
    }

    /// The tag of an element name written in Swift, for tests and lookups.
    init(named name: String) {
        var bytes = Array(name.utf8)
        bytes.append(0)
        self = bytes.withUnsafeBufferPointer { HTMLTag(name: $0.baseAddress!) }
    }

    /// The element's name; `#text` for text nodes and `#other` for unknown elements.
    var name: String {
        switch self {
        case .text: "#text"
        case .other: "#other"
        default: "\(self)"
        }
    }

    private static let byPackedName = PackedNameTable(allCases.filter { $0 != .text && $0 != .other }.map { ($0.name, $0) })

    /// Elements whose content is never article text: code, media, forms and embedded documents.
    var holdsNoText: Bool {
        switch self {
        case .script, .style, .noscript, .template, .svg, .math, .iframe, .object, .embed, .canvas, .video, .audio, .picture,
            .source, .img, .map, .form, .input, .button, .select, .textarea, .option, .fieldset, .dialog, .head, .title, .meta, .link,
            .base:
            true
        default: false
        }
    }

    /// Elements that start a new block of text (the rest flow inline).
    var isBlock: Bool {
        switch self {
        case .html, .body, .nav, .header, .footer, .aside, .main, .article, .section, .div, .p, .br, .hr, .h1, .h2, .h3, .h4, .h5, .h6,
            .ul, .ol, .li, .dl, .dt, .dd, .menu, .blockquote, .pre, .table, .thead, .tbody, .tfoot, .tr, .td, .th, .caption, .figure,
            .figcaption, .address, .center, .details, .summary, .form, .fieldset, .dialog:
            true
        default: false
        }
    }

    /// Headings below the title, which become heading blocks.
    var isSubheading: Bool { self == .h2 || self == .h3 || self == .h4 || self == .h5 || self == .h6 }

    /// Any heading.
    var isHeading: Bool { self == .h1 || isSubheading }
}
