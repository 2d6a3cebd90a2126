import ArgumentParser
import BenchSupport
import Copydesk
import Foundation

/// `copydesk-bench segment`: sentence splitting speed on ≥ 50 MB of generated news text,
/// accuracy on the hand-written boundary cases, and the same figures for pysbd when a Python
/// with pysbd is given (run in the same benchmark, on the same text).
struct SegmentBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment", abstract: "Sentence segmentation speed and accuracy, with pysbd beside it.")

    @Option(help: "Working directory.") var work = ".build/bench"
    @Option(help: "Megabytes of generated text to segment.") var megabytes = 60
    @Option(help: "A Python interpreter with pysbd installed; empty to skip the comparison.") var python = ""

    func run() async throws {
        try await Self.measure(work: work, megabytes: megabytes, python: python)
    }

    static func measure(work: String, megabytes: Int, python: String) async throws {
        let stage = try SegmentStage(options: .init(), context: StageContext())
        var articles: [Article] = []
        var bytes = 0
        var seed: UInt64 = 1
        while bytes < megabytes * 1_000_000 {
            for item in CorpusGenerator(settings: .init(articles: 2_000, seed: seed, exactDuplicates: 0, nearDuplicates: 0)).items() {
                guard let article = GeneratedArticle.parse(item.text, index: articles.count) else { continue }
                articles.append(article)
                bytes += article.text.utf8.count
            }
            seed += 1
        }
        let clock = ContinuousClock()
        let start = clock.now
        var sentences = 0
        for batchStart in stride(from: 0, to: articles.count, by: 256) {
            let batch = Array(articles[batchStart..<min(articles.count, batchStart + 256)])
            sentences += try await stage.process(batch).articles.reduce(0) { $0 + $1.sentences.count }
        }
        let seconds = (clock.now - start).seconds
        BenchReport.line(
            "segment (copydesk)",
            [
                ("MB", String(format: "%.1f", Double(bytes) / 1e6)),
                ("sentences", "\(sentences)"),
                ("MB/s", String(format: "%.1f", Double(bytes) / 1e6 / seconds)),
                ("sentences/s", String(format: "%.0f", Double(sentences) / seconds)),
            ])
        let cases = "Tests/CopydeskTests/Fixtures/segment/boundary-cases.jsonl"
        try scoreCases(cases)
        guard !python.isEmpty else {
            print("segment (pysbd): skipped (no Python with pysbd; `make bench` installs it in .build/bench-venv)")
            return
        }
        let sample = (work as NSString).appendingPathComponent("segment-sample.txt")
        let sampleText = articles.prefix(600).flatMap { $0.text.components(separatedBy: "\n\n") }.joined(separator: "\n") + "\n"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try sampleText.write(toFile: sample, atomically: true, encoding: .utf8)
        fflush(nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["scripts/bench/pysbd_compare.py", sample, "--cases", cases]
        try process.run()
        process.waitUntilExit()
        print("  (pysbd measured on the first \(String(format: "%.1f", Double(sampleText.utf8.count) / 1e6)) MB of the same text)")
    }

    /// Prints the share of boundary cases the splitter gets exactly right.
    static func scoreCases(_ path: String) throws {
        let rules = try SegmentationRules.load(language: "en")
        let splitter = SentenceSplitter(rules: rules)
        var right = 0
        var total = 0
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let paragraph = object["paragraph"] as? String, let expected = object["sentences"] as? [String]
            else { continue }
            let got = ScalarOffsets.substrings(of: paragraph[...], ranges: splitter.split(paragraph[...])).map(String.init)
            total += 1
            if got == expected { right += 1 }
        }
        print(String(format: "copydesk boundary cases: %.1f%% exact (%d/%d)", 100 * Double(right) / Double(max(total, 1)), right, total))
    }
}
