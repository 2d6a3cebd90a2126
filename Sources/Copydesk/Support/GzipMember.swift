import CZlib

/// Compresses bytes into one complete gzip member (RFC 1952) with zlib.
///
/// A gzip file may hold several members one after another and every reader (`gzip -d`, `zcat`,
/// Python's `gzip`, pandas) decompresses them as one stream, so a writer can compress each
/// buffer it flushes on its own: no compressor state lives between flushes, and appending to a
/// gzip file is adding members.
public enum GzipMember {
    /// Errors reported by zlib.
    public struct Failure: Error, CustomStringConvertible {
        /// zlib's return code.
        public let code: Int32
        /// What failed, with zlib's code.
        public var description: String { "gzip compression failed (zlib error \(code))" }
    }

    /// `bytes` as one gzip member, at zlib's default compression level.
    public static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        // 15 window bits, plus 16 for a gzip header and trailer instead of zlib's.
        var code = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard code == Z_OK else { throw Failure(code: code) }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        var input = bytes
        code = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard code == Z_STREAM_END else { throw Failure(code: code) }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
