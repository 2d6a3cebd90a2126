import Foundation

/// One file written by the `jsonl` sink: each article's line is written straight into a buffer
/// in memory, which every flush hands to an ``AtomicFileWriter``, compressed as one gzip member
/// when asked.
final class JSONLOutputFile {
    /// Lines gathered before a flush.
    static let flushThreshold = 1 << 20

    private let writer: AtomicFileWriter
    private let gzip: Bool
    private var pending = JSONByteWriter()

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

    /// Adds the line of one article; nothing is added when it has no JSON form
    /// (``JSONByteWriter/Unwritable``).
    func append(_ article: Article) throws {
        try pending.write(article)
        pending.lineBreak()
        if pending.count >= Self.flushThreshold { try flush() }
    }

    /// Writes the gathered lines to the temporary file.
    func flush() throws {
        guard pending.count > 0 else { return }
        do {
            if gzip {
                try writer.write(try GzipMember.compress(pending.bytes))
            } else {
                try pending.withBytes { lines throws in try writer.write(lines) }
            }
        } catch let failure as GzipMember.Failure {
            throw AtomicFileWriter.Failure(path: writer.path, reason: failure.description)
        }
        pending.removeAll()
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
