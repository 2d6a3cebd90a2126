import Foundation
import Testing

@testable import Copydesk

@Suite("standard input", .enabled(if: CLIRunner.isAvailable))
struct StandardInputTests {
    static let samples = TestPaths.repository.appendingPathComponent("samples")

    /// A pipeline reading `source` with `path: -` into JSON lines under `out`.
    static func pipeline(source: String, out: String) throws -> String {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("stdin.yaml").path
        try """
        name: from-stdin
        stages:
          - type: \(source)
            path: "-"
          - type: jsonl
            path: \(out)/articles.jsonl
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aTextDropPipedInReadsLikeTheFile() async throws {
        let file = Self.samples.appendingPathComponent("002_fed_holds_rates.txt").path
        let out = try TestPaths.temporaryDirectory().path
        let run = try CLIRunner.run(["run", "--quiet", try Self.pipeline(source: "textdrop", out: out)], input: file)
        #expect(run.status == 0, "\(run.stderr)")
        let piped = try writtenArticles(in: out)
        let direct = try await collect(TextDropSource(options: .with { $0.path = file }, context: StageContext())).articles
        #expect(piped.count == 1)
        #expect(piped.map(\.text) == direct.map(\.text))
        #expect(piped.map(\.title) == direct.map(\.title))
        #expect(piped.first?.source.path == "-")
    }

    @Test func jsonLinesPipedInAreEveryRecordWithItsLine() throws {
        let out = try TestPaths.temporaryDirectory().path
        let input = try TestPaths.temporaryDirectory().appendingPathComponent("in.jsonl").path
        let lines = [
            #"{"title": "One", "text": "The first article piped in, with a body to read."}"#,
            #"{"title": "Two", "text": ""}"#,
            #"{"title": "Three", "text": "The third article piped in, after a record with no body."}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["run", "--quiet", try Self.pipeline(source: "jsonl", out: out)], input: input)
        #expect(run.status == 0, "\(run.stderr)")
        let articles = try writtenArticles(in: out)
        #expect(articles.map(\.title) == ["One", "Three"])
        #expect(articles.map(\.source.line) == [1, 3])
        #expect(articles.allSatisfy { $0.source.path == "-" })
    }

    @Test func aSourceThatCannotReadStandardInputSaysSoBeforeWork() throws {
        let definition = try PipelineLoader(environment: [:]).load(
            yaml: """
                name: crawl-from-stdin
                stages:
                  - type: warc
                    path: "-"
                  - type: jsonl
                    path: out/articles.jsonl
                """, file: "pipeline.yaml")
        let errors = try #require(#expect(throws: ConfigErrors.self) { try PipelinePlan(definition: definition) })
        #expect(
            errors.errors.map(\.description) == [
                "pipeline.yaml:4:11: path: '-' (standard input) is read by the textdrop, jsonl, csv and html sources, not by this one"
            ])
    }
}
