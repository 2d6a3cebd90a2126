import Foundation

/// Articles a stage must hold back until the end of the run: kept in memory up to a byte
/// budget, then appended to a temporary file (each article its record length and its
/// ``ArticleSpillCodec`` record), so holding back a whole archive costs disk, not memory. The
/// file is deleted when the hold is released.
final class ArticleSpill {
    private let budget: Int
    private let directory: String
    private var held: [Article] = []
    private var heldBytes = 0
    private var file: (path: String, handle: FileHandle)?

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
        var bytes: [UInt8] = []
        for article in articles {
            // The record goes straight after a slot for its length, filled in once it is known.
            let slot = bytes.count
            bytes += repeatElement(0, count: 8)
            try ArticleSpillCodec.encode(article, into: &bytes)
            withUnsafeBytes(of: Int64(bytes.count - slot - 8).littleEndian) { bytes.replaceSubrange(slot..<slot + 8, with: $0) }
        }
        try file?.handle.write(contentsOf: bytes)
    }

    /// A reader over the articles appended so far, in order.
    func reader() throws -> Reader {
        guard let file else { return Reader(memory: held, records: nil) }
        try file.handle.synchronize()
        return Reader(memory: held, records: try RecordReader(path: file.path))
    }

    private static func createFile(in directory: String) throws -> (path: String, handle: FileHandle) {
        let path = (directory as NSString).appendingPathComponent("copydesk-spill-\(UUID().uuidString).bin")
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw InputError(path: path, message: "cannot create a spill file for held-back articles")
        }
        return (path, handle)
    }

    /// Reads held articles back, a batch at a time: first those in memory, then the file.
    struct Reader {
        private var memory: ArraySlice<Article>
        private var records: RecordReader?

        fileprivate init(memory: [Article], records: RecordReader?) {
            self.memory = memory[...]
            self.records = records
        }

        /// The next `count` articles (fewer at the end), or `nil` when none are left.
        mutating func next(_ count: Int) throws -> [Article]? {
            var batch = Array(memory.prefix(count))
            memory = memory.dropFirst(batch.count)
            while batch.count < count, let article = try records?.next() { batch.append(article) }
            if batch.isEmpty { records = nil }
            return batch.isEmpty ? nil : batch
        }
    }

    /// Reads the spill file's records in order, through a buffer of whole reads.
    fileprivate final class RecordReader {
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var position = 0
        private var atEnd = false

        init(path: String) throws {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw InputError(path: path, message: "cannot read back the spill file of held-back articles")
            }
            self.handle = handle
        }

        deinit { try? handle.close() }

        /// The next article, or `nil` at the end of the file.
        func next() throws -> Article? {
            guard try fill(8) else { return nil }
            let length = buffer.withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: Int64.self))) }
            position += 8
            guard length >= 0, try fill(length) else { throw ArticleSpillCodec.Garbled() }
            defer { position += length }
            return try buffer.withUnsafeBytes { try ArticleSpillCodec.decode(UnsafeRawBufferPointer(rebasing: $0[position..<position + length])) }
        }

        /// Whether `count` bytes past the position are in the buffer, reading on as needed;
        /// `false` only at the very end of the file.
        private func fill(_ count: Int) throws -> Bool {
            while buffer.count - position < count {
                if atEnd {
                    guard buffer.count == position else { throw ArticleSpillCodec.Garbled() }
                    return false
                }
                buffer.removeFirst(position)
                position = 0
                let chunk = try handle.read(upToCount: max(1 << 20, count)) ?? Data()
                if chunk.isEmpty { atEnd = true } else { buffer += chunk }
            }
            return true
        }
    }
}
