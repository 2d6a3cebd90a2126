import ArgumentParser
import BenchSupport
import Copydesk
import Foundation

/// `copydesk-bench history`: how the SQLite history store scales: insert rate and lookup
/// rate (store lookups and the ``HistoryMatcher``'s decisions) as the number of stored
/// articles grows.
struct HistoryBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "History store insert and lookup rates by size.")

    @Option(help: "Working directory.") var work = ".build/bench"
    @Option(help: "Comma-separated store sizes.") var sizes = "10000,100000,300000"

    func run() async throws {
        try await Self.measure(sizes: sizes.split(separator: ",").compactMap { Int($0) }, work: work)
    }

    static func measure(sizes: [Int], work: String) async throws {
        let config = DedupeConfig()
        let path = (work as NSString).appendingPathComponent("history-bench.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try SQLiteStateStore(path: path)
        let matcher = HistoryMatcher(store: store, storeName: path, config: config)
        try await matcher.prepare(run: "bench")
        var random = SplitMix64(seed: 9)
        func fingerprint() -> DocumentFingerprint {
            let shingles = (0..<300).map { _ in random.next() }.sorted()
            return DocumentFingerprint(
                exactKey: ContentKey(high: random.next(), low: random.next()),
                signature: MinHasher(hashCount: config.hashCount, seed: config.seed).signature(of: shingles))
        }
        var stored = 0
        let clock = ContinuousClock()
        for size in sizes.sorted() {
            let before = stored
            let records = (before..<size).map { matcher.record(articleID: "h\($0)", date: nil, fingerprint: fingerprint()) }
            let start = clock.now
            for batchStart in stride(from: 0, to: records.count, by: 1_000) {
                try await store.stage(Array(records[batchStart..<min(records.count, batchStart + 1_000)]), run: "bench", skippingKnown: true)
            }
            stored = size
            try await store.commitHistory(run: "bench", replacingAll: false)
            let insertSeconds = (clock.now - start).seconds
            let queries = (0..<2_000).map { (id: "q\($0)", fingerprint: fingerprint()) }
            let lookupStart = clock.now
            _ = try await matcher.matches(queries)
            let lookupSeconds = (clock.now - lookupStart).seconds
            BenchReport.line(
                "history store with \(size) articles",
                [
                    ("inserts/s", String(format: "%.0f", Double(stored - before) / max(insertSeconds, 1e-9))),
                    ("lookups/s", String(format: "%.0f", Double(queries.count) / lookupSeconds)),
                    ("file MB", String(format: "%.0f", Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1e6)),
                ])
        }
    }
}
