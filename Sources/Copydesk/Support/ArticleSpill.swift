import Foundation

/// A temporary JSON-lines file that holds articles a stage must keep until the end of the
/// run, so holding them back costs disk, not memory. Deleted when the spill is released.
final class ArticleSpill {
    private let path: String
    private let handle: FileHandle
    private let encoder = JSONEncoder()
    private(set) var count = 0

    /// Creates an empty spill file in `directory` (the system's temporary directory by default).
    init(directory: String = NSTemporaryDirectory()) throws {
        path = (directory as NSString).appendingPathComponent("copydesk-spill-\(UUID().uuidString).jsonl")
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw InputError(path: path, message: "cannot create a spill file for held-back articles")
        }
        self.handle = handle
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Appends articles.
    func append(_ articles: [Article]) throws {
        var bytes = Data()
        for article in articles {
            bytes.append(try encoder.encode(article))
            bytes.append(0x0A)
        }
        try handle.write(contentsOf: bytes)
        count += articles.count
    }

    /// A reader over the articles appended so far, in order.
    func reader() throws -> Reader {
        try handle.synchronize()
        return Reader(lines: try LineReader(path: path))
    }

    /// Reads a spill back, a batch at a time.
    struct Reader {
        fileprivate var lines: LineReader
        private let decoder = JSONDecoder()

        fileprivate init(lines: LineReader) {
            self.lines = lines
        }

        /// The next `count` articles (fewer at the end), or `nil` when none are left.
        mutating func next(_ count: Int) throws -> [Article]? {
            var batch: [Article] = []
            while batch.count < count, let line = try lines.next() {
                batch.append(try decoder.decode(Article.self, from: Data(line.bytes)))
            }
            if batch.isEmpty { lines.close() }
            return batch.isEmpty ? nil : batch
        }
    }
}
