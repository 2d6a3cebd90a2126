import Foundation

/// Articles a stage must hold back until the end of the run: kept in memory up to a byte
/// budget, then appended to a temporary JSON-lines file, so holding back a whole archive costs
/// disk, not memory. The file is deleted when the hold is released.
final class ArticleSpill {
    private let budget: Int
    private let directory: String
    private var held: [Article] = []
    private var heldBytes = 0
    private var file: (path: String, handle: FileHandle)?
    private let encoder = JSONEncoder()

    /// Creates an empty hold keeping up to `memoryBudget` bytes of text in memory; beyond it,
    /// articles go to a file in `directory` (the system's temporary directory by default).
    init(memoryBudget: Int, directory: String = NSTemporaryDirectory()) {
        self.budget = memoryBudget
        self.directory = directory
    }

    deinit {
        if let file {
            try? file.handle.close()
            try? FileManager.default.removeItem(atPath: file.path)
        }
    }

    /// Appends articles.
    func append(_ articles: [Article]) throws {
        if file == nil {
            let bytes = articles.reduce(0) { $0 + $1.text.utf8.count + ($1.summary?.utf8.count ?? 0) + 512 }
            if heldBytes + bytes <= budget {
                held += articles
                heldBytes += bytes
                return
            }
            file = try Self.createFile(in: directory)
        }
        var bytes = Data()
        for article in articles {
            bytes.append(try encoder.encode(article))
            bytes.append(0x0A)
        }
        try file?.handle.write(contentsOf: bytes)
    }

    /// A reader over the articles appended so far, in order.
    func reader() throws -> Reader {
        guard let file else { return Reader(memory: held, lines: nil) }
        try file.handle.synchronize()
        return Reader(memory: held, lines: try LineReader(path: file.path))
    }

    private static func createFile(in directory: String) throws -> (path: String, handle: FileHandle) {
        let path = (directory as NSString).appendingPathComponent("copydesk-spill-\(UUID().uuidString).jsonl")
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw InputError(path: path, message: "cannot create a spill file for held-back articles")
        }
        return (path, handle)
    }

    /// Reads held articles back, a batch at a time: first those in memory, then the file.
    struct Reader {
        private var memory: ArraySlice<Article>
        private var lines: LineReader?
        private let decoder = JSONDecoder()

        fileprivate init(memory: [Article], lines: LineReader?) {
            self.memory = memory[...]
            self.lines = lines
        }

        /// The next `count` articles (fewer at the end), or `nil` when none are left.
        mutating func next(_ count: Int) throws -> [Article]? {
            var batch = Array(memory.prefix(count))
            memory = memory.dropFirst(batch.count)
            while batch.count < count, let line = try lines?.next() {
                batch.append(try decoder.decode(Article.self, from: Data(line.bytes)))
            }
            if batch.isEmpty { lines?.close() }
            return batch.isEmpty ? nil : batch
        }
    }
}
