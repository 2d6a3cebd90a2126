import Foundation

/// What `copydesk-train ner` records beside the model it wrote (`ner-score.json`): how it was
/// trained, its score on the held-out documents, and its F1 on a small fixed slice of them that
/// a test scores again to check the shipped model reproduces it.
public struct ModelScoreRecord: Codable, Sendable {
    /// Training passes.
    public let epochs: Int
    /// Seed of the document order and the hidden words.
    public let seed: UInt64
    /// Share of training tokens whose word was hidden from the features.
    public let hideWordRate: Double
    /// Size of the model file.
    public let modelBytes: Int
    /// Documents trained on.
    public let trainingDocuments: Int
    /// Documents held out.
    public let heldOutDocuments: Int
    /// Precision, recall and F1 on the held-out documents, per type and `all`.
    public let heldOut: [String: [String: Double]]
    /// Ids of the slice of held-out documents the test scores.
    public let slice: [String]
    /// Overall F1 on that slice.
    public let sliceF1: Double

    /// A record of a finished training run.
    public init(
        epochs: Int, seed: UInt64, hideWordRate: Double, modelBytes: Int, trainingDocuments: Int, heldOut score: EntityScore, heldOutDocuments: Int,
        slice: [String],
        sliceF1: Double
    ) {
        self.epochs = epochs
        self.seed = seed
        self.hideWordRate = hideWordRate
        self.modelBytes = modelBytes
        self.trainingDocuments = trainingDocuments
        self.heldOutDocuments = heldOutDocuments
        var table: [String: [String: Double]] = [:]
        for type in score.types + ["all"] {
            let counts = score.counts(type)
            table[type] = ["precision": counts.precision, "recall": counts.recall, "f1": counts.f1]
        }
        heldOut = table
        self.slice = slice
        self.sliceF1 = sliceF1
    }

    /// The slice: the first held-out document of each genre.
    public static func slice(of heldOut: [AnnotatedDocument]) -> [AnnotatedDocument] {
        var genres = Set<String>()
        return heldOut.filter { genres.insert($0.genre).inserted }
    }

    /// The record as pretty-printed JSON with sorted keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
