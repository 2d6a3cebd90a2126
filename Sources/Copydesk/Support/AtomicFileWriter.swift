import Foundation

/// Writes a file under a temporary name beside its destination and renames it into place on
/// ``commit()``, so a killed or failed run never leaves a partial file under the final name and
/// the previous output stays intact until the new one is complete.
///
/// Bytes are buffered and appended to the temporary file when the buffer passes 1 MB or on
/// ``flush()``; no file descriptor stays open in between, so a sink may keep many writers (one
/// per date) without running out of descriptors.
public final class AtomicFileWriter {
    /// The final path.
    public let path: String
    /// The temporary path written until commit.
    public let temporaryPath: String
    private var buffer: [UInt8] = []
    private var finished = false
    private static let flushThreshold = 1 << 20

    /// Errors creating, writing or renaming the file.
    public struct Failure: Error, CustomStringConvertible {
        /// The file concerned.
        public let path: String
        /// What went wrong.
        public let reason: String
        /// `path: reason`.
        public var description: String { "\(path): \(reason)" }
    }

    /// Creates the temporary file; the destination's directory is created when missing.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        self.temporaryPath = temporary
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: path, reason: "cannot create directory \(directory): \(Self.reason(error))")
        }
        Self.removeStaleTemporaryFiles(of: url.lastPathComponent, in: directory)
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw Failure(path: path, reason: "cannot create \(temporary) (is the directory writable?)")
        }
    }

    deinit {
        if !finished { try? FileManager.default.removeItem(atPath: temporaryPath) }
    }

    /// Bytes written but not yet appended to the temporary file.
    public var bufferedByteCount: Int { buffer.count }

    /// Appends bytes.
    public func write<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Appends the contents of the file at `source`, read in chunks, and returns its last byte
    /// (nil when the file is missing or empty): how an appending run keeps the previous output.
    @discardableResult
    public func appendContents(ofFile source: String) throws -> UInt8? {
        guard let input = FileHandle(forReadingAtPath: source) else { return nil }
        defer { try? input.close() }
        var last: UInt8?
        do {
            while let chunk = try input.read(upToCount: Self.flushThreshold), !chunk.isEmpty {
                last = chunk.last
                try write(chunk)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(path: path, reason: "cannot read the previous \(source): \(Self.reason(error))")
        }
        return last
    }

    /// Appends a string as UTF-8.
    public func write(_ string: String) throws {
        try write(string.utf8)
    }

    /// Writes the buffer out, syncs and renames the file to its final name.
    public func commit() throws {
        guard !finished else { return }
        try flush()
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
            defer { try? handle.close() }
            try handle.synchronize()
        } catch {
            throw Failure(path: path, reason: "cannot finish writing: \(Self.reason(error))")
        }
        finished = true
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw Failure(path: path, reason: "cannot move the finished file into place: \(reason)")
        }
    }

    /// Deletes the temporary file; the destination is left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    /// Appends the buffered bytes to the temporary file.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: buffer)
        } catch {
            throw Failure(path: path, reason: "write failed: \(Self.reason(error))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Deletes temporary files of `name` left by processes that were killed while writing.
    private static func removeStaleTemporaryFiles(of name: String, in directory: String) {
        let prefix = ".\(name).tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)), pid != ProcessInfo.processInfo.processIdentifier,
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(entry))
        }
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
