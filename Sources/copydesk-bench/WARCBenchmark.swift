import ArgumentParser
import Copydesk
import Foundation

/// `copydesk-bench warc`: reading a `.warc.gz` generated from the saved pages in
/// `samples/html/` (one gzip member per record, as crawlers write them): records per second
/// decoded (gzip, WARC and HTTP headers, payloads), then records per second through the whole
/// `warc` source with article extraction.
struct WARCBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warc", abstract: "Records per second read from a generated .warc.gz, decoded and extracted.")

    @Option(help: "Records in the generated file for the decoding figures.") var records = 30_000
    @Option(help: "Records in the generated file for the extraction figures.") var extractRecords = 3_000
    @Option(help: "Working directory for the generated files.") var work = ".build/bench"
    @Option(help: "Saved pages the records hold.") var pages = "samples/html"

    func run() async throws {
        try await Self.measure(records: records, extractRecords: extractRecords, work: work, pages: pages)
    }

    static func measure(records: Int, extractRecords: Int, work: String, pages: String) async throws {
        let samples = try FileManager.default.contentsOfDirectory(atPath: pages).filter { $0.hasSuffix(".html") }.sorted().map {
            (name: $0, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: pages).appendingPathComponent($0))))
        }
        guard !samples.isEmpty else {
            print("warc: skipped (no .html pages in \(pages))")
            return
        }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let decodePath = (work as NSString).appendingPathComponent("bench.warc.gz")
        let decodeFile = try write(records: records, pages: samples, to: decodePath)

        let clock = ContinuousClock()
        var start = clock.now
        var cpuStart = BenchReport.cpuSeconds()
        let scan = try WARCScan.run(path: decodePath)
        var elapsed = (clock.now - start).seconds
        var cpu = BenchReport.cpuSeconds() - cpuStart
        BenchReport.line(
            "warc.gz read and decoded (gzip, WARC and HTTP headers, payloads; no extraction)",
            [
                ("records", "\(scan.records)"),
                ("file MB", String(format: "%.1f", Double(decodeFile.bytes) / 1e6)),
                ("records/s", String(format: "%.0f", Double(scan.records) / elapsed)),
                ("CPU records/s", String(format: "%.0f", Double(scan.records) / cpu)),
                ("MB/s compressed", String(format: "%.1f", Double(decodeFile.bytes) / 1e6 / elapsed)),
                ("MB/s decompressed", String(format: "%.1f", Double(decodeFile.decompressed) / 1e6 / elapsed)),
            ])

        let extractPath = (work as NSString).appendingPathComponent("bench-extract.warc.gz")
        let extractFile = try write(records: extractRecords, pages: samples, to: extractPath)
        let source = try WARCSource(options: .with { $0.path = extractPath }, context: StageContext())
        var reader = try source.makeReader()
        var articles = 0
        var rejected = 0
        start = clock.now
        cpuStart = BenchReport.cpuSeconds()
        while let item = try await reader.next() {
            if case .article = item { articles += 1 } else { rejected += 1 }
        }
        elapsed = (clock.now - start).seconds
        cpu = BenchReport.cpuSeconds() - cpuStart
        BenchReport.line(
            "warc.gz through the warc source (decoding and article extraction)",
            [
                ("records", "\(extractFile.records)"),
                ("articles", "\(articles)"),
                ("quarantined", "\(rejected)"),
                ("records/s", String(format: "%.0f", Double(extractFile.records) / elapsed)),
                ("pages/s", String(format: "%.0f", Double(articles + rejected) / elapsed)),
                ("CPU records/s", String(format: "%.0f", Double(extractFile.records) / cpu)),
            ])
    }

    /// What was written: records, compressed and decompressed bytes.
    private struct Written {
        var records = 0
        var bytes = 0
        var decompressed = 0
    }

    /// Writes a crawl of about `records` records to `path`: a `warcinfo`, then for each fetch a
    /// `request` and its `response` (the pages in turn under varying URIs), with a 404 every 10
    /// fetches, an image every 20 and a revisit every 25.
    private static func write(records: Int, pages: [(name: String, bytes: [UInt8])], to path: String) throws -> Written {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("cannot write \(path)")
        }
        defer { try? handle.close() }
        var written = Written()
        var pending: [UInt8] = []
        func add(_ type: String, uri: String?, contentType: String, block: [UInt8]) throws {
            var header = "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Date: 2024-03-14T09:30:00Z\r\n"
            header += "WARC-Record-ID: <urn:uuid:\(UUID().uuidString.lowercased())>\r\n"
            if let uri { header += "WARC-Target-URI: \(uri)\r\n" }
            header += "Content-Type: \(contentType)\r\nContent-Length: \(block.count)\r\n\r\n"
            let record = Array(header.utf8) + block + Array("\r\n\r\n".utf8)
            pending += try GzipMember.compress(record)
            written.records += 1
            written.decompressed += record.count
            if pending.count > 1 << 20 { flush() }
        }
        func flush() {
            handle.write(Data(pending))
            written.bytes += pending.count
            pending.removeAll(keepingCapacity: true)
        }
        let http = "application/http; msgtype=response"
        try add(
            "warcinfo", uri: nil, contentType: "application/warc-fields",
            block: Array("software: copydesk-bench\r\nformat: WARC File Format 1.1\r\n".utf8))
        var fetch = 0
        while written.records < records {
            let page = pages[fetch % pages.count]
            let uri = "https://bench.example/\(fetch / pages.count)/\(page.name)"
            try add(
                "request", uri: uri, contentType: "application/http; msgtype=request",
                block: Array("GET / HTTP/1.1\r\nHost: bench.example\r\n\r\n".utf8))
            if fetch % 10 == 9 {
                try add(
                    "response", uri: uri, contentType: http,
                    block: Array("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body>Not found</body></html>".utf8))
            } else if fetch % 20 == 4 {
                try add(
                    "response", uri: uri + ".png", contentType: http,
                    block: Array("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n".utf8) + [UInt8](repeating: 0x89, count: 4_000))
            } else if fetch % 25 == 7 {
                try add("revisit", uri: uri, contentType: http, block: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".utf8))
            } else {
                try add(
                    "response", uri: uri, contentType: http,
                    block: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".utf8) + page.bytes)
            }
            fetch += 1
        }
        flush()
        return written
    }
}
