import Glibc

/// A listed file, opened and looked at once before it is read: its size and, for a small file
/// (most drops hold one article a file), its whole content, so reading it, sniffing its first
/// bytes and hashing it for the ledger cost one `open`, one `fstat` and one `read`.
struct OpenedFile {
    /// Files up to this size are read whole into memory.
    static let inMemoryLimit = 1 << 20

    /// The path as the source listed it.
    let path: String
    /// Its size in bytes.
    let size: Int
    /// Its content, when it is at most ``inMemoryLimit`` bytes; larger files are read from
    /// `path` in chunks.
    let bytes: [UInt8]?

    /// Opens `path`, checks it is a regular file (after links) and reads it when small. Throws
    /// an ``InputError`` naming a dangling link, a directory, pipe, socket or device, or a file
    /// that cannot be read.
    init(path: String) throws {
        self.path = path
        // O_NONBLOCK: opening a named pipe must not wait for a writer; regular files ignore it.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else {
            let reason = errno
            var link = stat()
            if reason == ENOENT, lstat(path, &link) == 0 {
                throw InputError(path: path, message: "cannot be opened: no such file (a dangling link?)")
            }
            throw InputError(path: path, message: "cannot be opened: \(String(cString: strerror(reason)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw InputError(path: path, message: "cannot be examined: \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw InputError(path: path, message: "is not a regular file (a directory, pipe, socket or device)")
        }
        size = Int(status.st_size)
        guard size <= Self.inMemoryLimit else {
            bytes = nil
            return
        }
        bytes = try Self.readAll(descriptor, expected: size, path: path)
    }

    /// The whole content of the open file, which `fstat` said holds `expected` bytes (read on
    /// to the end, in case it grew).
    private static func readAll(_ descriptor: Int32, expected: Int, path: String) throws -> [UInt8] {
        func failed() -> InputError { InputError(path: path, message: "cannot be read: \(String(cString: strerror(errno)))") }
        var content = try [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let got = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if got < 0, errno == EINTR { continue }
                guard got >= 0 else { throw failed() }
                if got == 0 { break }
                count += got
            }
        }
        guard content.count > expected else { return content }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw failed() }
            if got == 0 { return content }
            content.append(contentsOf: chunk[0..<got])
        }
    }

    /// The document the source reads: the file with its bytes when they were read.
    var document: InputDocument {
        bytes.map { InputDocument(path: path, content: $0) } ?? InputDocument(path: path)
    }
}
