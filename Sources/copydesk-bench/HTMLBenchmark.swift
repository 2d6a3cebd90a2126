import ArgumentParser
import BenchSupport
import Copydesk
import Foundation

/// `copydesk-bench html`: speed of the HTML article extractor on real saved pages (one thread,
/// pages in memory) and the quality of the bodies it extracts against the pages' expected texts
/// (word 4-gram precision and recall), with trafilatura (and readability-lxml when installed)
/// measured on the same pages in the same run.
struct HTMLBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html", abstract: "HTML article extraction speed and body quality, with trafilatura beside it.")

    @Option(help: "Development set: a folder with index.tsv, html/ and text/.") var dev = "../shared/html-dev"
    @Option(help: "A Python interpreter with trafilatura installed; empty to skip the comparison.") var python = ""
    @Option(help: "Seconds to spend extracting, in whole passes over the pages.") var seconds = 2.0
    @Flag(help: "Print each page's precision and recall.") var perPage = false

    func run() async throws {
        try await Self.measure(dev: dev, python: python, seconds: seconds, perPage: perPage)
    }

    /// One tool's figures on the set.
    private struct Figures {
        /// The tool, as the per-page table and the ratio line name it.
        var name: String
        /// The name with version, settings and passes, for the figures line.
        var label: String
        var bytes: Int
        var pages: Int
        var seconds: Double
        var cpuSeconds: Double
        var texts: [String]
        var overlaps: [WordNGramOverlap]

        var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
        var cpuMegabytesPerSecond: Double { Double(bytes) / 1e6 / cpuSeconds }
        var mean: WordNGramOverlap.Mean { WordNGramOverlap.Mean(overlaps) }

        func report() {
            BenchReport.line(
                "html (\(label))",
                [
                    ("pages", "\(pages)"),
                    ("MB", String(format: "%.1f", Double(bytes) / 1e6)),
                    ("pages/s", String(format: "%.1f", Double(pages) / seconds)),
                    ("MB/s", String(format: "%.2f", megabytesPerSecond)),
                    ("CPU MB/s", String(format: "%.2f", cpuMegabytesPerSecond)),
                ])
            BenchReport.line(
                "  body against expected, word 4-grams",
                [
                    ("precision", String(format: "%.3f (%d pages)", mean.precision, mean.precisionPages)),
                    ("recall", String(format: "%.3f (%d pages)", mean.recall, mean.recallPages)),
                    ("F1", String(format: "%.3f", mean.f1)),
                    ("empty bodies", "\(texts.filter { WordNGramOverlap.words($0).isEmpty }.count)"),
                ])
        }
    }

    static func measure(dev: String, python: String, seconds: Double, perPage: Bool) async throws {
        guard let set = try HTMLDevSet.load(directory: dev) else {
            print("html: skipped (no development set: \(dev)/index.tsv not found)")
            return
        }
        let ours = measureCopydesk(set, seconds: seconds)
        var all = [ours.figures]
        var failures: [String: Int] = [:]
        for case .failure(let failure) in ours.results { failures[failure.reason, default: 0] += 1 }
        let titles = ours.results.filter { result in (try? result.get().title)?.isEmpty == false }.count
        ours.figures.report()
        BenchReport.line(
            "  pages",
            [
                ("with a title", "\(titles)/\(set.pages.count)"),
                ("failed", failures.isEmpty ? "0" : failures.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")),
            ])
        if python.isEmpty {
            print("html (trafilatura): skipped (no Python with trafilatura; `make bench` installs it in .build/bench-venv)")
        } else {
            for tool in ["trafilatura", "readability"] {
                switch HTMLComparisonRun.run(python: python, tool: tool, index: set.index, minSeconds: seconds) {
                case .success(let run):
                    let settings = tool == "trafilatura" ? ", include_comments off" : ""
                    let figures = compare(run, set: set, label: "\(run.tool) \(run.version)\(settings)")
                    figures.report()
                    all.append(figures)
                case .failure(let failure):
                    print("html (\(tool)): skipped (\(failure))")
                }
            }
        }
        for theirs in all.dropFirst() {
            print(
                String(
                    format: "html copydesk ÷ %@: MB/s %.1f× (CPU MB/s %.1f×); F1 %.3f against %.3f", theirs.name,
                    ours.figures.megabytesPerSecond / theirs.megabytesPerSecond, ours.figures.cpuMegabytesPerSecond / theirs.cpuMegabytesPerSecond,
                    ours.figures.mean.f1, theirs.mean.f1))
        }
        if perPage { printPerPage(set, all, copydeskResults: ours.results) }
    }

    /// Extracts every page once for the scores, then in whole passes until `seconds` went by.
    private static func measureCopydesk(
        _ set: HTMLDevSet, seconds: Double
    ) -> (figures: Figures, results: [Result<HTMLPageArticle, HTMLExtractionFailure>]) {
        let extractor = HTMLArticleExtractor()
        let results = set.pages.map { extractor.extract($0.html, url: $0.url) }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = BenchReport.cpuSeconds()
        var passes = 0
        var checksum = 0
        repeat {
            for page in set.pages {
                switch extractor.extract(page.html, url: page.url) {
                case .success(let article): checksum &+= article.blocks.count &+ (article.title?.utf8.count ?? 0)
                case .failure(let failure): checksum &+= failure.reason.utf8.count
                }
            }
            passes += 1
        } while (clock.now - start).seconds < seconds
        let elapsed = (clock.now - start).seconds
        let cpu = BenchReport.cpuSeconds() - cpuStart
        precondition(checksum != Int.min)  // keeps the passes' results alive
        let texts = results.map { (try? $0.get().text) ?? "" }
        return (
            Figures(
                name: "copydesk", label: "copydesk, one thread, \(passes) passes", bytes: set.bytes * passes, pages: set.pages.count * passes,
                seconds: elapsed, cpuSeconds: cpu, texts: texts, overlaps: score(texts, set)),
            results
        )
    }

    /// A Python tool's figures, its texts scored like Copydesk's.
    private static func compare(_ run: HTMLComparisonRun, set: HTMLDevSet, label: String) -> Figures {
        let byName = Dictionary(run.results.map { ($0.name, $0.text) }, uniquingKeysWith: { first, _ in first })
        let texts = set.pages.map { byName[$0.name] ?? "" }
        return Figures(
            name: run.tool, label: "\(label), \(run.passes) \(run.passes == 1 ? "pass" : "passes")", bytes: run.bytes * run.passes,
            pages: run.pages * run.passes, seconds: run.seconds, cpuSeconds: run.cpuSeconds, texts: texts, overlaps: score(texts, set))
    }

    private static func score(_ texts: [String], _ set: HTMLDevSet) -> [WordNGramOverlap] {
        zip(texts, set.pages).map { WordNGramOverlap(extracted: $0, expected: $1.expected) }
    }

    /// One line a page: each tool's precision and recall (`-` where undefined), the expected
    /// shingles, and why Copydesk found no article when it did not.
    private static func printPerPage(_ set: HTMLDevSet, _ all: [Figures], copydeskResults: [Result<HTMLPageArticle, HTMLExtractionFailure>]) {
        let width = max(4, set.pages.map(\.name.count).max() ?? 0)
        func cell(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "  -  " }
        print("per page: precision/recall (4-gram shingles: expected)")
        print(
            "  " + "page".padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + all.map { $0.name.padding(toLength: 16, withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  expected")
        for (index, page) in set.pages.enumerated() {
            var line = "  " + page.name.padding(toLength: width, withPad: " ", startingAt: 0)
            for figures in all {
                let overlap = figures.overlaps[index]
                line += "  " + "\(cell(overlap.precision))/\(cell(overlap.recall))".padding(toLength: 16, withPad: " ", startingAt: 0)
            }
            line += "  \(all[0].overlaps[index].expected)"
            if case .failure(let failure) = copydeskResults[index] { line += "  copydesk: \(failure.reason): \(failure.message)" }
            print(line)
        }
    }
}
