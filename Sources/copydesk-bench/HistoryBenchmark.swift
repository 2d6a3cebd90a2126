import ArgumentParser
import BenchSupport
import Copydesk
import Foundation

/// `copydesk-bench history`: how the SQLite history store scales, and the PostgreSQL one when
/// a server is given (``BenchDatabase``). The store is filled to each
/// size by fill runs (big transactions, timed: inserts/s), then a daily drop is checked
/// against it as the dedupe stage does in a run: lookups and staging in batches of
/// `batch_size` articles, one commit at the end. Reported per size: the fill rate, the time
/// of each part of the drop's run, the copies it found and the store's bytes per million
/// articles.
struct HistoryBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "History store fill rate, daily drop time and size by store size.")

    @Option(help: "Working directory.") var work = ".build/bench"
    @Option(help: "Comma-separated store sizes (articles stored before each drop), e.g. 300000,1000000,3000000.") var sizes = "10000,100000,300000"
    @Option(help: "Articles in the daily drop checked at each size.") var drop = 10_000
    @Option(help: "Articles per lookup and per staging call in the drop's run (the pipeline's batch_size).") var batch = 64
    @Option(help: "Articles per fill run (one commit each).") var fillRun = 250_000
    @Option(help: "Articles per staging call of a fill run.") var fillBatch = 10_000
    @Option(help: "A PostgreSQL server to measure too (default: $COPYDESK_BENCH_DATABASE_URL; unset: SQLite only).")
    var postgres: String?

    func run() async throws {
        let settings = Settings(drop: drop, batch: batch, fillRun: fillRun, fillBatch: fillBatch)
        let sizes = sizes.split(separator: ",").compactMap { Int($0) }
        try await Self.measure(sizes: sizes, work: work, settings: settings)
        try await Self.measure(sizes: sizes, postgres: BenchDatabase.url(option: postgres), settings: settings)
    }

    /// How the store is filled and what is checked against it.
    struct Settings {
        /// Articles in each daily drop.
        var drop = 10_000
        /// Articles per lookup and per staging call of a drop's run.
        var batch = 64
        /// Articles per fill run.
        var fillRun = 250_000
        /// Articles per staging call of a fill run.
        var fillBatch = 10_000
    }

    /// The time of each part of a drop's run, in seconds, and the copies it found.
    private struct DropRun {
        var prepare = 0.0
        var lookups = 0.0
        var stage = 0.0
        var commit = 0.0
        var exactCopiesFound = 0
        var nearCopiesFound = 0
        var total: Double { prepare + lookups + stage + commit }
    }

    /// Measures the SQLite store, in a new file under `work`.
    static func measure(sizes: [Int], work: String, settings: Settings = Settings()) async throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let path = (work as NSString).appendingPathComponent("history-bench.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try SQLiteStateStore(path: path)
        try await measure(store, named: "history store", sizes: sizes, settings: settings) {
            ["", "-wal"].reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: path + $1)[.size] as? Int) ?? 0) }
        }
    }

    /// Measures the PostgreSQL store at `postgres`, in a new schema; says so and does nothing
    /// when no server is given.
    static func measure(sizes: [Int], postgres: String?, settings: Settings = Settings()) async throws {
        guard let postgres else {
            print("history store postgres: not measured (no server: pass --postgres URL or set \(BenchDatabase.environmentVariable))")
            return
        }
        let store = try PostgresStateStore(url: try PostgresURL(BenchDatabase.fresh(postgres, for: "history")))
        try await measure(store, named: "history store postgres", sizes: sizes, settings: settings, bytes: nil)
    }

    /// Fills `store` to each size and checks a drop against it; `bytes` gives the store's size
    /// on disk, when it can be told.
    private static func measure(
        _ store: any HistoryStore, named name: String, sizes: [Int], settings: Settings, bytes: (() -> Int)?
    ) async throws {
        let config = DedupeConfig()
        let corpus = HistoryBenchCorpus(config: config)
        let matcher = HistoryMatcher(store: store, storeName: name, config: config)
        var filled = 0
        var stored = 0
        for (index, size) in sizes.sorted().enumerated() {
            let fillStart = filled
            var fillSeconds = 0.0
            while stored < size {
                let count = min(settings.fillRun, size - stored)
                fillSeconds += try await fillRun(matcher, corpus, numbers: filled..<(filled + count), batch: settings.fillBatch)
                filled += count
                stored += count
            }
            let drop = corpus.drop(index, count: settings.drop, storedNumbers: filled)
            let run = try await checkDrop(drop, matcher: matcher, run: "drop-\(index)", batch: settings.batch)
            stored = try await store.historyCount()
            let storeBytes = bytes?()
            BenchReport.line(
                "\(name) with \(size) articles, drop of \(drop.count)",
                [
                    ("fill inserts/s", filled > fillStart ? String(format: "%.0f", Double(filled - fillStart) / fillSeconds) : "-"),
                    ("drop total s", String(format: "%.2f", run.total)),
                    ("lookups s", String(format: "%.2f", run.lookups)),
                    ("stage s", String(format: "%.2f", run.stage)),
                    ("commit s", String(format: "%.2f", run.commit + run.prepare)),
                    ("copies found", "\(run.exactCopiesFound) exact, \(run.nearCopiesFound) near of \(drop.filter { $0.kind != .new }.count)"),
                    ("store MB", storeBytes.map { String(format: "%.0f", Double($0) / 1e6) } ?? "-"),
                    ("MB per million articles", storeBytes.map { String(format: "%.0f", Double($0) / Double(stored)) } ?? "-"),
                ])
        }
    }

    /// Stores articles `numbers` of the corpus as one run, staged `batch` at a time; returns the
    /// seconds spent in the store (making the records is not timed).
    private static func fillRun(_ matcher: HistoryMatcher, _ corpus: HistoryBenchCorpus, numbers: Range<Int>, batch: Int) async throws
        -> Double
    {
        let clock = ContinuousClock()
        let run = "fill-\(numbers.lowerBound)"
        var seconds = try await timed(clock) { try await matcher.prepare(run: run) }
        for start in stride(from: numbers.lowerBound, to: numbers.upperBound, by: batch) {
            let records = (start..<min(numbers.upperBound, start + batch)).map { number in
                matcher.record(articleID: corpus.storedID(number), date: corpus.storedDate(number), fingerprint: corpus.storedFingerprint(number))
            }
            seconds += try await timed(clock) { try await matcher.store.stage(records, run: run, skippingKnown: true) }
        }
        return seconds + (try await timed(clock) { try await matcher.store.commitHistory(run: run, replacingAll: false) })
    }

    /// Runs a drop as the dedupe stage does: per batch, the history lookups, then the articles
    /// that matched nothing staged; one commit at the end.
    private static func checkDrop(_ drop: [HistoryBenchCorpus.DropArticle], matcher: HistoryMatcher, run: String, batch: Int) async throws
        -> DropRun
    {
        let clock = ContinuousClock()
        var result = DropRun()
        result.prepare = try await timed(clock) { try await matcher.prepare(run: run) }
        for start in stride(from: 0, to: drop.count, by: batch) {
            let articles = drop[start..<min(drop.count, start + batch)]
            var matches: [IndexMatch?] = []
            result.lookups += try await timed(clock) {
                matches = try await matcher.matches(articles.map { (id: $0.id, fingerprint: $0.fingerprint) })
            }
            var survivors: [HistoryRecord] = []
            for (article, match) in zip(articles, matches) {
                switch (match?.evidence, article.kind) {
                case (.exactContent, .exactCopy): result.exactCopiesFound += 1
                case (.estimatedJaccard, .nearCopy): result.nearCopiesFound += 1
                case (nil, _): survivors.append(matcher.record(articleID: article.id, date: "2026-01-01", fingerprint: article.fingerprint))
                default: break
                }
            }
            result.stage += try await timed(clock) { try await matcher.store.stage(survivors, run: run, skippingKnown: true) }
        }
        result.commit = try await timed(clock) { try await matcher.store.commitHistory(run: run, replacingAll: false) }
        return result
    }

    private static func timed(_ clock: ContinuousClock, _ body: () async throws -> Void) async throws -> Double {
        let start = clock.now
        try await body()
        return (clock.now - start).seconds
    }
}
