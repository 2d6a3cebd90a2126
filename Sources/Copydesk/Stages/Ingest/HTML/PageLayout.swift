/// What the extractor knows of each node of a page after one pass down and one pass up the
/// tree: whether it is removed (boilerplate, or inside boilerplate), which block its text
/// belongs to, what kind of block that is, and how many characters (and characters of link
/// text) each subtree and each block holds.
struct PageLayout {
    /// The page.
    let tree: HTMLTree
    /// What each node's class and id say (``ContentHints/of(_:)``).
    let hints: [ContentHints]
    /// Nodes left out: elements that hold no text, hidden ones, navigation, headers, footers,
    /// asides, figures and boilerplate named by class or id, as ``Strictness`` says.
    private(set) var removed: [Bool]
    /// For every node, the nearest block element at or above it (-1 at top level).
    private(set) var owner: [Int32]
    /// For every node, the nearest enclosing heading, list item, block quote or preformatted
    /// block, or ``HTMLTag/other``.
    private(set) var blockKind: [HTMLTag]
    /// Visible characters of each subtree.
    private(set) var characters: [Int32]
    /// Visible characters of link text of each subtree.
    private(set) var linkCharacters: [Int32]
    /// Characters of text whose block is this element (its own text, not nested blocks').
    private(set) var ownCharacters: [Int32]
    /// Link characters of that text.
    private(set) var ownLinkCharacters: [Int32]
    /// Commas in that text.
    private(set) var ownCommas: [Int32]
    /// Whether the element holds a headline (an `<h1>` of three words or more), the page's
    /// `<main>` or its `articleBody`: such an element is never removed as boilerplate.
    private(set) var holdsArticleMarks: [Bool]
    /// Whether the element holds an image (`<img>`, `<picture>`): a short block beside one is
    /// its caption.
    private(set) var holdsImage: [Bool]

    private static let removedRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "dialog", "alert", "alertdialog", "search",
        "toolbar", "tablist", "form",
    ]

    /// How much a layout removes before the article is looked for.
    enum Strictness {
        /// Page furniture by tag (navigation, headers, footers, asides) and boilerplate named by
        /// class or id.
        case strict
        /// Only what holds no text, hidden elements, figures and boilerplate named by a strong
        /// word (comments, bylines, paywalls): for pages whose article sits where strict removal
        /// takes it away (a slideshow in an `<aside>`).
        case permissive
    }

    /// Lays out `tree`, removing what `strictness` says.
    init(tree: HTMLTree, hints: [ContentHints], strictness: Strictness) {
        self.tree = tree
        self.hints = hints
        let count = tree.nodes.count
        removed = Array(repeating: false, count: count)
        owner = Array(repeating: -1, count: count)
        blockKind = Array(repeating: .other, count: count)
        characters = Array(repeating: 0, count: count)
        linkCharacters = Array(repeating: 0, count: count)
        ownCharacters = Array(repeating: 0, count: count)
        ownLinkCharacters = Array(repeating: 0, count: count)
        ownCommas = Array(repeating: 0, count: count)
        holdsArticleMarks = Array(repeating: false, count: count)
        holdsImage = Array(repeating: false, count: count)
        markHolders()
        var inLink = Array(repeating: false, count: count)
        for index in 0..<count {
            let node = tree.nodes[index]
            let parent = Int(node.parent)
            if parent >= 0, removed[parent] {
                removed[index] = true
                continue
            }
            let parentOwner: Int32 = parent >= 0 ? owner[parent] : -1
            if node.tag == .text {
                owner[index] = parentOwner
                blockKind[index] = parent >= 0 ? blockKind[parent] : .other
                let (scalars, commas) = Self.measure(tree.bytes(of: index))
                characters[index] = scalars
                let isLink = parent >= 0 && inLink[parent]
                if isLink { linkCharacters[index] = scalars }
                if parentOwner >= 0 {
                    ownCharacters[Int(parentOwner)] += scalars
                    ownCommas[Int(parentOwner)] += commas
                    if isLink { ownLinkCharacters[Int(parentOwner)] += scalars }
                }
                continue
            }
            if isRemoved(index, strict: strictness == .strict) {
                removed[index] = true
                continue
            }
            owner[index] = node.tag.isBlock ? Int32(index) : parentOwner
            inLink[index] = node.tag == .a || (parent >= 0 && inLink[parent])
            switch node.tag {
            case .h1, .h2, .h3, .h4, .h5, .h6, .li, .dt, .dd, .blockquote, .pre: blockKind[index] = node.tag
            default: blockKind[index] = parent >= 0 ? blockKind[parent] : .other
            }
        }
        for index in stride(from: count - 1, through: 0, by: -1) where !removed[index] {
            let parent = Int(tree.nodes[index].parent)
            guard parent >= 0 else { continue }
            characters[parent] += characters[index]
            linkCharacters[parent] += linkCharacters[index]
        }
    }

    /// Share of a subtree's characters that are link text.
    func linkDensity(_ index: Int) -> Double {
        characters[index] == 0 ? 0 : Double(linkCharacters[index]) / Double(characters[index])
    }

    /// Share of a block's own characters that are link text.
    func ownLinkDensity(_ index: Int) -> Double {
        ownCharacters[index] == 0 ? 0 : Double(ownLinkCharacters[index]) / Double(ownCharacters[index])
    }

    private mutating func markHolders() {
        for index in stride(from: tree.nodes.count - 1, through: 0, by: -1) {
            let node = tree.nodes[index]
            if node.tag == .img || node.tag == .picture { holdsImage[index] = true }
            if holdsImage[index], node.parent >= 0 { holdsImage[Int(node.parent)] = true }
            let isHeadline = node.tag == .h1 && tree.textContent(of: index).split(separator: " ").count >= 3
            if isHeadline || node.tag == .main || tree.attribute(.itemprop, of: index)?.lowercased() == "articlebody" {
                holdsArticleMarks[index] = true
            }
            if holdsArticleMarks[index], node.parent >= 0 { holdsArticleMarks[Int(node.parent)] = true }
        }
    }

    private func isRemoved(_ index: Int, strict: Bool) -> Bool {
        let tag = tree.nodes[index].tag
        switch tag {
        case .figure, .figcaption:
            return true
        case .nav, .footer, .aside, .menu, .header, .dialog, .address:
            return strict && !holdsArticleMarks[index]
        case .html, .body:
            return false
        default:
            if tag.holdsNoText { return true }
        }
        if tree.attribute(.hidden, of: index) != nil || tree.attribute(.ariaHidden, of: index)?.lowercased() == "true" { return true }
        if let style = tree.attribute(.style, of: index)?.lowercased().filter({ $0 != " " }),
            style.containsBytes("display:none") || style.containsBytes("visibility:hidden")
        {
            return true
        }
        if let role = tree.attribute(.role, of: index)?.lowercased(), Self.removedRoles.contains(role), !holdsArticleMarks[index] { return true }
        guard !holdsArticleMarks[index] else { return false }
        return strict ? hints[index].isBoilerplate : hints[index].isStrongBoilerplate
    }

    /// Unicode scalars (not counting UTF-8 continuation bytes) and commas in collapsed text.
    private static func measure(_ bytes: ArraySlice<UInt8>) -> (Int32, Int32) {
        var scalars: Int32 = 0
        var commas: Int32 = 0
        for byte in bytes {
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if byte == 0x2C { commas += 1 }
        }
        return (scalars, commas)
    }
}
