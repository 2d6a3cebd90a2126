import Foundation

/// Where a sink's bytes go: a file written atomically, or standard output.
protocol OutputByteStream: AnyObject {
    /// The destination, as errors name it.
    var path: String { get }
    /// Appends bytes.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws
    /// Passes on what is buffered.
    func flush() throws
    /// Makes everything written final.
    func commit() throws
    /// Throws away what can still be thrown away.
    func discard()
}

extension AtomicFileWriter: OutputByteStream {
    /// Appends bytes to the temporary file's buffer.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try write(bytes)
    }
}

/// Standard output as a sink's destination (`path: -`), for piping into `jq` and other tools.
///
/// Lines are written as they are flushed, so they cannot be taken back: a run that fails after
/// writing some has written them, and its exit code says it failed. A reader that stops early
/// (`| head`) closes the pipe, and the write fails with a clear error instead of a signal.
final class StandardOutputStream: OutputByteStream {
    /// The name `path: -` stands for.
    let path = "standard output"

    /// Writes every byte to file descriptor 1, retrying short writes and interruptions.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(STDOUT_FILENO, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                let reason = errno == EPIPE ? "the reader closed the pipe" : String(cString: strerror(errno))
                throw AtomicFileWriter.Failure(path: path, reason: "write failed: \(reason)")
            }
            next += written
            left -= written
        }
    }

    /// Nothing is buffered here.
    func flush() throws {}

    /// Everything is already written.
    func commit() throws {}

    /// What was written to standard output stays written.
    func discard() {}
}
