/// A parsed page as a flat array of nodes in document order, so every pass of the extractor is
/// a loop over indices (no recursion, however deep the page nests) and a subtree is the range
/// of indices from its root to ``Node/end``.
///
/// Text is stored once, as UTF-8 bytes with every run of white space (including non-breaking
/// spaces) collapsed to one space; only the attributes of ``HTMLAttributeName`` are kept.
struct HTMLTree: Sendable {
    /// One element or text node.
    struct Node: Sendable {
        /// The element's tag, or ``HTMLTag/text``.
        var tag: HTMLTag
        /// Index of the parent element; -1 for top-level nodes.
        var parent: Int32
        /// One past the last index of the node's subtree.
        var end: Int32
        /// Text nodes: where their bytes start in ``HTMLTree/text``. Elements: where their
        /// attributes start in ``HTMLTree/attributes``.
        var start: Int32
        /// Text nodes: where their bytes end. Elements: where their attributes end.
        var stop: Int32
    }

    /// One attribute of an element.
    struct Attribute: Sendable {
        /// Which attribute.
        var name: HTMLAttributeName
        /// Its value, with entities decoded.
        var value: String
    }

    /// The nodes in document order; a node's children follow it.
    var nodes: [Node] = []
    /// The attributes of every element, grouped by element.
    var attributes: [Attribute] = []
    /// The collapsed text of every text node, one after another.
    var text: [UInt8] = []

    /// The value of `name` on element `node`, if set.
    func attribute(_ name: HTMLAttributeName, of node: Int) -> String? {
        let entry = nodes[node]
        guard entry.tag != .text else { return nil }
        for index in Int(entry.start)..<Int(entry.stop) where attributes[index].name == name { return attributes[index].value }
        return nil
    }

    /// The `class` and `id` of an element, lower-cased and joined by a space: what the class
    /// and id hints are matched against.
    func classAndID(of node: Int) -> String {
        let entry = nodes[node]
        guard entry.tag != .text else { return "" }
        var joined = ""
        for index in Int(entry.start)..<Int(entry.stop) where attributes[index].name == .class || attributes[index].name == .id {
            if !joined.isEmpty { joined += " " }
            joined += attributes[index].value.lowercased()
        }
        return joined
    }

    /// The bytes of text node `node`.
    func bytes(of node: Int) -> ArraySlice<UInt8> {
        text[Int(nodes[node].start)..<Int(nodes[node].stop)]
    }

    /// The children of `node`, in order.
    func children(of node: Int) -> Children { Children(tree: self, parent: node) }

    /// The children of one node.
    struct Children: Sequence {
        fileprivate let tree: HTMLTree
        fileprivate let parent: Int

        /// Walks from the first child to the last, jumping over each child's subtree.
        func makeIterator() -> AnyIterator<Int> {
            var next = parent + 1
            let end = Int(tree.nodes[parent].end)
            return AnyIterator {
                guard next < end else { return nil }
                defer { next = Int(tree.nodes[next].end) }
                return next
            }
        }
    }

    /// The first element with `tag`, in document order.
    func first(_ tag: HTMLTag) -> Int? { nodes.firstIndex { $0.tag == tag } }

    /// The visible text of a subtree, white space collapsed and trimmed, skipping elements that
    /// hold no text (scripts, styles, forms, media).
    func textContent(of node: Int) -> String {
        var collector = TextJoiner()
        var index = node
        let end = Int(nodes[node].end)
        if nodes[node].tag == .text { return String(decoding: bytes(of: node), as: UTF8.self).trimmingASCIISpaces() }
        index += 1
        while index < end {
            let entry = nodes[index]
            if entry.tag == .text {
                collector.append(bytes(of: index))
            } else if entry.tag.holdsNoText {
                index = Int(entry.end)
                continue
            } else if entry.tag == .br || entry.tag.isBlock {
                collector.space()
            }
            index += 1
        }
        return collector.string
    }

    /// The raw text of a subtree (scripts included): what a JSON-LD block holds.
    func rawText(of node: Int) -> String {
        var bytes: [UInt8] = []
        for index in node..<Int(nodes[node].end) where nodes[index].tag == .text { bytes += self.bytes(of: index) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Joins collapsed text pieces into one string with single spaces and no space at either end.
struct TextJoiner {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    /// Appends a piece; a space at either end of it separates it from its neighbours.
    mutating func append(_ piece: ArraySlice<UInt8>) {
        var piece = piece
        if piece.first == 0x20 {
            pendingSpace = true
            piece = piece.dropFirst()
        }
        guard !piece.isEmpty else { return }
        let trailing = piece.last == 0x20
        if trailing { piece = piece.dropLast() }
        guard !piece.isEmpty else {
            pendingSpace = true
            return
        }
        if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
        bytes += piece
        pendingSpace = trailing
    }

    /// Separates what comes next from what came before by a space.
    mutating func space() { pendingSpace = true }

    /// Whether nothing but spaces was appended.
    var isEmpty: Bool { bytes.isEmpty }

    /// The joined text.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// How many bytes the joined text has.
    var byteCount: Int { bytes.count }
}

extension String {
    /// Whether the string holds `needle`, compared byte for byte (no Foundation, no locale).
    func containsBytes(_ needle: String) -> Bool {
        let haystack = Array(utf8)
        let needle = Array(needle.utf8)
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        for index in 0...(haystack.count - needle.count) where haystack[index] == first {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// The string without ASCII spaces at either end.
    func trimmingASCIISpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 }) else { return "" }
        let last = utf8.lastIndex(where: { $0 != 0x20 })!
        return String(self[first...last])
    }
}
