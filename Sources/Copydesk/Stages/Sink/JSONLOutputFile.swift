import Foundation

/// One file written by the `jsonl` sink: lines gathered in memory and handed to an
/// ``AtomicFileWriter``, each flushed chunk compressed as one gzip member when asked.
final class JSONLOutputFile {
    /// Lines gathered before a flush.
    static let flushThreshold = 1 << 20

    private let writer: AtomicFileWriter
    private let gzip: Bool
    private var pending: [UInt8] = []

    /// Bytes of lines not yet flushed.
    var pendingByteCount: Int { pending.count }

    /// Starts the temporary file of `path`, copying the previous file first when `keepingPrevious`.
    init(path: String, gzip: Bool, keepingPrevious: Bool) throws {
        writer = try AtomicFileWriter(path: path)
        self.gzip = gzip
        if keepingPrevious, let last = try writer.appendContents(ofFile: path), !gzip, last != UInt8(ascii: "\n") {
            try writer.write(CollectionOfOne(UInt8(ascii: "\n")))
        }
    }

    /// Adds one line; the newline is added here.
    func append(line: Data) throws {
        pending.append(contentsOf: line)
        pending.append(UInt8(ascii: "\n"))
        if pending.count >= Self.flushThreshold { try flush() }
    }

    /// Writes the gathered lines to the temporary file.
    func flush() throws {
        guard !pending.isEmpty else { return }
        do {
            try writer.write(gzip ? try GzipMember.compress(pending) : pending)
        } catch let failure as GzipMember.Failure {
            throw AtomicFileWriter.Failure(path: writer.path, reason: failure.description)
        }
        pending = []
        try writer.flush()
    }

    /// Flushes and renames the file into place.
    func commit() throws {
        try flush()
        try writer.commit()
    }

    /// Deletes the temporary file.
    func discard() {
        writer.discard()
    }
}
