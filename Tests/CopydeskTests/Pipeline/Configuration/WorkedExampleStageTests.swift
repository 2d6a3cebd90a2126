import Foundation
import Testing

@testable import Copydesk

/// The stage docs/architecture.md walks through: it is written there verbatim, it registers
/// with one line, and the loader, the runner and the catalog pick it up unchanged.
@Suite("worked example stage")
struct WorkedExampleStageTests {
    let registry = StageRegistry.standard.merging(StageRegistry(sources: [], transforms: [WordCountFilter.self], sinks: []))

    @Test func theArchitectureDocShowsTheStageAsWritten() throws {
        let doc = try String(contentsOfFile: TestPaths.repository.appendingPathComponent("docs/architecture.md").path, encoding: .utf8)
        let file = TestPaths.repository.appendingPathComponent("Tests/CopydeskTests/Pipeline/Configuration/WordCountFilter.swift").path
        let source = try String(contentsOfFile: file, encoding: .utf8)
        #expect(doc.contains("```swift\n" + source + "```"), "docs/architecture.md must show WordCountFilter.swift as it is")
    }

    @Test func theStageFiltersSamplesAndIsCounted() async throws {
        let out = try TestPaths.temporaryDirectory()
        let definition = try PipelineLoader(registry: registry, environment: [:]).load(
            yaml: """
                name: example
                stages:
                  - type: textdrop
                    path: \(TestPaths.repository.appendingPathComponent("samples").path)
                  - type: word_count_filter
                    min_words: 150
                  - type: jsonl
                    path: \(out.path)/articles.jsonl
                """, file: "example.yaml")
        let summary = try await PipelineRunner(definition: definition).run()
        let written = try writtenArticles(in: out.path)
        #expect(summary.articlesRead == 14)
        #expect(summary.filtered > 0 && summary.filtered < 14)
        #expect(written.count == 14 - summary.filtered)
        #expect(written.allSatisfy { $0.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count >= 150 })
        #expect(summary.isBalanced)
    }

    @Test func aRejectedCombinationPointsAtItsLine() throws {
        let definition = try PipelineLoader(registry: registry, environment: [:]).load(
            yaml: """
                name: example
                stages:
                  - type: textdrop
                    path: samples
                  - type: word_count_filter
                    min_words: 300
                    max_words: 100
                  - type: jsonl
                    path: out/articles.jsonl
                """, file: "example.yaml")
        let errors = try #require(#expect(throws: ConfigErrors.self) { try PipelinePlan(definition: definition) })
        #expect(errors.errors.map(\.description) == ["example.yaml:7:16: max_words: must be at least min_words (300)"])
    }

    @Test func theCatalogDocumentsTheStage() {
        let text = StageCatalog(registry: registry).text()
        #expect(text.contains("  word_count_filter: Drops articles with fewer words than min_words."))
        #expect(text.contains("    min_words (integer (1...100000), default 50): Fewest words an article keeps."))
    }
}
