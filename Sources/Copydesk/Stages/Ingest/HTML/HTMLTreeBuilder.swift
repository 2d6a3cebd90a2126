import CLibXML2

/// Parses a page with libxml2's HTML parser (recovering from errors, never touching the
/// network, printing nothing) and builds an ``HTMLTree`` from its SAX events, so libxml2 never
/// builds a document of its own: elements, attributes and text go straight into the tree's
/// arrays.
final class HTMLTreeBuilder {
    /// libxml2 is initialised once, before any thread parses.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_IGNORE_ENC.rawValue)

    private var tree = HTMLTree()
    private var open: [Int32] = []
    /// Where the text run being collected started in `tree.text`; -1 when none is open.
    private var textStart = -1
    private var lastWasSpace = false

    private init(capacity: Int) {
        tree.nodes.reserveCapacity(capacity / 40)
        tree.text.reserveCapacity(capacity / 3)
    }

    /// Parses `bytes` as HTML in `encoding` (a name libxml2 or iconv knows, `UTF-8` for text
    /// already converted); `nil` when libxml2 does not know the encoding.
    static func parse(_ bytes: [UInt8], encoding: String) -> HTMLTree? {
        _ = initialised
        guard !bytes.isEmpty else { return HTMLTree() }
        let isUTF8 = encoding == "UTF-8"
        let handler = isUTF8 ? nil : xmlFindCharEncodingHandler(encoding)
        guard isUTF8 || handler != nil else { return nil }
        let builder = HTMLTreeBuilder(capacity: bytes.count)
        let parsed: Bool = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                guard let context = htmlCreateMemoryParserCtxt(start, Int32(clamping: buffer.count)) else { return false }
                defer { htmlFreeParserCtxt(context) }
                context.pointee.sax.pointee = Self.events()
                context.pointee.userData = Unmanaged.passUnretained(builder).toOpaque()
                _ = htmlCtxtUseOptions(context, options)
                // UTF-8 is read in place; other encodings are converted by their handler.
                if let handler { _ = xmlSwitchToEncoding(context, handler) } else { _ = xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8) }
                htmlParseDocument(context)
                return true
            }
        }
        guard parsed else { return nil }
        builder.flushText()
        for closed in builder.open { builder.tree.nodes[Int(closed)].end = Int32(builder.tree.nodes.count) }
        return builder.tree
    }

    /// The SAX callbacks: elements, their ends, text and script or style content.
    private static func events() -> htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.initialized = 1
        handler.startElement = { context, name, attributes in
            guard let context, let name else { return }
            HTMLTreeBuilder.builder(context).start(name, attributes)
        }
        handler.endElement = { context, _ in
            guard let context else { return }
            HTMLTreeBuilder.builder(context).end()
        }
        handler.characters = { context, characters, length in
            guard let context, let characters, length > 0 else { return }
            HTMLTreeBuilder.builder(context).text(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = handler.characters
        return handler
    }

    /// The builder a callback is for: libxml2 passes the context's `userData`.
    private static func builder(_ userData: UnsafeMutableRawPointer) -> HTMLTreeBuilder {
        Unmanaged<HTMLTreeBuilder>.fromOpaque(userData).takeUnretainedValue()
    }

    private func start(_ name: UnsafePointer<UInt8>, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        flushText()
        let index = Int32(tree.nodes.count)
        let attributesStart = Int32(tree.attributes.count)
        if let attributes {
            var pair = 0
            while let attributeName = attributes[pair] {
                if let known = HTMLAttributeName.named(attributeName) {
                    tree.attributes.append(HTMLTree.Attribute(name: known, value: attributes[pair + 1].map(Self.attributeValue) ?? ""))
                }
                pair += 2
            }
        }
        tree.nodes.append(
            HTMLTree.Node(
                tag: HTMLTag(name: name), parent: open.last ?? -1, end: index + 1, start: attributesStart, stop: Int32(tree.attributes.count)))
        open.append(index)
    }

    /// An attribute's value, white space collapsed and trimmed (most values have none to collapse).
    private static func attributeValue(_ raw: UnsafePointer<UInt8>) -> String {
        let value = UnsafeBufferPointer(start: raw, count: Int(xmlStrlen(raw)))
        if !value.contains(where: { $0 <= 0x20 || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) { return String(decoding: value, as: UTF8.self) }
        var collapsed: [UInt8] = []
        var space = false
        appendCollapsed(value, to: &collapsed, lastWasSpace: &space)
        return String(decoding: collapsed, as: UTF8.self).trimmingASCIISpaces()
    }

    private func end() {
        flushText()
        guard let closed = open.popLast() else { return }
        tree.nodes[Int(closed)].end = Int32(tree.nodes.count)
    }

    private func text(_ characters: UnsafeBufferPointer<UInt8>) {
        if textStart < 0 {
            textStart = tree.text.count
            lastWasSpace = false
        }
        Self.appendCollapsed(characters, to: &tree.text, lastWasSpace: &lastWasSpace)
    }

    /// Ends the text run being collected, adding its node when it holds anything.
    private func flushText() {
        guard textStart >= 0 else { return }
        defer { textStart = -1 }
        guard tree.text.count > textStart else { return }
        let index = Int32(tree.nodes.count)
        tree.nodes.append(HTMLTree.Node(tag: .text, parent: open.last ?? -1, end: index + 1, start: Int32(textStart), stop: Int32(tree.text.count)))
    }

    /// Appends UTF-8 text with each run of white space (ASCII, no-break and other fixed-width
    /// spaces) as one space, and soft hyphens, zero-width characters and byte-order marks left
    /// out; `lastWasSpace` carries a run across calls.
    static func appendCollapsed(_ content: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], lastWasSpace: inout Bool) {
        var index = 0
        let count = content.count
        func next(_ offset: Int) -> UInt8 { index + offset < count ? content[index + offset] : 0 }
        while index < count {
            // Plain bytes are copied as one run.
            var runEnd = index
            while runEnd < count {
                let byte = content[runEnd]
                if byte <= 0x20 || byte == 0xC2 || byte == 0xE2 || byte == 0xEF { break }
                runEnd += 1
            }
            if runEnd > index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: content[index..<runEnd]))
                lastWasSpace = false
                index = runEnd
                continue
            }
            let byte = content[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
                index += 1
            case 0xC2 where next(1) == 0xA0:
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
                index += 2
            case 0xC2 where next(1) == 0xAD:
                index += 2
            case 0xE2 where next(1) == 0x80 && (next(2) <= 0x8A || next(2) == 0xAF) && next(2) >= 0x80:
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
                index += 3
            case 0xE2 where next(1) == 0x80 && (0x8B...0x8D).contains(next(2)):
                index += 3
            case 0xEF where next(1) == 0xBB && next(2) == 0xBF:
                index += 3
            default:
                bytes.append(byte)
                lastWasSpace = false
                index += 1
            }
        }
    }
}
