/// Precision, recall and F1 of predicted entities against gold ones, per type and over all
/// types, as the CoNLL evaluation counts them: a prediction is right only when its offsets and
/// its type both match a gold entity.
public struct EntityScore: Sendable {
    /// Counts for one type.
    public struct Counts: Sendable {
        /// No counts yet.
        public init() {}

        /// Predictions that match a gold entity.
        public var truePositives = 0
        /// Predictions.
        public var predicted = 0
        /// Gold entities.
        public var gold = 0

        /// Right predictions over predictions.
        public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
        /// Right predictions over gold entities.
        public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
        /// Harmonic mean of precision and recall.
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// The types scored, in report order.
    public let types: [String]
    /// Counts per type.
    public private(set) var byType: [String: Counts] = [:]

    /// A score over `types`; gold and predicted entities of other types are left out.
    public init(types: [String] = ["PER", "ORG", "LOC"]) { self.types = types }

    /// Counts over every scored type together.
    public var overall: Counts {
        byType.values.reduce(into: Counts()) {
            $0.truePositives += $1.truePositives
            $0.predicted += $1.predicted
            $0.gold += $1.gold
        }
    }

    /// The counts of one scored type, or of every type together for `all`.
    public func counts(_ type: String) -> Counts {
        type == "all" ? overall : byType[type] ?? Counts()
    }

    /// Adds one document's predictions and gold entities.
    public mutating func add(predicted: [AnnotatedDocument.Span], gold: [AnnotatedDocument.Span]) {
        let scored = Set(types)
        let goldSet = Set(gold.filter { scored.contains($0.type) })
        for span in Set(predicted) where scored.contains(span.type) {
            byType[span.type, default: Counts()].predicted += 1
            if goldSet.contains(span) { byType[span.type, default: Counts()].truePositives += 1 }
        }
        for span in goldSet { byType[span.type, default: Counts()].gold += 1 }
    }
}
