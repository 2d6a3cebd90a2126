/// The formats the `files` source tells apart, by a document's name and, when the name does
/// not say, by its first bytes.
enum DocumentFormat: String, CaseIterable, Sendable {
    case textdrop, html, jsonl

    /// The format a name's ending says (`.txt`, `.html`, `.jsonl`), if any.
    init?(name: String) {
        let file = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = file.lastIndex(of: ".") else { return nil }
        switch file[file.index(after: dot)...].lowercased() {
        case "txt": self = .textdrop
        case "html", "htm", "xhtml": self = .html
        case "jsonl", "ndjson": self = .jsonl
        default: return nil
        }
    }

    /// The format the first bytes of a document look like: a tag, a JSON object, a
    /// text-drop header; `nil` when they look like none.
    init?(leading bytes: ArraySlice<UInt8>) {
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        let text = bytes[start...].drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        switch text.first {
        case UInt8(ascii: "<"): self = .html
        case UInt8(ascii: "{"): self = .jsonl
        case UInt8(ascii: "d") where text.starts(with: Array("date ".utf8)): self = .textdrop
        default: return nil
        }
    }

    /// The endings the `files` source reads from directories.
    static let endings = ["txt", "html", "htm", "xhtml", "jsonl", "ndjson"]
}
