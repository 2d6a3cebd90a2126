import CZlib

/// Decompresses a gzip or zlib stream held in memory with zlib (an HTTP body sent with
/// `Content-Encoding: gzip` or `deflate`), up to a size limit.
enum GzipDecoder {
    /// Why the bytes could not be decompressed.
    struct Failure: Error, CustomStringConvertible {
        /// What zlib reported.
        let description: String
    }

    /// The decompressed bytes of `bytes` (a gzip member, several in a row, or a zlib stream;
    /// zlib tells them apart by their header), or `nil` when they expand to more than `limit`
    /// bytes; throws when the stream is corrupt or cut off.
    static func decode(_ bytes: [UInt8], limit: Int) throws -> [UInt8]? {
        var stream = z_stream()
        // 15 window bits, plus 32: read a gzip or a zlib header, whichever is there.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var consumed = 0
        while true {
            let (code, used, produced) = bytes.withUnsafeBufferPointer { source in
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress.map { $0 + consumed })
                    stream.avail_in = uInt(source.count - consumed)
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let code = inflate(&stream, Z_NO_FLUSH)
                    return (code, source.count - consumed - Int(stream.avail_in), target.count - Int(stream.avail_out))
                }
            }
            consumed += used
            output.append(contentsOf: chunk[0..<produced])
            if output.count > limit { return nil }
            switch code {
            case Z_STREAM_END:
                guard consumed < bytes.count, bytes[consumed] == 0x1F else { return output }
                inflateReset(&stream)
            case Z_OK where used > 0 || produced > 0:
                continue
            case Z_OK, Z_BUF_ERROR:
                throw Failure(description: "the compressed body is cut off")
            default:
                throw Failure(description: stream.msg.map { String(cString: $0) } ?? "zlib error \(code)")
            }
        }
    }
}
