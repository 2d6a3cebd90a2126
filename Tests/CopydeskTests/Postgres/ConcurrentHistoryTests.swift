import Foundation
import Synchronization
import Testing

@testable import Copydesk

/// Two dedupe stages sharing one history on the test server, driven step by step as two runs on
/// different drops at once: whatever the interleaving, the later committer decides as a run
/// started after the earlier one committed.
@Suite("dedupe with a history other runs write at once", PostgresTestServer.required)
struct ConcurrentHistoryTests {
    /// A dedupe stage of a run of its own on the history at `url`.
    func stage(_ url: PostgresURL, survivor: DedupeStage.Options.Survivor) throws -> DedupeStage {
        try DedupeStage(
            options: .with {
                $0.history = url.text
                $0.duplicates = .mark
                $0.survivor = survivor
            }, context: StageContext())
    }

    /// The story in drop `drop`, as one article.
    func article(_ drop: String, _ text: String) -> Article {
        Article(
            id: "\(drop)-story", source: SourceLocation(path: "\(drop)/1.txt", line: 1, format: "textdrop"), date: "2024-03-01",
            title: "Port strike", text: text)
    }

    /// Drains `stage` and returns what it passed on.
    func drain(_ stage: DedupeStage) async throws -> [Article] {
        let emitted = Mutex<[Article]>([])
        try await stage.drain { output in emitted.withLock { $0 += output.articles } }
        return emitted.withLock { $0 }
    }

    @Test func aWholeRunPolicyCatchesUpAtTheEndOfInputWithWhatAnotherRunCommittedMeanwhile() async throws {
        let url = try PostgresTestServer.freshSchema()
        let first = try stage(url, survivor: .earliestDate)
        let second = try stage(url, survivor: .earliestDate)
        _ = try await first.process([article("a", WireStory.body)])
        // The second run looks its copy up before the first commits: the history has nothing yet.
        _ = try await second.process([article("b", WireStory.withTypoFixes)])
        #expect(try await drain(first).map(\.duplicateOf) == [nil])
        try await first.commit()
        let decided = try #require(try await drain(second).first)
        try await second.commit()
        #expect(decided.duplicateOf == "a-story", "found among what the first run committed after the second started")

        // The same two drops one after the other decide the same.
        let sequential = try PostgresTestServer.freshSchema()
        let earlier = try stage(sequential, survivor: .earliestDate)
        _ = try await earlier.process([article("a", WireStory.body)])
        _ = try await drain(earlier)
        try await earlier.commit()
        let later = try stage(sequential, survivor: .earliestDate)
        _ = try await later.process([article("b", WireStory.withTypoFixes)])
        let expected = try #require(try await drain(later).first)
        #expect(decided.duplicateOf == expected.duplicateOf && decided.similarity == expected.similarity)
        #expect(try await PostgresStateStore(url: url).historyCount() == 1, "the duplicate is not added to the history")
    }

    @Test func aStreamingPolicyWaitsForItsTurnBeforeItsFirstLookup() async throws {
        let url = try PostgresTestServer.freshSchema()
        let first = try stage(url, survivor: .firstSeen)
        let second = try stage(url, survivor: .firstSeen)
        #expect(try await first.process([article("a", WireStory.body)]).articles.map(\.duplicateOf) == [nil])
        let answered = Mutex(false)
        let waiting = Task {
            let output = try await second.process([article("b", WireStory.withTypoFixes)])
            answered.withLock { $0 = true }
            return output.articles
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(!answered.withLock { $0 }, "the second run waits while the first may still commit")
        try await first.commit()
        let decided = try await waiting.value
        try await second.commit()
        #expect(decided.map(\.duplicateOf) == ["a-story"])
    }
}
