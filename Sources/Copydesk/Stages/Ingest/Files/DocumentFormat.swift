/// The formats the `files` source tells apart, by a document's name and, when the name does
/// not say, by its first bytes.
enum DocumentFormat: String, CaseIterable, Sendable {
    case textdrop, html, jsonl, csv, warc

    /// The format a name's ending says (`.txt`, `.html`, `.jsonl`, `.csv`, `.tsv`, `.warc`,
    /// `.warc.gz`), if any.
    init?(name: String) {
        if WARCSource.isWebArchive(name) {
            self = .warc
            return
        }
        guard let ending = Self.ending(of: name) else { return nil }
        switch ending {
        case "txt": self = .textdrop
        case "html", "htm", "xhtml": self = .html
        case "jsonl", "ndjson": self = .jsonl
        case "csv", "tsv": self = .csv
        default: return nil
        }
    }

    /// The format the first bytes of a document look like: a tag, a JSON object, a
    /// text-drop header, a WARC version line; `nil` when they look like none (a CSV file is
    /// known by its name only).
    init?(leading bytes: ArraySlice<UInt8>) {
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        let text = bytes[start...].drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        switch text.first {
        case UInt8(ascii: "<"): self = .html
        case UInt8(ascii: "{"): self = .jsonl
        case UInt8(ascii: "d") where text.starts(with: Array("date ".utf8)): self = .textdrop
        case UInt8(ascii: "W") where text.starts(with: Array("WARC/".utf8)): self = .warc
        default: return nil
        }
    }

    /// The field separator of a CSV document: a tab for `.tsv`, else a comma.
    static func delimiter(of name: String) -> Unicode.Scalar {
        ending(of: name) == "tsv" ? "\t" : ","
    }

    /// The lower-case ending of the last component of `name`, without the dot.
    private static func ending(of name: String) -> String? {
        let file = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = file.lastIndex(of: ".") else { return nil }
        return file[file.index(after: dot)...].lowercased()
    }

    /// The endings the `files` source reads from directories (`.gz` is always listed, as an
    /// archive ending).
    static let endings = ["txt", "html", "htm", "xhtml", "jsonl", "ndjson", "csv", "tsv", "warc"]
}
