import BenchSupport
import Foundation
import Testing

@testable import Copydesk

/// The entity tagger's model: the shipped one still scores what its training recorded, training
/// is reproducible from its seed, and a model of another feature set is refused.
struct EntityModelTests {
    /// Hand-written articles with gold names, small enough to train on in a test.
    static let trainingTexts: [(text: String, names: [(String, String)])] = [
        ("Mayor Lena Holm met Pieter de Vries in Rotterdam on Monday.", [("Lena Holm", "PER"), ("Pieter de Vries", "PER"), ("Rotterdam", "LOC")]),
        ("Acme Holdings Corp opened an office in Lisbon, Anna Berg said.", [("Acme Holdings Corp", "ORG"), ("Lisbon", "LOC"), ("Anna Berg", "PER")]),
        ("The Harbour Authority and Tom Hale signed the deal in Oslo.", [("Harbour Authority", "ORG"), ("Tom Hale", "PER"), ("Oslo", "LOC")]),
    ]

    /// The training articles, segmented, with their gold names as scalar offsets.
    static func trainer() throws -> EntityModelTrainer {
        var trainer = try EntityModelTrainer()
        for (text, names) in trainingTexts {
            let article = try ExtractTestSupport.article(text)
            let scalars = Array(text.unicodeScalars)
            let gold = names.map { surface, type -> EntityModelTrainer.Name in
                let length = surface.unicodeScalars.count
                let start = (0...(scalars.count - length)).first { String(String.UnicodeScalarView(scalars[$0..<($0 + length)])) == surface }!
                return .init(start: start, end: start + length, type: type)
            }
            trainer.add(article, names: gold)
        }
        return trainer
    }

    @Test func trainingIsReproducibleFromItsSeed() throws {
        let trainer = try Self.trainer()
        let first = trainer.train(epochs: 5, seed: 7)
        #expect(first == trainer.train(epochs: 5, seed: 7))
        var article = try ExtractTestSupport.article(Self.trainingTexts[0].text)
        try Extractor(options: .init(), entityModel: first).annotate(&article)
        #expect(article.entities.contains { $0.text == "Lena Holm" && $0.type == .person })
    }

    @Test func aModelOfAnotherFeatureSetIsRefused() throws {
        var data = try Self.trainer().train(epochs: 1, seed: 1)
        data[8] = data[8] &+ 1
        #expect {
            try Extractor(options: .init(), entityModel: data)
        } throws: { error in
            "\(error)".contains("feature set") && "\(error)".contains("copydesk-train ner")
        }
        #expect(throws: TaggerWeights.FormatError.self) { try Extractor(options: .init(), entityModel: Data("not a model".utf8)) }
    }

    @Test(.needsNLPDevSet) func theShippedModelReproducesItsRecordedScore() async throws {
        let record = try JSONDecoder().decode(ModelScoreRecord.self, from: BundledData.data("extract/ner-score.json"))
        let documents = try AnnotatedDocument.load(jsonLines: TestPaths.nlpDev.appendingPathComponent("ner_dev.jsonl").path)
        let slice = record.slice.compactMap { id in documents.first { $0.id == id } }
        #expect(slice.count == record.slice.count)
        let work = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let articles = try await EntityEvaluation.articles(slice, work: work.path)
        let score = EntityEvaluation.score(EntityEvaluation.predictions(articles, extractor: try ExtractTestSupport.extractor()), against: slice)
        #expect(abs(score.overall.f1 - record.sliceF1) <= 0.005, "slice F1 \(score.overall.f1), recorded \(record.sliceF1)")
    }
}
