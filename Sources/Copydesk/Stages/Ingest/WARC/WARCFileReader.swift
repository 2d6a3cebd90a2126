import Logging

/// Reads the articles of one WARC file (or archive member): each `response` record holding an HTTP 200 HTML page
/// goes through the HTML extractor, located by the record's offset and `WARC-Record-ID`.
/// Other records are counted and skipped; broken, too large and articleless records are
/// quarantined. The counts are logged at info level when the file has been read.
struct WARCFileReader: FileItemReader {
    /// Media types read as HTML pages.
    static let htmlTypes: Set<String> = ["text/html", "application/xhtml+xml"]

    let document: InputDocument
    let stage: String
    let extractor: HTMLArticleExtractor
    let maxRecordBytes: Int
    let logger: Logger
    /// What became of the records read so far.
    private(set) var counts = WARCRecordCounts()
    private var records: WARCRecordReader?
    private var done = false

    private var path: String { document.path }

    /// Prepares to read `document`; the file is opened by the first ``next()``.
    init(document: InputDocument, stage: String, extractor: HTMLArticleExtractor, maxRecordBytes: Int, logger: Logger) {
        self.document = document
        self.stage = stage
        self.extractor = extractor
        self.maxRecordBytes = maxRecordBytes
        self.logger = logger
    }

    mutating func next() throws -> SourceItem? {
        guard !done else { return nil }
        if records == nil { records = WARCRecordReader(bytes: try WARCFileBytes(document: document), maxRecordBytes: maxRecordBytes) }
        while let event = try records?.next() {
            counts.records += 1
            if let item = item(for: event) { return item }
        }
        done = true
        records = nil
        logger.info("\(counts.summary)", metadata: document.logFields)
        return nil
    }

    /// The article or quarantine record of one event, or `nil` for a record skipped.
    private mutating func item(for event: WARCRecordEvent) -> SourceItem? {
        switch event {
        case .broken(_, let message, let header):
            return reject("bad_warc_record", message, raw: header)
        case .tooLarge(let offset, let recordID, let length, let header):
            return reject(
                "record_too_large", "\(Self.name(offset, recordID)): the block has \(length) bytes, more than max_record_bytes (\(maxRecordBytes))",
                raw: header)
        case .record(let record):
            if let truncated = record.truncated {
                counts.truncated += 1
                logger.info(
                    "\(Self.name(record.offset, record.recordID)) is truncated (WARC-Truncated: \(truncated)); read as far as it goes",
                    metadata: document.logFields.merging(["offset": .stringConvertible(record.offset)]) { $1 })
            }
            guard record.type == "response" else {
                counts.skip(record.type.isEmpty ? "without WARC-Type" : record.type)
                return nil
            }
            return response(record)
        }
    }

    /// The article of a `response` record, or `nil` when it is skipped.
    private mutating func response(_ record: WARCRecord) -> SourceItem? {
        let name = Self.name(record.offset, record.recordID)
        guard record.holdsHTTP else {
            counts.skip("not HTTP")
            return nil
        }
        guard let http = HTTPResponse.parse(record.block) else {
            return reject("bad_warc_record", "\(name): the block does not start with an HTTP status line", raw: Self.shown(record.block))
        }
        guard http.status == 200 else {
            counts.skip("not 200")
            return nil
        }
        let mediaType = http.mediaType
        if let mediaType, !Self.htmlTypes.contains(mediaType) {
            counts.skip("not HTML")
            return nil
        }
        let page: [UInt8]
        do {
            page = try http.payload(limit: maxRecordBytes)
        } catch {
            return reject(error.reason, "\(name): \(error.message)", raw: Self.shown(record.block))
        }
        if mediaType == nil, !Self.looksLikeHTML(page) {
            counts.skip("not HTML")
            return nil
        }
        let source = SourceLocation(path: path, line: 0, format: stage, recordID: record.recordID, member: document.member, offset: record.offset)
        let item = HTMLPageItem.item(for: extractor.extract(page, url: record.targetURI, charset: http.charset), bytes: page, source: source)
        switch item {
        case .article:
            counts.articles += 1
            return item
        case .rejected(var rejected):
            counts.quarantined += 1
            rejected.message = "\(name): \(rejected.message)"
            return .rejected(rejected)
        }
    }

    /// A quarantine record for this file, counted.
    private mutating func reject(_ reason: String, _ message: String, raw: String) -> SourceItem {
        counts.quarantined += 1
        return .rejected(QuarantineRecord(path: path, line: 0, stage: stage, reason: reason, message: message, raw: raw, member: document.member))
    }

    /// `record at offset 1234 (<urn:uuid:…>)`, naming a record in messages.
    static func name(_ offset: Int, _ recordID: String?) -> String {
        "record at offset \(offset)" + (recordID.map { " (\($0))" } ?? "")
    }

    /// The first 2 KB of a block, as text.
    private static func shown(_ block: [UInt8]) -> String {
        String(decoding: block.prefix(2_048), as: UTF8.self)
    }

    /// Whether a page sent without a content type reads as HTML: its first kilobyte names a
    /// doctype or an `html`, `head` or `body` element.
    static func looksLikeHTML(_ page: [UInt8]) -> Bool {
        let leading = String(decoding: page.prefix(1_024), as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<head", "<body"].contains { leading.contains($0) }
    }
}
