import Foundation
import Testing

@testable import Copydesk

@Suite("pipeline runner")
struct PipelineRunnerTests {
    @Test func outputOrderEqualsInputOrderWithSeveralWorkers() async throws {
        let (name, probe) = Probe.make()
        let runner = try testPipeline(
            """
            name: order
            batch_size: 3
            stages:
              - {type: synthetic, count: 500, probe: \(name)}
              - {type: jitter, workers: 4}
              - {type: jitter, workers: 3}
              - {type: recording, probe: \(name)}
            """)
        let summary = try await runner.run()
        #expect(probe.written == (0..<500).map { "a\($0)" })
        #expect(summary.articlesRead == 500)
        #expect(summary.articlesWritten == 500)
        #expect(summary.isBalanced)
    }

    @Test func aSlowSinkBoundsTheArticlesInFlight() async throws {
        let (name, probe) = Probe.make()
        let runner = try testPipeline(
            """
            name: backpressure
            batch_size: 10
            buffer: 2
            stages:
              - {type: synthetic, count: 2000, probe: \(name)}
              - {type: jitter, workers: 2}
              - {type: recording, probe: \(name), delay_ms: 2}
            """)
        _ = try await runner.run()
        let bound = runner.maxBatchesInFlight * 10
        #expect(probe.written.count == 2000)
        #expect(probe.maxInFlight <= bound, "at most \(bound) articles may be in flight, saw \(probe.maxInFlight)")
        #expect(probe.maxInFlight < 2000 / 4, "the source must have been held back by the slow sink")
    }

    @Test func aFailingArticleIsQuarantinedAndTheRestPasses() async throws {
        let (name, probe) = Probe.make()
        let out = try TestPaths.temporaryDirectory()
        let runner = try testPipeline(
            """
            name: isolate
            batch_size: 8
            quarantine: \(out.path)/quarantine.jsonl
            stages:
              - {type: synthetic, count: 40, probe: \(name)}
              - {type: jitter, fail_on: a17}
              - {type: recording, probe: \(name)}
            """)
        let summary = try await runner.run()
        #expect(probe.written == (0..<40).filter { $0 != 17 }.map { "a\($0)" })
        #expect(summary.quarantined == 1)
        #expect(summary.isBalanced)
        let lines = try String(contentsOfFile: out.appendingPathComponent("quarantine.jsonl").path, encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 1)
        let record = try JSONDecoder().decode(QuarantineRecord.self, from: Data(lines[0].utf8))
        #expect(
            record
                == QuarantineRecord(
                    path: "synthetic", line: 18, stage: "jitter", reason: "stage_error",
                    message: "cannot process a17", raw: "Body of article 17."))
    }

    @Test func aFailingSinkFailsTheRunAndLeavesNoOutput() async throws {
        let out = try TestPaths.temporaryDirectory()
        let runner = try testPipeline(
            """
            name: failing
            batch_size: 5
            stages:
              - {type: synthetic, count: 100}
              - {type: jsonl, path: \(out.path)/articles.jsonl}
              - {type: recording, fail_after: 50}
            """)
        await #expect(throws: RecordingSink.Full.self) { _ = try await runner.run() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasSuffix(".lock") } == [])
    }

    @Test func cancellationStopsEveryStageAndLeavesPreviousOutputIntact() async throws {
        let out = try TestPaths.temporaryDirectory()
        let target = out.appendingPathComponent("articles.jsonl").path
        try "previous run\n".write(toFile: target, atomically: true, encoding: .utf8)
        let (name, probe) = Probe.make()
        let runner = try testPipeline(
            """
            name: cancel
            batch_size: 10
            stages:
              - {type: synthetic, count: 1000000, probe: \(name)}
              - {type: jitter, workers: 2}
              - {type: jsonl, path: \(target)}
              - {type: recording, delay_ms: 5}
            """)
        let task = Task { try await runner.run() }
        while probe.emitted < 200 { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(probe.emitted < 1_000_000)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "previous run\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasSuffix(".lock") } == ["articles.jsonl"])
    }
}
