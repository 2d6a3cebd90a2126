import Foundation
import Testing

@testable import Copydesk

@Suite("locking")
struct LockingTests {
    func pipeline(out: URL, wait: Int = 0) throws -> PipelineRunner {
        let yaml = """
            name: locked
            lock_wait: \(wait)
            stages:
              - {type: textdrop, path: "\(TestPaths.repository.appendingPathComponent("samples").path)"}
              - {type: jsonl, path: "\(out.path)/articles.jsonl"}
            """
        return try PipelineRunner(definition: PipelineLoader().load(yaml: yaml, file: "locked.yaml"))
    }

    @Test func aSecondRunIsRefusedWhileTheFirstHoldsTheOutput() async throws {
        let out = try TestPaths.temporaryDirectory()
        let held = try RunLock(protecting: out.appendingPathComponent("articles.jsonl").path)
        defer { held.release() }
        await #expect(throws: RunLock.Held.self) { _ = try await pipeline(out: out).run() }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("articles.jsonl").path))
    }

    @Test func aSecondRunWaitsForTheLockWhenAskedTo() async throws {
        let out = try TestPaths.temporaryDirectory()
        let held = try RunLock(protecting: out.appendingPathComponent("articles.jsonl").path)
        let waiting = Task { try await pipeline(out: out, wait: 10).run() }
        try await Task.sleep(for: .milliseconds(400))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("articles.jsonl").path))
        held.release()
        let summary = try await waiting.value
        #expect(summary.articlesWritten == 14)
    }

    @Test func aStaleLockLeftByAKilledRunIsTakenOver() async throws {
        let out = try TestPaths.temporaryDirectory()
        let lockFile = RunLock.lockFile(for: out.appendingPathComponent("articles.jsonl").path)
        try "pid 999999 on crashed-host since 2024-02-08T03:00:00Z\n".write(toFile: lockFile, atomically: true, encoding: .utf8)
        let summary = try await pipeline(out: out).run()
        #expect(summary.articlesWritten == 14)
    }

    @Test func theLockMessageNamesTheHolder() throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path
        let first = try RunLock(protecting: path)
        defer { first.release() }
        do {
            _ = try RunLock(protecting: path)
            Issue.record("the second lock must fail")
        } catch let error as RunLock.Held {
            #expect(error.holder.hasPrefix("pid \(getpid()) on "))
            #expect("\(error)".hasPrefix("\(RunLock.lockFile(for: path)) is locked by another run (pid \(getpid())"))
            #expect(RunLock.lockFile(for: path).hasSuffix("/.state.sqlite.lock"))
        }
    }
}
