import Foundation

/// One file written by the `jsonl` sink: each article's line is written straight into a buffer
/// in memory, which every flush hands to an ``AtomicFileWriter`` (or standard output),
/// compressed as one gzip member when asked.
final class JSONLOutputFile {
    /// Lines gathered before a flush.
    static let flushThreshold = 1 << 20

    private let writer: any OutputByteStream
    private let gzip: Bool
    private var pending = JSONByteWriter()

    /// Bytes of lines not yet flushed.
    var pendingByteCount: Int { pending.count }

    /// Starts the temporary file of `path`, copying the previous file first when `keepingPrevious`.
    init(path: String, gzip: Bool, keepingPrevious: Bool) throws {
        self.gzip = gzip
        guard path != JSONLSink.standardOutput else {
            writer = StandardOutputStream()
            return
        }
        let file = try AtomicFileWriter(path: path)
        if keepingPrevious, let last = try file.appendContents(ofFile: path), !gzip, last != UInt8(ascii: "\n") {
            try file.write(CollectionOfOne(UInt8(ascii: "\n")))
        }
        writer = file
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
                try GzipMember.compress(pending.bytes).withUnsafeBufferPointer { try writer.append($0) }
            } else {
                try pending.withBytes { lines throws in try writer.append(lines) }
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
