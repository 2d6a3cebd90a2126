import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The elements of a parsed page, with their attributes and text, in document order.
final class PageElements: NSObject, XMLParserDelegate {
    /// Every element's name and attributes.
    private(set) var elements: [(name: String, attributes: [String: String])] = []
    /// The text directly inside each element, by its index in `elements`.
    private var texts: [Int: String] = [:]
    private var open: [Int] = []
    /// The text of the `<style>` elements.
    private(set) var styleText = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:])
    {
        open.append(elements.count)
        elements.append((name, attributes))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let current = open.last else { return }
        texts[current, default: ""] += string
        if elements[current].name == "style" { styleText += string }
    }

    /// The attributes of every `name` element that has `attribute`.
    func all(_ name: String, with attribute: String) -> [[String: String]] {
        elements.filter { $0.name == name && $0.attributes[attribute] != nil }.map(\.attributes)
    }

    /// The attributes of the first `name` element whose `attribute` is `value`.
    func attributes(of name: String, where attribute: String, is value: String) -> [String: String]? {
        elements.first { $0.name == name && $0.attributes[attribute] == value }?.attributes
    }

    /// The text directly inside the first `name` element whose `attribute` is `value`.
    func text(of name: String, where attribute: String, is value: String) -> String? {
        elements.firstIndex { $0.name == name && $0.attributes[attribute] == value }.map { texts[$0] ?? "" }
    }
}
