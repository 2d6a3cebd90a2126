import ArgumentParser
import BenchSupport
import Copydesk
import Foundation

/// `copydesk-bench dedupe`: speed and precision/recall of the dedupe stage on a generated
/// corpus with known duplicate clusters.
struct DedupeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dedupe", abstract: "Dedupe speed and precision/recall against known clusters.")

    @Option(help: "Articles in the generated corpus.") var articles = 100_000
    @Option(help: "Jaccard threshold.") var threshold = 0.4
    @Option(help: "Words per shingle.") var shingleSize = 3
    @Option(help: "LSH bands × rows, e.g. 40x3 (empty: the stage's default).") var banding = ""

    func run() async throws {
        try await Self.measure(articles: articles, threshold: threshold, shingleSize: shingleSize, banding: banding)
    }

    static func measure(articles count: Int, threshold: Double, shingleSize: Int, banding: String = "") async throws {
        let generator = CorpusGenerator(settings: .init(articles: count, seed: 42))
        let items = generator.items()
        var articles: [Article] = []
        articles.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard let article = GeneratedArticle.parse(item.text, index: index) else { continue }
            articles.append(article)
        }
        let bytes = articles.reduce(0) { $0 + $1.text.utf8.count }
        var options = DedupeStage.Options()
        options.duplicates = .mark
        options.matching.threshold = threshold
        options.matching.shingleSize = shingleSize
        let parts = banding.split(separator: "x").compactMap { Int($0) }
        if parts.count == 2 {
            options.matching.bands = parts[0]
            options.matching.rows = parts[1]
            options.matching.hashCount = parts[0] * parts[1]
        }
        let stage = try DedupeStage(options: options, context: StageContext())
        let clock = ContinuousClock()
        let start = clock.now
        var output: [Article] = []
        for batchStart in stride(from: 0, to: articles.count, by: 256) {
            output += try await stage.process(Array(articles[batchStart..<min(articles.count, batchStart + 256)])).articles
        }
        let collected = DrainCollector()
        try await stage.drain { await collected.add($0.articles) }
        output += await collected.articles
        let seconds = (clock.now - start).seconds
        let quality = DedupeQuality(items: items, articles: articles, output: output)
        BenchReport.line(
            "dedupe (shingle_size \(shingleSize), threshold \(threshold)\(banding.isEmpty ? "" : ", bands×rows \(banding)"))",
            [
                ("articles", "\(articles.count)"),
                ("MB", String(format: "%.1f", Double(bytes) / 1e6)),
                ("articles/s", String(format: "%.0f", Double(articles.count) / seconds)),
                ("MB/s", String(format: "%.1f", Double(bytes) / 1e6 / seconds)),
                ("peak RSS MB", String(format: "%.0f", BenchReport.peakResidentMegabytes())),
            ])
        BenchReport.line(
            "  near duplicates with ≥ 80% word overlap",
            [
                ("precision", String(format: "%.4f", quality.precision)),
                ("recall", String(format: "%.4f", quality.recall)),
                ("true pairs", "\(quality.truePairs)"),
                ("predicted pairs", "\(quality.predictedPairs)"),
            ])
        BenchReport.line("  exact duplicates", [("recall", String(format: "%.4f", quality.exactRecall))])
    }
}

/// Gathers the batches a stage drains.
actor DrainCollector {
    private(set) var articles: [Article] = []
    func add(_ batch: [Article]) { articles += batch }
}

/// Precision and recall of dedupe verdicts against the generator's known clusters.
struct DedupeQuality {
    var precision = 0.0
    var recall = 0.0
    var exactRecall = 0.0
    var truePairs = 0
    var predictedPairs = 0

    init(items: [CorpusGenerator.Item], articles: [Article], output: [Article]) {
        let clusterOf = Dictionary(uniqueKeysWithValues: articles.enumerated().map { ($0.element.id, items[$0.offset].cluster) })
        var predicted = Set<[String]>()
        var correct = 0
        for article in output {
            guard let survivor = article.duplicateOf else { continue }
            predicted.insert([article.id, survivor].sorted())
            if clusterOf[article.id] == clusterOf[survivor] { correct += 1 }
        }
        predictedPairs = predicted.count
        precision = predictedPairs == 0 ? 1 : Double(correct) / Double(output.filter { $0.duplicateOf != nil }.count)
        let marked = Dictionary(uniqueKeysWithValues: output.map { ($0.id, $0.duplicateOf) })
        var found = 0
        var exactFound = 0
        var exactTotal = 0
        for (index, item) in items.enumerated() where item.kind != "original" {
            let copy = "g\(index)"
            let original = "g\(item.cluster)"
            let copyMark = marked[copy] ?? nil
            let originalMark = marked[original] ?? nil
            let together = copyMark == original || originalMark == copy || copyMark.map { clusterOf[$0] == item.cluster } == true
            if item.kind == "exact" {
                exactTotal += 1
                if together { exactFound += 1 }
                continue
            }
            guard Self.wordOverlap(articles[index].text, articles[item.cluster].text) >= 0.8 else { continue }
            truePairs += 1
            if together { found += 1 }
        }
        recall = truePairs == 0 ? 1 : Double(found) / Double(truePairs)
        exactRecall = exactTotal == 0 ? 1 : Double(exactFound) / Double(exactTotal)
    }

    /// Words the two texts share (as multisets) over the longer text's word count.
    static func wordOverlap(_ a: String, _ b: String) -> Double {
        let wordsA = a.split(whereSeparator: { $0 == " " || $0 == "\n" })
        let wordsB = b.split(whereSeparator: { $0 == " " || $0 == "\n" })
        var counts: [Substring: Int] = [:]
        for word in wordsA { counts[word, default: 0] += 1 }
        var shared = 0
        for word in wordsB where (counts[word] ?? 0) > 0 {
            counts[word]! -= 1
            shared += 1
        }
        return Double(shared) / Double(max(wordsA.count, wordsB.count, 1))
    }
}
