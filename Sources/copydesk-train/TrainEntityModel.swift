import ArgumentParser
import BenchSupport
import Copydesk
import Foundation

/// `copydesk-train ner`: trains the entity tagger on the training part of the development data
/// (``DevelopmentSplit``), writes the model, scores it on the held-out part and records that
/// score beside the model, where a test checks that the shipped model still reproduces it.
struct TrainEntityModel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ner", abstract: "Trains the entity tagger (Resources/extract/ner.model).")

    @Option(help: "The development data directory (ner_dev.jsonl).") var data = "../shared/nlp-dev"
    @Option(help: "Where to write the model.") var out = "Sources/Copydesk/Resources/extract/ner.model"
    @Option(help: "Passes over the training documents.") var epochs = 12
    @Option(help: "Seed of the document order in each pass.") var seed: UInt64 = 1
    @Option(help: "Share of training tokens whose own word is hidden from the features.") var hideWordRate = 0.25
    @Option(help: "Working directory for intermediate files.") var work = ".build/train"

    func run() async throws {
        let documents = try AnnotatedDocument.load(jsonLines: (data as NSString).appendingPathComponent("ner_dev.jsonl"))
        let (training, heldOut) = DevelopmentSplit.split(documents)
        var trainer = try EntityModelTrainer()
        for (document, article) in zip(training, try await EntityEvaluation.articles(training, work: work)) {
            trainer.add(article, names: document.entities)
        }
        print("training on \(trainer.articleCount) documents, holding out \(heldOut.count)")
        let model = trainer.train(epochs: epochs, seed: seed, hideWordRate: hideWordRate) { epoch, accuracy in
            print(String(format: "epoch %d: %.4f of candidate tokens right", epoch, accuracy))
        }
        try model.write(to: URL(fileURLWithPath: out), options: .atomic)
        let extractor = try Extractor(options: .init(), entityModel: model)
        let heldOutArticles = try await EntityEvaluation.articles(heldOut, work: work)
        let score = EntityEvaluation.score(EntityEvaluation.predictions(heldOutArticles, extractor: extractor), against: heldOut)
        let slice = ModelScoreRecord.slice(of: heldOut)
        let sliceArticles = try await EntityEvaluation.articles(slice, work: work)
        let sliceScore = EntityEvaluation.score(EntityEvaluation.predictions(sliceArticles, extractor: extractor), against: slice)
        let record = ModelScoreRecord(
            epochs: epochs, seed: seed, hideWordRate: hideWordRate, modelBytes: model.count, trainingDocuments: training.count, heldOut: score,
            heldOutDocuments: heldOut.count, slice: slice.map(\.id), sliceF1: sliceScore.overall.f1)
        let recordPath = (out as NSString).deletingPathExtension + "-score.json"
        try record.json().write(to: URL(fileURLWithPath: recordPath), options: .atomic)
        print("wrote \(out) (\(model.count) bytes) and \(recordPath)")
        for type in score.types + ["all"] {
            let counts = score.counts(type)
            print(String(format: "held out %@: P %.3f R %.3f F1 %.3f", type, counts.precision, counts.recall, counts.f1))
        }
    }
}
