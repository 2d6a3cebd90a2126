import Foundation

/// Reads a file line by line in fixed-size chunks, so a file of any size is read with bounded
/// memory, or the lines of an archive member already in memory. Lines are split on `\n`; a
/// trailing `\r` (CRLF files) is removed.
struct LineReader {
    /// A line's bytes and its 1-based number; `truncated` when it exceeded the line limit and
    /// only its first `limit` bytes are kept.
    struct Line {
        var bytes: [UInt8]
        var number: Int
        var truncated: Bool
    }

    private let descriptor: Int32
    private var chunk: [UInt8]
    private var chunkStart = 0
    private var chunkEnd = 0
    private var lineNumber = 0
    private var atEnd = false
    private let lineLimit: Int

    /// Opens `path` (standard input for `-`); throws when it cannot be opened.
    init(path: String, chunkSize: Int = 1 << 20, lineLimit: Int = 64 << 20) throws {
        descriptor = path == InputFiles.standardInput ? dup(STDIN_FILENO) : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        chunk = [UInt8](repeating: 0, count: chunkSize)
        self.lineLimit = lineLimit
    }

    /// Reads the lines of bytes in memory (an archive member).
    init(bytes: [UInt8], lineLimit: Int = 64 << 20) {
        descriptor = -1
        chunk = bytes
        chunkEnd = bytes.count
        atEnd = true
        self.lineLimit = lineLimit
    }

    /// Reads the lines of `document`: its bytes when it is an archive member, else its file.
    init(document: InputDocument) throws {
        if let bytes = document.bytes { self.init(bytes: bytes) } else { try self.init(path: document.path) }
    }

    /// Closes the file.
    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    /// Up to `count` bytes at the start of the file, without consuming them; for a look at the
    /// file before its first line is read.
    mutating func leadingBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        if lineNumber == 0, chunkStart == chunkEnd, !atEnd { try refill() }
        return chunk[chunkStart..<min(chunkEnd, chunkStart + count)]
    }

    /// The next line, or `nil` at the end of the file.
    mutating func next() throws -> Line? {
        var line: [UInt8] = []
        var truncated = false
        var sawAnything = false
        while true {
            if chunkStart == chunkEnd {
                if atEnd { break }
                try refill()
                if chunkStart == chunkEnd { atEnd = true; break }
            }
            sawAnything = true
            let newline = chunk.withUnsafeBufferPointer { buffer -> Int? in
                guard let base = buffer.baseAddress, let found = memchr(base + chunkStart, 0x0A, chunkEnd - chunkStart) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            let end = newline ?? chunkEnd
            let room = lineLimit - line.count
            if room > 0 { line.append(contentsOf: chunk[chunkStart..<min(end, chunkStart + room)]) }
            if end - chunkStart > room { truncated = true }
            if let newline {
                chunkStart = newline + 1
                lineNumber += 1
                if line.last == 0x0D { line.removeLast() }
                return Line(bytes: line, number: lineNumber, truncated: truncated)
            }
            chunkStart = chunkEnd
        }
        guard sawAnything else { return nil }
        lineNumber += 1
        if line.last == 0x0D { line.removeLast() }
        return Line(bytes: line, number: lineNumber, truncated: truncated)
    }

    private mutating func refill() throws {
        guard descriptor >= 0 else {
            chunkStart = chunkEnd
            return
        }
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw InputError(path: "", message: "read failed: \(String(cString: strerror(errno)))") }
        chunkStart = 0
        chunkEnd = count
    }
}
