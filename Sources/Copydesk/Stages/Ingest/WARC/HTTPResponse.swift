import Foundation

/// The HTTP response a WARC `response` record holds: the status, the headers (names compared
/// without case) and the body as sent.
struct HTTPResponse {
    /// Why a body cannot be decoded.
    struct Failure: Error {
        /// The quarantine reason: `bad_warc_record` or `record_too_large`.
        var reason: String
        /// What is wrong.
        var message: String
    }

    /// The status code (`200`, `404`).
    var status: Int
    /// Header fields in order, names as written.
    var headers: [(name: String, value: String)]
    /// The body as sent: possibly chunked and compressed.
    var body: ArraySlice<UInt8>

    /// Parses `block`; `nil` when it does not start with an `HTTP/x.y NNN` status line. A
    /// block cut off inside the headers has an empty body.
    static func parse(_ block: [UInt8]) -> HTTPResponse? {
        var lines: [ArraySlice<UInt8>] = []
        var index = block.startIndex
        var bodyStart = block.endIndex
        while index < block.endIndex {
            let end = block[index...].firstIndex(of: 0x0A) ?? block.endIndex
            var line = block[index..<end]
            if line.last == 0x0D { line = line.dropLast() }
            index = min(end + 1, block.endIndex)
            if line.isEmpty {
                bodyStart = index
                break
            }
            lines.append(line)
        }
        guard let statusLine = lines.first.map({ String(decoding: $0, as: UTF8.self) }), statusLine.hasPrefix("HTTP/") else { return nil }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            let text = String(decoding: line, as: UTF8.self)
            if let first = text.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + text.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = text.firstIndex(of: ":") else { continue }
            headers.append(
                (text[..<colon].trimmingCharacters(in: .whitespaces), text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return HTTPResponse(status: status, headers: headers, body: block[bodyStart...])
    }

    /// The value of the header called `name`, compared without case, when present.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The media type of `Content-Type`, lowercased, without its parameters (`text/html`).
    var mediaType: String? {
        guard let value = header("Content-Type") else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type.isEmpty ? nil : type
    }

    /// The `charset=` parameter of `Content-Type`, without quotes, when present.
    var charset: String? {
        guard let value = header("Content-Type") else { return nil }
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "charset" else { continue }
            let charset = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return charset.isEmpty ? nil : charset
        }
        return nil
    }

    /// The body as the page's bytes: de-chunked when sent with `Transfer-Encoding: chunked`,
    /// decompressed when sent with `Content-Encoding: gzip` or `deflate`. Fails when the
    /// encoding is one Copydesk does not read, the compressed body is corrupt, or it expands
    /// to more than `limit` bytes.
    func payload(limit: Int) throws(Failure) -> [UInt8] {
        var bytes = Array(body)
        if header("Transfer-Encoding")?.lowercased().contains("chunked") == true { bytes = Self.dechunked(bytes) }
        let encoding = header("Content-Encoding")?.lowercased().trimmingCharacters(in: .whitespaces) ?? ""
        switch encoding {
        case "", "identity", "none":
            return bytes
        case "gzip", "x-gzip", "deflate":
            do {
                guard let decoded = try GzipDecoder.decode(bytes, limit: limit) else {
                    throw Failure(reason: "record_too_large", message: "the \(encoding) body expands to more than max_record_bytes (\(limit))")
                }
                return decoded
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure(reason: "bad_warc_record", message: "the \(encoding) body cannot be decompressed: \(error)")
            }
        default:
            throw Failure(
                reason: "bad_warc_record", message: "the body is sent with Content-Encoding \(encoding.prefix(40)), which Copydesk does not read")
        }
    }

    /// The data of a chunked body (`size in hex`, `\r\n`, data, `\r\n`, ..., a `0` chunk); a
    /// body that does not start with a chunk size is kept as it is, and one cut off keeps the
    /// chunks read whole or in part.
    static func dechunked(_ body: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var index = 0
        var chunks = 0
        while index < body.count {
            guard let lineEnd = body[index...].firstIndex(of: 0x0A) else { break }
            let sizeText =
                String(decoding: body[index..<lineEnd], as: UTF8.self)
                .split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else { break }
            chunks += 1
            if size == 0 { return output }
            let start = lineEnd + 1
            let end = min(start + size, body.count)
            output.append(contentsOf: body[start..<end])
            index = end
            if index < body.count, body[index] == 0x0D { index += 1 }
            if index < body.count, body[index] == 0x0A { index += 1 }
        }
        return chunks == 0 ? body : output
    }
}
