/// The `filter` stage's rejects file: one JSON line per dropped article, in input order,
/// `{"article":{…the output record…},"detail":"12 words < 50","rule":"min_words"}` (keys
/// sorted, as every JSON line Copydesk writes). Written under a temporary name renamed into
/// place on ``commit()`` (an empty file when nothing was dropped), thrown away on
/// ``discard()``; the file is created at the first write, so building the stage opens nothing.
actor FilterRejectsFile {
    /// Lines gathered before they are handed to the file.
    private static let flushThreshold = 1 << 20

    /// The final path.
    let path: String
    private var file: AtomicFileWriter?
    private var pending = JSONByteWriter()
    /// The first write to the file that failed: every later write and the commit fail with it,
    /// so no line is written twice when its batch is retried.
    private var failure: (any Error)?

    /// A rejects file at `path`; nothing is created yet.
    init(path: String) {
        self.path = path
    }

    /// Appends one line per dropped article, in the order given. Nothing of the batch is kept
    /// when one of its articles has no JSON form (``JSONByteWriter/Unwritable``).
    func write(_ dropped: [(article: Article, rejection: FilterRejection)]) throws {
        if let failure { throw failure }
        let start = pending.count
        do {
            for (article, rejection) in dropped {
                pending.openObject()
                pending.key("article")
                try pending.write(article)
                pending.key("detail")
                pending.string(rejection.detail)
                pending.key("rule")
                pending.string(rejection.rule)
                pending.closeObject()
                pending.lineBreak()
            }
        } catch {
            pending.truncate(to: start)
            throw error
        }
        if pending.count >= Self.flushThreshold { try flush() }
    }

    /// Writes what is pending and renames the file into place.
    func commit() throws {
        if let failure { throw failure }
        try flush()
        try opened().commit()
        file = nil
    }

    /// Deletes the temporary file; a previous rejects file stays as it was.
    func discard() {
        file?.discard()
        file = nil
        pending.removeAll()
    }

    /// Hands the pending lines to the temporary file.
    private func flush() throws {
        guard pending.count > 0 else { return }
        do {
            let writer = try opened()
            try pending.withBytes { lines throws in try writer.write(lines) }
            try writer.flush()
        } catch {
            failure = error
            throw error
        }
        pending.removeAll()
    }

    /// The temporary file, created at first use.
    private func opened() throws -> AtomicFileWriter {
        if let file { return file }
        let created = try AtomicFileWriter(path: path)
        file = created
        return created
    }
}
