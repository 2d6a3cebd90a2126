/// Turns the selected content into the article's blocks, in reading order: every block element
/// that holds text starts a block (two `<br>` in a row do too); `h2`–`h6` give heading blocks,
/// list items list-item blocks and block quotes quote blocks. Blocks that are mostly links
/// (related-article lists, tag lists), share and subscription prompts and headings left with
/// nothing after them are dropped.
struct BlockCollector {
    /// The page as laid out.
    let layout: PageLayout
    /// The article's title, so a heading repeating it is not a block.
    let title: String?

    /// A block as collected, before it is kept or dropped.
    struct Collected {
        var kind: Paragraph.Kind
        var text: String
        var characters: Int
        var linkCharacters: Int
        /// Whether the block came from the page's `h1`.
        var isTitleLevel: Bool
        /// The block element the text belongs to.
        var owner: Int

        /// Whether more than half the block is link text.
        var isMostlyLinks: Bool { characters > 0 && linkCharacters * 2 > characters }
    }

    /// Blocks that are entirely one of these (lower-cased, without final punctuation) are
    /// prompts, not article text.
    private static let promptLines: Set<String> = [
        "advertisement", "advertising", "ad", "sponsored", "share", "share this", "share this article", "share this story", "tweet",
        "email", "print", "comments", "read more", "continue reading", "related", "related articles", "related stories",
        "recommended", "follow us", "subscribe", "sign up", "skip to content", "back to top", "loading", "click here", "more",
        "see also", "top stories", "most read", "trending", "listen", "listen to this article", "save", "copy link",
        "story continues below advertisement", "article continues below", "scroll to continue with content",
    ]
    /// Blocks starting with one of these are prompts.
    private static let promptPrefixes = [
        "read more:", "related:", "see also:", "follow us on", "sign up for", "subscribe to", "click here to", "share on ", "share this",
        "advertisement", "continue reading", "already a subscriber", "to continue reading", "this article is for subscribers",
        "join the conversation", "leave a comment", "you might also like", "more from ", "recommended for you", "we use cookies",
    ]

    /// The blocks of the subtrees rooted at `roots`.
    func collect(_ roots: [Int]) -> [HTMLPageArticle.Block] {
        var collected: [Collected] = []
        for root in roots { collect(root, into: &collected) }
        return kept(collected)
    }

    /// Every block of the subtree at `root`, nothing dropped yet.
    func collect(_ root: Int, into blocks: inout [Collected]) {
        let tree = layout.tree
        var current = Current()
        var index = root
        let end = Int(tree.nodes[root].end)
        var lastWasBreak = false
        while index < end {
            if layout.removed[index] {
                index = Int(tree.nodes[index].end)
                continue
            }
            let node = tree.nodes[index]
            if node.tag == .text {
                let owner = Int(layout.owner[index])
                if owner != current.owner {
                    current.flush(into: &blocks)
                    current.start(owner: owner, kind: layout.blockKind[index])
                }
                current.joiner.append(tree.bytes(of: index))
                current.characters += Int(layout.characters[index])
                current.linkCharacters += Int(layout.linkCharacters[index])
                if tree.bytes(of: index).contains(where: { $0 != 0x20 }) { lastWasBreak = false }
            } else if node.tag == .br {
                if lastWasBreak {
                    current.flush(into: &blocks)
                    current.owner = -2
                } else {
                    current.joiner.space()
                }
                lastWasBreak = true
            } else if node.tag.isBlock {
                current.flush(into: &blocks)
                current.owner = -2
                lastWasBreak = false
            }
            index += 1
        }
        current.flush(into: &blocks)
    }

    /// The block being collected.
    private struct Current {
        var owner = -2
        var kind: HTMLTag = .other
        var joiner = TextJoiner()
        var characters = 0
        var linkCharacters = 0

        mutating func start(owner: Int, kind: HTMLTag) {
            self.owner = owner
            self.kind = kind
        }

        mutating func flush(into blocks: inout [Collected]) {
            defer {
                joiner = TextJoiner()
                characters = 0
                linkCharacters = 0
            }
            guard !joiner.isEmpty else { return }
            let paragraphKind: Paragraph.Kind
            switch kind {
            case .h1, .h2, .h3, .h4, .h5, .h6: paragraphKind = .heading
            case .li, .dt, .dd: paragraphKind = .listItem
            case .blockquote: paragraphKind = .quote
            default: paragraphKind = .paragraph
            }
            blocks.append(
                Collected(
                    kind: paragraphKind, text: joiner.string, characters: characters, linkCharacters: linkCharacters, isTitleLevel: kind == .h1,
                    owner: owner))
        }
    }

    /// The blocks worth keeping: not the title, not mostly links, not a prompt, not the caption
    /// beside an image, not a heading or label that only introduces links, not a heading or label
    /// with nothing after it.
    func kept(_ collected: [Collected]) -> [HTMLPageArticle.Block] {
        let normalisedTitle = title.map { Self.comparable($0.split(whereSeparator: \.isWhitespace).joined(separator: " ")) }
        var keep = collected.map { block in
            if block.isTitleLevel { return false }
            if block.kind == .heading, let normalisedTitle, Self.comparable(block.text) == normalisedTitle { return false }
            return !block.isMostlyLinks && !Self.isPrompt(block.text) && !isCaption(block)
        }
        for (index, block) in collected.enumerated() where keep[index] && (block.kind == .heading || Self.isLabel(block.text)) {
            if index + 1 < collected.count, collected[index + 1].isMostlyLinks { keep[index] = false }
        }
        var blocks: [HTMLPageArticle.Block] = []
        for (index, block) in collected.enumerated() where keep[index] {
            if blocks.isEmpty, Self.comparable(block.text) == normalisedTitle { continue }
            blocks.append(HTMLPageArticle.Block(kind: block.kind, text: block.text))
        }
        while let last = blocks.last, last.kind == .heading || Self.isLabel(last.text) { blocks.removeLast() }
        return blocks
    }

    /// A short block in a cell or box that holds an image: the image's caption or credit.
    private func isCaption(_ block: Collected) -> Bool {
        guard block.owner >= 0, layout.ownCharacters[block.owner] < 200, layout.holdsImage[block.owner] else { return false }
        let tag = layout.tree.nodes[block.owner].tag
        return tag == .td || tag == .div
    }

    /// A short line that does not end a sentence (`Explore more on these topics`).
    private static func isLabel(_ text: String) -> Bool {
        guard text.count < 60, let last = text.last else { return false }
        return !".!?\"”’)".contains(last)
    }

    private static func isPrompt(_ block: String) -> Bool {
        guard block.utf8.count < 240 else { return false }
        let text = comparable(block)
        var trimmed = Substring(text)
        while let last = trimmed.last, ".:!…›»>".contains(last) { trimmed = trimmed.dropLast() }
        return promptLines.contains(String(trimmed)) || promptPrefixes.contains { text.hasPrefix($0) }
    }

    /// Lower-cased: how blocks are compared with the title and prompts (both have their white
    /// space collapsed already).
    static func comparable(_ text: String) -> String { text.lowercased() }
}
