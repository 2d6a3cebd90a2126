/// Reads every record of a WARC file and decodes the HTTP payload of its `response` records,
/// without extracting articles: what the reading and decoding alone cost, for
/// `copydesk-bench warc`.
public struct WARCScan: Sendable {
    /// Records read, broken ones included.
    public var records = 0
    /// Broken records and records over the size limit.
    public var broken = 0
    /// Bytes of record blocks read.
    public var blockBytes = 0
    /// Bytes of HTTP payload decoded (de-chunked, decompressed) from `response` records.
    public var payloadBytes = 0

    /// Scans the file at `path`; throws an `InputError` when it cannot be opened or read.
    public static func run(path: String, maxRecordBytes: Int = 64 << 20) throws -> WARCScan {
        var scan = WARCScan()
        let reader = WARCRecordReader(bytes: try WARCFileBytes(document: InputDocument(path: path)), maxRecordBytes: maxRecordBytes)
        while let event = try reader.next() {
            scan.records += 1
            guard case .record(let record) = event else {
                scan.broken += 1
                continue
            }
            scan.blockBytes += record.block.count
            guard record.type == "response", record.holdsHTTP, let http = HTTPResponse.parse(record.block) else { continue }
            scan.payloadBytes += (try? http.payload(limit: maxRecordBytes).count) ?? 0
        }
        return scan
    }
}
