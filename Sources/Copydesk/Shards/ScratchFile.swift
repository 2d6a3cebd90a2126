import Foundation

/// A temporary file written once, in appends through a buffer, and then read at any offset
/// (`pread`), so what it holds stays on disk and in the page cache rather than in the
/// process's memory: the clusterer's signatures and keys, a large listing. Deleted when closed.
final class ScratchFile {
    /// Where the file is.
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit: Int
    /// Bytes written so far, the buffer included.
    private(set) var size = 0

    /// Creates an empty file at `path`, replacing any there, written out each time
    /// `bufferBytes` are appended (smaller for files written many at a time, such as one per
    /// LSH band, whose buffers would otherwise add up).
    init(path: String, bufferBytes: Int = 1 << 20) throws {
        self.path = path
        bufferLimit = bufferBytes
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure("cannot create", path) }
        buffer.reserveCapacity(bufferLimit)
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Appends the bytes of `value` as they are in memory (little-endian on every platform
    /// Copydesk runs on).
    func append<T: FixedWidthInteger>(_ value: T) throws {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        size += MemoryLayout<T>.size
        if buffer.count >= bufferLimit { try flush() }
    }

    /// Appends the bytes of `values` as they are in memory, in one copy: the signatures of a
    /// run go here, and a call per value would cost more than the copy.
    func append(_ values: [UInt64]) throws {
        values.withUnsafeBytes { buffer.append(contentsOf: $0) }
        size += values.count * MemoryLayout<UInt64>.size
        if buffer.count >= bufferLimit { try flush() }
    }

    /// Appends `bytes`.
    func append(bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        size += bytes.count
        if buffer.count >= bufferLimit { try flush() }
    }

    /// Writes the buffer out.
    func flush() throws {
        var written = 0
        while written < buffer.count {
            let result = buffer.withUnsafeBytes { raw in write(descriptor, raw.baseAddress! + written, raw.count - written) }
            guard result > 0 else { throw Self.failure("cannot write", path) }
            written += result
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Reads `count` bytes at `offset` into `destination` (flush first).
    func read(into destination: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        var done = 0
        while done < destination.count {
            let result = pread(descriptor, destination.baseAddress! + done, destination.count - done, off_t(offset + done))
            guard result > 0 else { throw Self.failure("cannot read", path) }
            done += result
        }
    }

    /// The whole file as records of `T`, a struct of integers in the layout they were appended
    /// in (flush first); for files read back and sorted in one piece.
    func records<T: BitwiseCopyable>(of type: T.Type) throws -> [T] {
        let count = size / MemoryLayout<T>.stride
        return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { try read(into: UnsafeMutableRawBufferPointer(buffer), at: 0) }
            initialized = count
        }
    }

    /// A scratch file that could not be written or read (a full disk): an output error (exit 5).
    struct Failure: Error, CustomStringConvertible {
        /// The message as printed.
        let description: String
    }

    private static func failure(_ action: String, _ path: String) -> Failure {
        Failure(description: "\(path): \(action) the scratch file: \(String(cString: strerror(errno)))")
    }
}
