/// Trains ``TaggerWeights`` as an averaged perceptron (Collins 2002): greedy left-to-right
/// decoding of each article's candidate tokens with the tags predicted so far, an update of +1
/// for the right tag's weights and −1 for the predicted one's on every mistake, and weights
/// averaged over every step at the end. Deterministic: the article order of each epoch comes
/// from a seeded generator.
struct PerceptronTraining {
    /// One article to learn from: its prepared features and the right tag of every token.
    struct Example {
        /// The article's feature context.
        let context: TaggerFeatures.Context
        /// The gold tag of every token.
        let gold: [EntityTag]
    }

    private let features: TaggerFeatures
    private static let tagCount = EntityTag.count
    private var rowOf: [UInt64: Int] = [:]
    private var keys: [UInt64] = []
    private var weights: [Float] = []
    private var totals: [Double] = []
    private var stamps: [Int] = []
    private var step = 0

    /// A training run over `features`.
    init(features: TaggerFeatures) { self.features = features }

    /// Runs `epochs` passes over `examples` and returns the averaged weights; each token's own
    /// word is hidden from its features with probability `hideWordRate`. `progress` gets
    /// each epoch's number and its share of candidate tokens tagged right.
    mutating func train(
        _ examples: [Example], epochs: Int, seed: UInt64, hideWordRate: Double, progress: (Int, Double) -> Void
    ) -> TaggerWeights {
        var order = Array(examples.indices)
        var generator = SplitMix64(seed: seed)
        var buffer: [UInt64] = []
        var scores = [Float](repeating: 0, count: Self.tagCount)
        for epoch in 1...max(1, epochs) {
            order.shuffle(using: &generator)
            var right = 0
            var seen = 0
            for index in order {
                let example = examples[index]
                var predicted = [EntityTag](repeating: .outside, count: example.gold.count)
                for i in predicted.indices where example.context.candidate[i] {
                    let previous = i > 0 ? predicted[i - 1] : .outside
                    let hiding = Double(generator.next() >> 11) / Double(1 << 53) < hideWordRate
                    features.features(
                        example.context, at: i, previous: previous, beforePrevious: i > 1 ? predicted[i - 2] : .outside, hidingWord: hiding,
                        into: &buffer)
                    score(buffer, into: &scores)
                    let guess = EntityTagger.best(scores, after: previous)
                    // After a wrong guess the gold inside tag may not be allowed; its name then starts here.
                    var truth = example.gold[i]
                    if !truth.canFollow(previous), let type = truth.type { truth = EntityTag(type: type, inside: false) }
                    step += 1
                    seen += 1
                    if guess == truth {
                        right += 1
                    } else {
                        update(buffer, truth: truth, guess: guess)
                    }
                    predicted[i] = guess
                }
            }
            progress(epoch, seen == 0 ? 0 : Double(right) / Double(seen))
        }
        return averaged()
    }

    private func score(_ features: [UInt64], into scores: inout [Float]) {
        for k in scores.indices { scores[k] = 0 }
        for feature in features {
            guard let row = rowOf[feature] else { continue }
            for tag in 0..<Self.tagCount { scores[tag] += weights[row * Self.tagCount + tag] }
        }
    }

    private mutating func update(_ features: [UInt64], truth: EntityTag, guess: EntityTag) {
        for feature in features {
            let row: Int
            if let known = rowOf[feature] {
                row = known
            } else {
                row = keys.count
                rowOf[feature] = row
                keys.append(feature)
                weights.append(contentsOf: repeatElement(0, count: Self.tagCount))
                totals.append(contentsOf: repeatElement(0, count: Self.tagCount))
                stamps.append(contentsOf: repeatElement(0, count: Self.tagCount))
            }
            for (tag, delta) in [(truth, Float(1)), (guess, Float(-1))] {
                let k = row * Self.tagCount + tag.rawValue
                totals[k] += Double(step - stamps[k]) * Double(weights[k])
                stamps[k] = step
                weights[k] += delta
            }
        }
    }

    private func averaged() -> TaggerWeights {
        let rows = keys.indices.sorted { keys[$0] < keys[$1] }
        let averaged = rows.flatMap { row in
            (0..<Self.tagCount).map { tag -> Float in
                let k = row * Self.tagCount + tag
                return Float((totals[k] + Double(step - stamps[k]) * Double(weights[k])) / Double(max(step, 1)))
            }
        }
        return TaggerWeights(keys: rows.map { keys[$0] }, rows: averaged)
    }
}
