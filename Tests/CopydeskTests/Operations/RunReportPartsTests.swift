import Foundation
import Testing

@testable import Copydesk

/// The parts of the HTML run report: the word diff, the choice of duplicate clusters, and the
/// bounds that keep the page small.
@Suite("HTML run report parts")
struct RunReportPartsTests {
    @Test func theWordDiffMarksOnlyTheWordsOneSideLacks() {
        let diff = WordDiff(
            survivor: "ROTTERDAM (Reuters) - Thousands of dockworkers walked off the job on Tuesday.",
            duplicate: "ROTTERDAM (AP) - Thousands of dockworkers walked off the job on Tuesday <b>night</b>.")
        #expect(diff.survivorHTML == "ROTTERDAM <del>(Reuters)</del> - Thousands of dockworkers walked off the job on <del>Tuesday.</del>")
        #expect(
            diff.duplicateHTML
                == "ROTTERDAM <ins>(AP)</ins> - Thousands of dockworkers walked off the job on <ins>Tuesday &lt;b&gt;night&lt;/b&gt;.</ins>")
        #expect(diff.changedWords == 5)
        #expect(WordDiff(survivor: "same words here", duplicate: "same words here").changedWords == 0)
    }

    @Test func theWordDiffComparesABoundedNumberOfWords() {
        let long = Array(repeating: "word", count: 5_000).joined(separator: " ")
        let diff = WordDiff(survivor: long, duplicate: long + " extra")
        #expect(diff.changedWords == 0, "only the first \(WordDiff.maximumWords) words are compared")
        #expect(diff.survivorHTML.split(separator: " ").count == WordDiff.maximumWords)
    }

    @Test func thePickerExplainsTheLargestClustersThenASampleOfTheRest() {
        // 30 clusters: cluster k has k + 1 duplicates, its survivor at position 1000 + k.
        var duplicates: [DuplicateExamplePicker.Duplicate] = []
        var position = 0
        for cluster in 0..<30 {
            for _ in 0...cluster {
                duplicates.append(.init(position: position, survivorID: "s\(cluster)", survivorPosition: 1_000 + cluster, similarity: 0.9))
                position += 1
            }
        }
        duplicates.append(.init(position: position, survivorID: "history-article", survivorPosition: nil, similarity: 0.95))
        var picker = DuplicateExamplePicker(duplicates)
        let chosen = picker.examples
        #expect(chosen.count == DuplicateExamplePicker.largest + DuplicateExamplePicker.sampled)
        #expect(chosen.prefix(DuplicateExamplePicker.largest).map(\.survivorID) == (20..<30).reversed().map { "s\($0)" })
        #expect(chosen.prefix(DuplicateExamplePicker.largest).map(\.size) == (21...30).reversed().map { $0 })
        #expect(Set(chosen.dropFirst(DuplicateExamplePicker.largest).map(\.survivorID)).count == DuplicateExamplePicker.sampled)
        for index in 0..<1_100 {
            picker.see(
                Article(id: "a\(index)", source: SourceLocation(path: "drop/\(index).txt", line: 1, format: "textdrop"), text: "text \(index)"),
                at: index)
        }
        let largest = picker.examples[0]
        #expect(largest.survivor?.id == "a1029")
        #expect(largest.duplicates.count == DuplicateExamplePicker.duplicatesShown)
        #expect(largest.duplicates.allSatisfy { $0.similarity == 0.9 })
    }

    @Test func theObservationsStayBoundedWhateverTheRunSize() {
        let observations = RunObservations()
        for index in 0..<10_000 {
            observations.quarantined([
                QuarantineRecord(
                    path: "drop/\(index).txt", line: 1, stage: "textdrop", reason: index % 2 == 0 ? "no_body" : "invalid_utf8",
                    message: "no body", raw: String(repeating: "x", count: 10_000))
            ])
            observations.sample(elapsed: Double(index), articlesOut: [index, index])
        }
        #expect(observations.quarantine["no_body"]?.count == 5_000)
        #expect(observations.quarantine["no_body"]?.examples.count == RunObservations.examplesPerReason)
        #expect(observations.quarantine.values.allSatisfy { $0.examples.allSatisfy { $0.excerpt.utf8.count <= 160 } })
        let samples = observations.samples
        #expect(samples.count <= RunObservations.maximumSamples)
        #expect(samples.first?.elapsed == 0 && (samples.last?.elapsed ?? 0) > 9_000, "the samples span the run")
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0.elapsed < $1.elapsed })
        let page = RunReportPage(
            pipeline: "big", configHash: "abc", outcome: .failed(AtomicFileWriter.Failure(path: "x", reason: "disk full")), finishedAt: Date(),
            observations: observations, outputs: [], previousRuns: [])
        #expect(page.html().utf8.count < 100_000)
    }
}
