import CZlib
import Foundation

/// The bytes of one WARC file (or archive member already in memory), read in bounded chunks:
/// a plain `.warc` as it is, a `.warc.gz`
/// (one gzip member per record, members one after another) inflated member by member with
/// zlib, remembering where each member starts in the compressed file so a record can be found
/// again by its offset.
///
/// The reader sees a window of decompressed bytes (``buffer`` from ``start``) that it
/// ``consume(_:)``s and ``fill()``s. A corrupt gzip member, or a file that ends inside one,
/// stops the bytes with a ``damage`` message; ``resume()`` goes on at the next gzip member
/// found after it.
final class WARCFileBytes {
    /// Decompressed bytes read and not yet dropped; the unread ones begin at ``start``.
    private(set) var buffer: [UInt8] = []
    /// Index in ``buffer`` of the first byte not consumed.
    private(set) var start = 0
    /// Whether the file is gzip-compressed (its first bytes are a gzip header).
    let isGzip: Bool
    /// Why the bytes stopped before the end of the file, until ``resume()``: a corrupt gzip
    /// member or a file cut inside one, with the member's offset.
    private(set) var damage: (offset: Int, message: String)?

    /// Decompressed offset of `buffer[0]`.
    private var base = 0
    /// The open file; -1 for a document in memory.
    private let descriptor: Int32
    /// The document's bytes when it is an archive member, read from ``memoryOffset`` on.
    private let memory: [UInt8]?
    private var memoryOffset = 0
    private let path: String
    private var atEnd = false
    /// Bytes read from the file at a time.
    private let chunkSize = 1 << 20

    // Gzip state: the compressed bytes read and not yet inflated, and the members begun.
    private var compressed: [UInt8] = []
    private var compressedStart = 0
    /// File offset of `compressed[0]`.
    private var compressedBase = 0
    private var stream = z_stream()
    private var output: [UInt8] = []
    /// What one read of the file gives, before it joins the window or the compressed bytes.
    private lazy var scratch = [UInt8](repeating: 0, count: chunkSize)
    private var memberOpen = false
    /// Members begun, as (decompressed offset, file offset), oldest first; those wholly
    /// consumed are dropped.
    private var members: [(position: Int, offset: Int)] = []

    /// Opens `document`: its file, or its bytes when it is an archive member; throws an
    /// ``InputError`` when the file cannot be opened or read.
    init(document: InputDocument) throws {
        path = document.name
        if let bytes = document.bytes {
            descriptor = -1
            memory = bytes
            isGzip = bytes.starts(with: [0x1F, 0x8B])
        } else {
            memory = nil
            descriptor = open(document.path, O_RDONLY)
            guard descriptor >= 0 else { throw InputError(path: path, message: "cannot open the file (\(String(cString: strerror(errno))))") }
            var head = [UInt8](repeating: 0, count: 2)
            let count = pread(descriptor, &head, 2, 0)
            isGzip = count == 2 && head == [0x1F, 0x8B]
        }
        if isGzip {
            guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                if descriptor >= 0 { close(descriptor) }
                throw InputError(path: path, message: "zlib could not start")
            }
            output = [UInt8](repeating: 0, count: 256 << 10)
        }
    }

    deinit {
        if isGzip { inflateEnd(&stream) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Decompressed offset of the first byte not consumed.
    var position: Int { base + start }
    /// Bytes in the window not yet consumed.
    var available: Int { buffer.count - start }

    /// Marks `count` more bytes as read.
    func consume(_ count: Int) {
        start += count
    }

    /// Where the record whose first byte is at decompressed offset `position` starts in the
    /// file: the offset itself for a plain file, the start of its gzip member for `.warc.gz`.
    func fileOffset(of position: Int) -> Int {
        guard isGzip else { return position }
        return members.last { $0.position <= position }?.offset ?? position
    }

    /// The decompressed offset where the first gzip member begun after `position` starts, when
    /// it has been reached.
    func memberStart(after position: Int) -> Int? {
        members.first { $0.position > position }?.position
    }

    /// Goes on after ``damage``: drops the window and reads on from the next gzip member.
    func resume() {
        start = buffer.count
        damage = nil
    }

    /// Adds bytes to the window; `false` at the end of the file or when ``damage`` stops it.
    func fill() throws -> Bool {
        guard damage == nil else { return false }
        if start > 0, start >= buffer.count / 2 || start >= chunkSize {
            buffer.removeSubrange(0..<start)
            base += start
            start = 0
            if let current = members.lastIndex(where: { $0.position <= base }), current > 0 { members.removeSubrange(0..<current) }
        }
        return isGzip ? try inflateMore() : try readPlain()
    }

    private func readPlain() throws -> Bool {
        guard !atEnd else { return false }
        let count = try readChunk()
        scratch.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
        return count > 0
    }

    /// Reads up to ``chunkSize`` bytes of the file into ``scratch``; 0 at its end.
    private func readChunk() throws -> Int {
        if let memory {
            let count = min(chunkSize, memory.count - memoryOffset)
            scratch.replaceSubrange(0..<count, with: memory[memoryOffset..<memoryOffset + count])
            memoryOffset += count
            if count == 0 { atEnd = true }
            return count
        }
        let count = scratch.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
        guard count >= 0 else { throw InputError(path: path, message: "cannot read the file (\(String(cString: strerror(errno))))") }
        if count == 0 { atEnd = true }
        return count
    }

    /// Reads more compressed bytes; `false` at the end of the file.
    private func readCompressed() throws -> Bool {
        guard !atEnd else { return false }
        if compressedStart > 0 {
            compressed.removeSubrange(0..<compressedStart)
            compressedBase += compressedStart
            compressedStart = 0
        }
        let count = try readChunk()
        scratch.withUnsafeBufferPointer { compressed.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
        return count > 0
    }

    /// Inflates until some decompressed bytes are added, the file ends, or a member is damaged.
    private func inflateMore() throws -> Bool {
        while true {
            if !memberOpen {
                guard try seekMember() else { return false }
            }
            if compressedStart == compressed.count {
                guard try readCompressed() else {
                    let offset = members.last?.offset ?? compressedBase
                    damage = (offset, "the file ends inside the gzip member at offset \(offset)")
                    memberOpen = false
                    return false
                }
            }
            let (code, used, produced) = compressed.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + compressedStart)
                    stream.avail_in = uInt(source.count - compressedStart)
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let code = inflate(&stream, Z_NO_FLUSH)
                    return (code, source.count - compressedStart - Int(stream.avail_in), target.count - Int(stream.avail_out))
                }
            }
            compressedStart += used
            output.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<produced])) }
            let stuck = used == 0 && produced == 0 && compressedStart < compressed.count
            switch code {
            case Z_STREAM_END:
                inflateReset(&stream)
                memberOpen = false
            case Z_OK where !stuck, Z_BUF_ERROR where !stuck:
                break
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(code)"
                let offset = members.last?.offset ?? compressedBase
                damage = (offset, "the gzip member at offset \(offset) is corrupt (\(reason))")
                inflateReset(&stream)
                memberOpen = false
                // Never find the same member again.
                if compressedBase + compressedStart <= offset { compressedStart = offset - compressedBase + 1 }
                return false
            }
            if produced > 0 { return true }
        }
    }

    /// Finds the start of the next gzip member and records it; bytes before it other than
    /// padding zeros damage the file there. `false` at the end of the file.
    private func seekMember() throws -> Bool {
        var skippedData = false
        let skipFrom = compressedBase + compressedStart
        while true {
            while compressed.count - compressedStart < 3 {
                guard try readCompressed() else {
                    if skippedData || compressed[compressedStart...].contains(where: { $0 != 0 }) {
                        damage = (skipFrom, "the bytes at offset \(skipFrom) are not a gzip member")
                    }
                    compressedStart = compressed.count
                    return false
                }
            }
            if compressed[compressedStart] == 0x1F, compressed[compressedStart + 1] == 0x8B, compressed[compressedStart + 2] == 0x08 {
                if skippedData {
                    damage = (skipFrom, "the bytes at offset \(skipFrom) are not a gzip member")
                    return false
                }
                members.append((base + buffer.count, compressedBase + compressedStart))
                memberOpen = true
                return true
            }
            if compressed[compressedStart] != 0 { skippedData = true }
            compressedStart += 1
        }
    }
}
