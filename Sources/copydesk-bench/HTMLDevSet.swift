import Foundation

/// The pages of an HTML development set read into memory: `index.tsv` (a header row, then name,
/// url, html path and expected-text path, tab separated, paths relative to its folder) and the
/// files it names.
struct HTMLDevSet {
    /// One saved page and the article text expected of it.
    struct Page {
        /// The page's name in the index.
        var name: String
        /// Where the page was fetched from.
        var url: String?
        /// The page as saved.
        var html: [UInt8]
        /// The article body a good extraction gives.
        var expected: String
    }

    /// A malformed index.
    struct IndexError: Error, CustomStringConvertible {
        /// What is wrong, with the file and line.
        var description: String
    }

    /// Path of the index file.
    var index: String
    /// The pages, in index order.
    var pages: [Page]

    /// Bytes of HTML over all pages.
    var bytes: Int { pages.reduce(0) { $0 + $1.html.count } }

    /// Reads the set in `directory`; nil when it has no `index.tsv`.
    static func load(directory: String) throws -> HTMLDevSet? {
        let index = (directory as NSString).appendingPathComponent("index.tsv")
        guard FileManager.default.fileExists(atPath: index) else { return nil }
        let lines = try String(contentsOfFile: index, encoding: .utf8).split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) else {
            throw IndexError(description: "\(index): empty")
        }
        let columns = ["name", "url", "html", "expected_text"].map { header.firstIndex(of: $0) }
        guard let name = columns[0], let html = columns[2], let expected = columns[3] else {
            throw IndexError(description: "\(index):1: the header needs name, html and expected_text columns")
        }
        var pages: [Page] = []
        for (number, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count else {
                throw IndexError(description: "\(index):\(number + 1): \(fields.count) fields, the header has \(header.count)")
            }
            let url = columns[1].map { fields[$0] }
            pages.append(
                Page(
                    name: fields[name], url: url?.isEmpty == false ? url : nil,
                    html: Array(try Data(contentsOf: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(fields[html])))),
                    expected: try String(contentsOfFile: (directory as NSString).appendingPathComponent(fields[expected]), encoding: .utf8)))
        }
        return HTMLDevSet(index: index, pages: pages)
    }
}
