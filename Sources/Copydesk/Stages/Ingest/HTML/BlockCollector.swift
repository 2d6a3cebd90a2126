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
        /// Whether the block came from a heading (`h1`–`h6`).
        var isTitleLevel: Bool
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
                    kind: paragraphKind, text: joiner.string, characters: characters, linkCharacters: linkCharacters, isTitleLevel: kind == .h1))
        }
    }

    /// The blocks worth keeping.
    func kept(_ collected: [Collected]) -> [HTMLPageArticle.Block] {
        var blocks: [HTMLPageArticle.Block] = []
        let normalisedTitle = title.map(Self.comparable)
        for block in collected {
            let comparable = Self.comparable(block.text)
            if block.isTitleLevel || (block.kind == .heading && comparable == normalisedTitle) { continue }
            if block.characters > 0, Double(block.linkCharacters) / Double(block.characters) > 0.5 { continue }
            if Self.isPrompt(comparable) { continue }
            if blocks.isEmpty, comparable == normalisedTitle { continue }
            blocks.append(HTMLPageArticle.Block(kind: block.kind, text: block.text))
        }
        while let last = blocks.last, last.kind == .heading { blocks.removeLast() }
        return blocks
    }

    private static func isPrompt(_ text: String) -> Bool {
        guard text.count < 120 else { return false }
        let trimmed = String(text.reversed().drop { ".:!…›»>".contains($0) }.reversed())
        return promptLines.contains(trimmed) || promptPrefixes.contains { text.hasPrefix($0) }
    }

    /// Lower-cased, white space collapsed: how blocks are compared with the title and prompts.
    static func comparable(_ text: String) -> String {
        text.lowercased().split(separator: " ").joined(separator: " ")
    }
}
