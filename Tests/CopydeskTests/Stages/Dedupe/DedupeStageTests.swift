import BenchSupport
import Foundation
import Testing

@testable import Copydesk

@Suite("dedupe stage")
struct DedupeStageTests {
    /// Runs `pipeline` YAML with INPUT and OUT set and returns the articles written.
    func run(_ yaml: String, input: String, out: URL, reprocess: Bool = false) async throws -> (RunSummary, [Article]) {
        let definition = try PipelineLoader(environment: ["INPUT": input, "OUT": out.path]).load(yaml: yaml, file: "test.yaml")
        let summary = try await PipelineRunner(definition: definition, context: StageContext(run: RunSettings(reprocess: reprocess))).run()
        return (summary, try writtenArticles(in: out.path))
    }

    func pipeline(_ dedupe: String, workers: Int = 2, batch: Int = 64) -> String {
        """
        name: dedupe-test
        batch_size: \(batch)
        stages:
          - {type: textdrop, path: "${INPUT}"}
          - {type: normalize, workers: \(workers)}
          - {type: dedupe\(dedupe)}
          - {type: jsonl, path: "${OUT}/articles.jsonl"}
        """
    }

    var samples: String { TestPaths.repository.appendingPathComponent("samples").path }

    @Test func samplesLoseTheExactAndTheNearCopy() async throws {
        let (summary, articles) = try await run(pipeline(", duplicates: mark"), input: samples, out: try TestPaths.temporaryDirectory())
        #expect(summary.articlesWritten == 14)
        let marked = articles.filter { $0.duplicateOf != nil }
        #expect(
            marked.map { ($0.source.path as NSString).lastPathComponent } == [
                "004_rotterdam_port_strike_repost.txt", "005_rotterdam_port_strike_wire.txt",
            ])
        let original = try #require(articles.first { $0.source.path.hasSuffix("001_rotterdam_port_strike.txt") })
        #expect(marked.allSatisfy { $0.duplicateOf == original.id })
        #expect(marked[0].similarity == 1)
        #expect((0.5..<1).contains(marked[1].similarity ?? 0))
    }

    @Test(arguments: ["earliest_date", "first_seen", "longest_body"])
    func sameSurvivorsWhateverTheWorkersAndBatches(policy: String) async throws {
        let drop = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 600, seed: 11, articlesPerFile: 40)).write(to: drop)
        let (_, one) = try await run(
            pipeline(", survivor: \(policy), duplicates: mark, hold_memory_mb: 0", workers: 1, batch: 7), input: drop,
            out: try TestPaths.temporaryDirectory())
        let (_, many) = try await run(
            pipeline(", survivor: \(policy), duplicates: mark", workers: 4, batch: 50), input: drop, out: try TestPaths.temporaryDirectory())
        #expect(one.count == 600)
        #expect(one == many)
        #expect(one.filter { $0.duplicateOf != nil }.count > 60)
    }

    @Test func earliestDateKeepsTheOlderCopyEvenWhenItArrivesLater() async throws {
        let drop = try TestPaths.temporaryDirectory()
        let body =
            "BERLIN (Reuters) - The city council approved a new tram line on Monday after years of debate, officials said.\nConstruction will start next spring and is expected to take three years to complete.\n"
        try (" date 2024-05-02 City\nTram line approved\nSummary one.\n" + body).write(
            to: drop.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try (" date 2024-05-01 City\nTram line approved\nSummary one.\n" + body).write(
            to: drop.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let (summary, articles) = try await run(pipeline(""), input: drop.path, out: try TestPaths.temporaryDirectory())
        #expect(summary.duplicates == 1)
        #expect(articles.map(\.date) == ["2024-05-01"])
    }

    @Test func aRerunOverTheSameDropFindsItsOwnRecordsInTheHistory() async throws {
        let out = try TestPaths.temporaryDirectory()
        let yaml = pipeline(", history: \"${OUT}/state.sqlite\"")
        let (first, firstArticles) = try await run(yaml, input: samples, out: out)
        #expect(first.articlesWritten == 12)
        let (second, articles) = try await run(yaml, input: samples, out: out)
        #expect(second.articlesWritten == 12)
        #expect(second.duplicates == first.duplicates)
        #expect(articles == firstArticles, "a retried run writes what the first run wrote")
        #expect(
            try await SQLiteStateStore(path: out.appendingPathComponent("state.sqlite").path).historyCount() == 12, "and adds nothing to the history")
    }

    @Test func historyCatchesAnEditedCopyOnALaterDay() async throws {
        let out = try TestPaths.temporaryDirectory()
        let yaml = pipeline(", history: \"${OUT}/state.sqlite\", duplicates: mark")
        let day1 = TestPaths.repository.appendingPathComponent("samples/001_rotterdam_port_strike.txt").path
        let day2 = TestPaths.repository.appendingPathComponent("samples/005_rotterdam_port_strike_wire.txt").path
        let (_, published) = try await run(yaml, input: day1, out: out)
        let (_, articles) = try await run(yaml, input: day2, out: out)
        let copy = try #require(articles.first)
        #expect(copy.duplicateOf == published.first?.id)
        #expect(copy.id != published.first?.id)
        #expect((copy.similarity ?? 0) >= 0.5)
    }

    @Test func aFailedRunLeavesNoHistoryBehind() async throws {
        let out = try TestPaths.temporaryDirectory()
        let failing = """
            name: failing
            stages:
              - {type: textdrop, path: "${INPUT}"}
              - {type: dedupe, history: "${OUT}/state.sqlite"}
              - {type: recording, fail_after: 5}
            """
        let definition = try PipelineLoader(registry: testRegistry, environment: ["INPUT": samples, "OUT": out.path]).load(
            yaml: failing, file: "t.yaml")
        await #expect(throws: RecordingSink.Full.self) { _ = try await PipelineRunner(definition: definition).run() }
        #expect(try await SQLiteStateStore(path: out.appendingPathComponent("state.sqlite").path).historyCount() == 0)
        let (rerun, _) = try await run(pipeline(", history: \"${OUT}/state.sqlite\""), input: samples, out: out)
        #expect(rerun.articlesWritten == 12, "nothing was lost to the failed run's history")
    }

    @Test func reprocessRebuildsOrIgnoresHistory() async throws {
        let out = try TestPaths.temporaryDirectory()
        let path = out.appendingPathComponent("state.sqlite").path
        _ = try await run(pipeline(", history: \"${OUT}/state.sqlite\""), input: samples, out: out)
        let (ignored, _) = try await run(
            pipeline(", history: \"${OUT}/state.sqlite\", on_reprocess: ignore"), input: samples, out: out, reprocess: true)
        #expect(ignored.articlesWritten == 12)
        #expect(try await SQLiteStateStore(path: path).historyCount() == 12)
        let one = TestPaths.repository.appendingPathComponent("samples/002_fed_holds_rates.txt").path
        let (rebuilt, _) = try await run(pipeline(", history: \"${OUT}/state.sqlite\""), input: one, out: out, reprocess: true)
        #expect(rebuilt.articlesWritten == 1)
        #expect(try await SQLiteStateStore(path: path).historyCount() == 1)
    }

    /// The wire story, two edited copies and a different story on the same strike, as
    /// articles of one drop.
    func wireArticles(_ drop: String) -> [Article] {
        [
            ("story", WireStory.body), ("typos", WireStory.withTypoFixes), ("intro", WireStory.withNewIntro),
            ("other", WireStory.sameTopicDifferentStory),
        ]
        .enumerated().map { index, story in
            Article(
                id: "\(drop)-\(story.0)", source: SourceLocation(path: "\(drop)/\(index).txt", line: 1, format: "textdrop"),
                date: "2024-03-0\(index + 1)", title: "Port strike", text: story.1)
        }
    }

    /// Runs one batch through `stage` as the runner does (process, drain, commit).
    func dedupe(_ articles: [Article], with stage: DedupeStage) async throws -> [Article] {
        let drained = EmittedArticles()
        let processed = try await stage.process(articles).articles
        try await stage.drain { await drained.add($0) }
        try await stage.commit()
        return processed + (await drained.articles)
    }

    @Test func aReadOnlyFactoryOnAMissingHistoryCreatesNoFile() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory.appendingPathComponent("state/history.sqlite").path
        let stage = try DedupeStage(
            options: .with {
                $0.history = path; $0.duplicates = .mark
            },
            context: StageContext(stores: StateStores(readOnly: true)))
        let articles = try await dedupe(wireArticles("day1"), with: stage)
        #expect(articles.map(\.duplicateOf) == [nil, "day1-story", "day1-story", nil])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "no store, no folder")
    }

    @Test func aReadOnlyFactoryOnAnExistingHistoryMatchesItAndAddsNothing() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path
        let options = DedupeStage.Options.with {
            $0.history = path; $0.duplicates = .mark; $0.survivor = .firstSeen
        }
        _ = try await dedupe(Array(wireArticles("day1").prefix(1)), with: DedupeStage(options: options, context: StageContext()))
        #expect(try await SQLiteStateStore(path: path).historyCount() == 1)
        let dryRun = try DedupeStage(options: options, context: StageContext(stores: StateStores(readOnly: true)))
        let articles = try await dedupe(wireArticles("day2"), with: dryRun)
        #expect(articles.map(\.duplicateOf) == ["day1-story", "day1-story", "day1-story", nil], "the history is read")
        #expect(try await SQLiteStateStore(path: path).historyCount() == 1, "and nothing is added to it")
    }

    @Test func badSettingsFailBeforeRunning() {
        #expect(throws: ConfigError.self) {
            try PipelineLoader(environment: ["INPUT": samples, "OUT": "/tmp"]).load(yaml: pipeline(", bands: 10"), file: "t.yaml")
                .transforms.map { try $0.build(context: StageContext()) }
        }
        let error = try? PipelineRunner(
            definition: PipelineLoader(environment: ["INPUT": samples, "OUT": "/tmp"])
                .load(yaml: pipeline(", survivor: source_priority"), file: "t.yaml"))
        #expect(error == nil)
    }
}

/// The articles a stage passes on when it drains.
private actor EmittedArticles {
    private(set) var articles: [Article] = []

    func add(_ output: TransformOutput) {
        articles += output.articles
    }
}
