import Copydesk
import Foundation

/// Builds WARC files for tests: records written byte by byte, as a plain `.warc` or a
/// `.warc.gz` with one gzip member per record, remembering where each record starts.
struct WARCTestFile {
    /// One record: its id and its bytes.
    struct Record {
        /// `WARC-Record-ID`, `nil` for records built without one.
        var id: String?
        /// The record as written, with its trailing blank lines.
        var bytes: [UInt8]
    }

    /// Records in file order.
    var records: [Record] = []

    /// Adds a record of `type` with `block`; `fields` come after the standard ones, and
    /// `length` overrides `Content-Length` (`nil` writes none when `writeLength` is false).
    mutating func add(
        type: String, uri: String? = nil, contentType: String? = nil, fields: [(String, String)] = [], block: [UInt8],
        writeLength: Bool = true, versionLine: String = "WARC/1.1"
    ) {
        let id = "<urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", records.count))>"
        var header = "\(versionLine)\r\nWARC-Type: \(type)\r\nWARC-Date: 2024-03-14T09:30:00Z\r\nWARC-Record-ID: \(id)\r\n"
        if let uri { header += "WARC-Target-URI: \(uri)\r\n" }
        if let contentType { header += "Content-Type: \(contentType)\r\n" }
        for (name, value) in fields { header += "\(name): \(value)\r\n" }
        if writeLength { header += "Content-Length: \(block.count)\r\n" }
        records.append(Record(id: id, bytes: Array((header + "\r\n").utf8) + block + Array("\r\n\r\n".utf8)))
    }

    /// Adds raw bytes as a record (a broken one).
    mutating func addRaw(_ text: String) {
        records.append(Record(id: nil, bytes: Array(text.utf8)))
    }

    /// Adds a `response` record holding an HTTP response.
    mutating func addResponse(
        uri: String, status: Int = 200, headers: [(String, String)], body: [UInt8], fields: [(String, String)] = []
    ) {
        var head = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Not Found")\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        add(type: "response", uri: uri, contentType: "application/http; msgtype=response", fields: fields, block: Array((head + "\r\n").utf8) + body)
    }

    /// The file's bytes and each record's offset: concatenated, or one gzip member a record.
    func encoded(gzip: Bool) throws -> (bytes: [UInt8], offsets: [Int]) {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for record in records {
            offsets.append(bytes.count)
            bytes += gzip ? try GzipMember.compress(record.bytes) : record.bytes
        }
        return (bytes, offsets)
    }

    /// Writes the file to `directory/name`, returning its path and the records' offsets.
    func write(to directory: URL, name: String, gzip: Bool) throws -> (path: String, offsets: [Int]) {
        let (bytes, offsets) = try encoded(gzip: gzip)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return (url.path, offsets)
    }

    /// `body` in chunks of `size` bytes, as `Transfer-Encoding: chunked` sends it.
    static func chunked(_ body: [UInt8], size: Int) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < body.count {
            let end = min(index + size, body.count)
            output += Array("\(String(end - index, radix: 16))\r\n".utf8) + body[index..<end] + Array("\r\n".utf8)
            index = end
        }
        return output + Array("0\r\n\r\n".utf8)
    }
}
