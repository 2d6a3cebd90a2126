import Foundation
import Testing

@testable import Copydesk

@Suite("extract stage")
struct ExtractStageTests {
    /// The seed through the shipped default pipeline, read back from its JSON-lines output.
    func seedThroughDefaultPipeline() async throws -> Article {
        let out = try TestPaths.temporaryDirectory()
        let definition = try PipelineLoader(environment: ["INPUT": TestPaths.seed, "OUT": out.path])
            .load(path: TestPaths.repository.appendingPathComponent("pipelines/default.yaml").path)
        _ = try await PipelineRunner(definition: definition).run()
        return try #require(try writtenArticles(in: out.path).first)
    }

    @Test(.needsSharedData) func theSeedYieldsWhatTheIssueAsksFor() async throws {
        let article = try await seedThroughDefaultPipeline()
        func canonicals(_ type: Entity.Kind) -> Set<String> { Set(article.entities.filter { $0.type == type }.map(\.canonical)) }
        #expect(canonicals(.person).isSuperset(of: ["Vladimir Putin", "Xi Jinping", "Yury Ushakov"]))
        #expect(canonicals(.organization).isSuperset(of: ["Kremlin", "BRICS", "Sputnik"]))
        #expect(
            canonicals(.location).isSuperset(of: ["Russia", "China", "United States", "Taiwan", "Ukraine", "Middle East", "Asia-Pacific", "Moscow"]))
        let links = Set(article.entities.map { "\($0.text) → \($0.canonical)" })
        #expect(
            links.isSuperset(of: [
                "Putin → Vladimir Putin", "Xi → Xi Jinping", "Ushakov → Yury Ushakov", "US → United States", "United States → United States",
            ]))
        let headings = article.paragraphs.filter { $0.kind == .heading }
        let inHeadings = article.entities.filter { entity in headings.contains { $0.start <= entity.start && entity.end <= $0.end } }
        #expect(!inHeadings.contains { $0.type == .organization }, "nothing from a heading line is an organisation")
        let amounts = Set(article.amounts.map { "\($0.text)=\($0.value) \($0.currency ?? "") \($0.qualifier ?? "")" })
        #expect(amounts.isSuperset(of: ["$200 billion=200000000000.0 USD ", "$227.7 billion=227700000000.0 USD ", "over 90%=90.0  over"]))
        let speakers = Set(article.quotes.compactMap(\.speaker))
        #expect(speakers.isSuperset(of: ["Yury Ushakov", "the statement", "Kremlin"]))
        #expect(article.dates.contains { $0.text.hasSuffix("Thursday") && $0.value == "2024-02-08" })
        for annotation in article.entities { #expect(slice(article, annotation.start, annotation.end) == annotation.text) }
        for annotation in article.amounts { #expect(slice(article, annotation.start, annotation.end) == annotation.text) }
        for annotation in article.dates { #expect(slice(article, annotation.start, annotation.end) == annotation.text) }
        for quote in article.quotes { #expect(article.sentences.indices.contains(quote.sentence)) }
    }

    @Test func extractWithoutSegmentFailsBeforeRunning() {
        let yaml = "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: extract\n  - type: jsonl\n    path: o.jsonl\n"
        #expect(
            throws: ConfigErrors(
                [ConfigError(file: "p.yaml", line: 5, column: 11, message: "'extract' needs a 'segment' stage before it")], text: yaml)
        ) {
            try PipelineLoader(environment: [:]).load(yaml: yaml, file: "p.yaml")
        }
    }

    @Test(.needsSharedData) func switchedOffExtractorsLeaveTheirListsEmpty() async throws {
        let options = ExtractStage.Options.with {
            $0.entities = false; $0.quotes = false
        }
        let stage = try ExtractStage(options: options, context: StageContext())
        let article = try ExtractTestSupport.seedArticle()
        let result = try await stage.process([article]).articles[0]
        #expect(result.entities.isEmpty)
        #expect(result.quotes.isEmpty)
        #expect(!result.amounts.isEmpty)
        #expect(!result.dates.isEmpty)
    }
}
