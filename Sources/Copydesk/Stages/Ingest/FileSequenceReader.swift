/// Reads one file's items for a ``FileSequenceReader``.
protocol FileItemReader {
    /// The next item of the file, or `nil` at its end; throws when the file cannot be read.
    mutating func next() throws -> SourceItem?
}

/// A ``SourceReader`` over a sorted list of files, reading each with a per-format file reader.
/// A file that cannot be opened or read is quarantined and the next file is read.
struct FileSequenceReader: SourceReader {
    private let files: [String]
    private let stage: String
    private let open: (String, String) -> any FileItemReader
    private var index = 0
    private var current: (any FileItemReader)?

    /// Creates a reader over `files`; `open` makes the reader of one file.
    init(files: [String], stage: String, open: @escaping (String, String) -> any FileItemReader) {
        self.files = files
        self.stage = stage
        self.open = open
    }

    mutating func next() async throws -> SourceItem? {
        while true {
            if current == nil {
                guard index < files.count else { return nil }
                current = open(files[index], stage)
                index += 1
            }
            do {
                if let item = try current?.next() { return item }
                current = nil
            } catch {
                current = nil
                let path = files[index - 1]
                return .rejected(QuarantineRecord(path: path, line: 0, stage: stage, reason: "unreadable_file",
                                                  message: "\(error)".replacingOccurrences(of: "\(path): ", with: ""), raw: ""))
            }
        }
    }
}
