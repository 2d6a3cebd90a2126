import CLibXML2

/// Parses a page with libxml2's HTML parser (recovering from errors, never touching the
/// network, printing nothing) and copies the document into an ``HTMLTree``.
enum HTMLTreeBuilder {
    /// libxml2 is initialised once, before any thread parses; its limit on element depth (256,
    /// past which it stops parsing and the rest of the page is lost) is lifted, since the tree
    /// is copied without recursion.
    private static let initialised: Bool = {
        xmlInitParser()
        copydesk_set_parser_max_depth(1 << 24)
        return true
    }()

    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Parses `bytes` as HTML in `encoding` (a name libxml2 or iconv knows, `UTF-8` for text
    /// already converted); `nil` when libxml2 gives no document (an unknown encoding).
    static func parse(_ bytes: [UInt8], encoding: String) -> HTMLTree? {
        _ = initialised
        guard !bytes.isEmpty else { return HTMLTree() }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                htmlReadMemory(start, Int32(clamping: buffer.count), nil, encoding, options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        var tree = HTMLTree()
        tree.nodes.reserveCapacity(bytes.count / 40)
        tree.text.reserveCapacity(bytes.count / 3)
        copy(from: document.pointee.children, into: &tree)
        return tree
    }

    /// Copies the nodes from `first` on (and their subtrees) in document order, walking the
    /// libxml2 tree by its links rather than by recursion.
    private static func copy(from first: xmlNodePtr?, into tree: inout HTMLTree) {
        var open: [Int32] = []
        var current = first
        walk: while let node = current {
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let index = Int32(tree.nodes.count)
                let attributesStart = Int32(tree.attributes.count)
                copyAttributes(of: node, into: &tree)
                tree.nodes.append(
                    HTMLTree.Node(
                        tag: HTMLTag(name: node.pointee.name), parent: open.last ?? -1, end: index + 1, start: attributesStart,
                        stop: Int32(tree.attributes.count)))
                if let child = node.pointee.children {
                    open.append(index)
                    current = child
                    continue walk
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    let start = Int32(tree.text.count)
                    appendCollapsed(content, to: &tree.text)
                    if Int32(tree.text.count) > start {
                        let index = Int32(tree.nodes.count)
                        tree.nodes.append(HTMLTree.Node(tag: .text, parent: open.last ?? -1, end: index + 1, start: start, stop: Int32(tree.text.count)))
                    }
                }
            default:
                break
            }
            var finished = node
            while finished.pointee.next == nil {
                guard let closed = open.popLast(), let parent = finished.pointee.parent else { break walk }
                tree.nodes[Int(closed)].end = Int32(tree.nodes.count)
                finished = parent
            }
            current = finished.pointee.next
        }
        for closed in open { tree.nodes[Int(closed)].end = Int32(tree.nodes.count) }
    }

    private static func copyAttributes(of node: xmlNodePtr, into tree: inout HTMLTree) {
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let name = HTMLAttributeName.named(current.pointee.name) else { continue }
            var value: [UInt8] = []
            var child = current.pointee.children
            while let part = child {
                if let content = part.pointee.content { appendCollapsed(content, to: &value) }
                child = part.pointee.next
            }
            tree.attributes.append(HTMLTree.Attribute(name: name, value: String(decoding: value, as: UTF8.self).trimmingASCIISpaces()))
        }
    }

    /// Appends a NUL-terminated UTF-8 string with each run of white space (ASCII, no-break and
    /// other fixed-width spaces) as one space, and soft hyphens and zero-width characters left out.
    static func appendCollapsed(_ content: UnsafePointer<UInt8>, to bytes: inout [UInt8]) {
        var index = 0
        var lastWasSpace = false
        while true {
            let byte = content[index]
            switch byte {
            case 0:
                return
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
                index += 1
            case 0xC2 where content[index + 1] == 0xA0:
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
                index += 2
            case 0xC2 where content[index + 1] == 0xAD:
                index += 2
            case 0xE2 where content[index + 1] == 0x80 && (content[index + 2] <= 0x8A || content[index + 2] == 0xAF):
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
                index += 3
            case 0xE2 where content[index + 1] == 0x80 && (0x8B...0x8D).contains(content[index + 2]):
                index += 3
            case 0xEF where content[index + 1] == 0xBB && content[index + 2] == 0xBF:
                index += 3
            default:
                bytes.append(byte)
                lastWasSpace = false
                index += 1
            }
        }
    }
}
