import BenchSupport
import Foundation
import Testing

@testable import Copydesk

/// The cluster phase's out-of-memory decisions are the dedupe stage's in-memory ones.
@Suite("shard clusterer")
struct DiskClustererTests {
    /// Generated articles with exact and near duplicates, as dedupe documents with made-up
    /// dates (some missing) so the survivor policy has choices to make.
    static func documents(count: Int, seed: UInt64) -> [DedupeDocument] {
        let fingerprinter = Fingerprinter()
        let items = CorpusGenerator(settings: .init(articles: count, seed: seed, exactDuplicates: 0.15, nearDuplicates: 0.25, paragraphs: 3...6))
            .items()
        return items.enumerated().map { index, item in
            let day = index % 7 == 0 ? nil : String(format: "2024-03-%02d", 1 + (index * 7919) % 28)
            let body = item.text.split(separator: "\n").dropFirst(3).joined(separator: "\n")
            return DedupeDocument(
                key: String(format: "a%05d", index), date: day, section: index % 3 == 0 ? "world" : "sport", sourcePath: "drop/\(index % 5).txt",
                bodyLength: body.utf8.count, fingerprint: fingerprinter.fingerprint(title: "t\(item.cluster)", body: body))
        }
    }

    /// The clusterer's verdicts for `documents` with history matches at `historyMatches`.
    static func shardVerdicts(
        _ documents: [DedupeDocument], policy: SurvivorPolicy, streaming: Bool, historyMatches: [Int: IndexMatch] = [:]
    ) throws -> [DiskClusterer.Verdict?] {
        var config = DedupeConfig()
        config.survivorPolicy = policy
        let directory = try TestPaths.temporaryDirectory().path
        var clusterer = try DiskClusterer(config: config, streaming: streaming, expectedDocuments: documents.count, directory: directory)
        for (index, document) in documents.enumerated() {
            try clusterer.add(
                ShardDocument(
                    ordinal: index, articleID: document.key, date: document.date, rank: policy.rank(of: document), fingerprint: document.fingerprint),
                historyMatch: historyMatches[index])
        }
        try clusterer.decide()
        return try documents.indices.map { try clusterer.verdict(of: $0) }
    }

    @Test(arguments: [SurvivorPolicy.earliestDate, .longestBody, .sourcePriority(["drop/3", "world"])])
    func wholeRunPoliciesDecideAsTheInMemoryClusterer(policy: SurvivorPolicy) throws {
        let documents = Self.documents(count: 700, seed: 3)
        var config = DedupeConfig()
        config.survivorPolicy = policy
        let expected = DuplicateClusterer(config: config).cluster(documents).map {
            $0.map { DiskClusterer.Verdict(key: $0.survivorKey, similarity: $0.similarity) }
        }
        #expect(expected.compactMap { $0 }.count > 150, "the documents hold clusters")
        #expect(try Self.shardVerdicts(documents, policy: policy, streaming: false) == expected)
    }

    @Test func firstSeenDecidesAsTheStreamingIndexWithHistoryMatches() throws {
        let documents = Self.documents(count: 700, seed: 9)
        // Every 50th document duplicates a record of the history, exactly or nearly.
        let history = Dictionary(
            uniqueKeysWithValues: stride(from: 0, to: documents.count, by: 50).map { index in
                (
                    index,
                    IndexMatch(
                        key: "h\(index)", entry: index, similarity: index % 100 == 0 ? 1 : 0.55,
                        evidence: index % 100 == 0 ? .exactContent : .estimatedJaccard)
                )
            })
        var seen = NearDuplicateIndex()
        var expected: [DiskClusterer.Verdict?] = []
        for (index, document) in documents.enumerated() {
            if let match = IndexMatch.preferred(history[index], seen.match(document.fingerprint)) {
                expected.append(DiskClusterer.Verdict(key: match.key, similarity: match.similarity))
            } else {
                seen.add(key: document.key, fingerprint: document.fingerprint)
                expected.append(nil)
            }
        }
        #expect(expected.compactMap { $0 }.count > 150)
        #expect(try Self.shardVerdicts(documents, policy: .earliestDate, streaming: true, historyMatches: history) == expected)
    }

    @Test func historyMatchesTakeNoPartInWholeRunClusters() throws {
        let documents = Self.documents(count: 300, seed: 4)
        let history = [5: IndexMatch(key: "h5", entry: 1, similarity: 0.7, evidence: .estimatedJaccard)]
        let rest = documents.enumerated().filter { $0.offset != 5 }.map(\.element)
        let clustered = DuplicateClusterer().cluster(rest).map { $0.map { DiskClusterer.Verdict(key: $0.survivorKey, similarity: $0.similarity) } }
        var expected = clustered
        expected.insert(DiskClusterer.Verdict(key: "h5", similarity: 0.7), at: 5)
        #expect(try Self.shardVerdicts(documents, policy: .earliestDate, streaming: false, historyMatches: history) == expected)
    }

    @Test func theRankOrdersAsThePolicyPrefers() {
        let documents = Self.documents(count: 120, seed: 5)
        for policy in [SurvivorPolicy.earliestDate, .longestBody, .sourcePriority(["drop/2", "sport"])] {
            for (i, lhs) in documents.enumerated() {
                for (j, rhs) in documents.enumerated() where i != j {
                    #expect(
                        policy.prefers(lhs, at: i, over: rhs, at: j) == ((policy.rank(of: lhs), i) < (policy.rank(of: rhs), j)),
                        "\(policy): \(lhs.key) over \(rhs.key)")
                }
            }
        }
    }
}
