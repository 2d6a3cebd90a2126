/// One worker of a transform: receives batches in sequence order, applies the stage and sends
/// each result on under the same sequence number, so the next channel restores input order
/// whatever order the workers finish in. A stateful stage has one worker, which drains the
/// articles the stage held back once its input ends.
struct TransformWorker {
    /// The stage and its counters.
    let transform: PipelinePlan.Transform
    /// Batches in.
    let input: SequencedChannel<ArticleBatch>
    /// Batches out.
    let output: SequencedChannel<ArticleBatch>

    /// Processes batches until the input ends, then finishes its share of the output.
    func run() async throws {
        let stage = transform.stage
        let statistics = transform.statistics
        let clock = ContinuousClock()
        var lastSequence = -1
        while let (sequence, batch) = try await input.receive() {
            statistics.record { $0.backlog = input.backlog }
            let started = clock.now
            let next = try await apply(to: batch)
            let spent = clock.now - started
            let quarantinedHere = next.rejected.count - batch.rejected.count
            statistics.record {
                $0.articlesIn += batch.articles.count
                $0.articlesOut += next.articles.count
                $0.quarantined += quarantinedHere
                $0.busy += spent
            }
            try await output.send(next, sequence: sequence)
            lastSequence = max(lastSequence, sequence)
        }
        if !type(of: stage).isStateless {
            let sequences = SequenceCounter(next: lastSequence + 1)
            let output = output
            try await stage.drain { drained in
                statistics.record {
                    $0.articlesOut += drained.articles.count
                    $0.duplicates += drained.duplicates
                    $0.filtered += drained.filtered
                }
                try await output.send(
                    ArticleBatch(articles: drained.articles, rejected: drained.rejected, droppedDuplicates: drained.droppedDuplicates),
                    sequence: sequences.take())
            }
        }
        output.finish()
    }

    /// Applies the stage to a batch. When a stateless stage throws, the batch is run again
    /// article by article so only the articles that fail are quarantined.
    private func apply(to batch: ArticleBatch) async throws -> ArticleBatch {
        let stage = transform.stage
        let statistics = transform.statistics
        do {
            let output = try await stage.process(batch.articles, prepared: batch.prepared)
            statistics.record {
                $0.duplicates += output.duplicates; $0.filtered += output.filtered
            }
            return ArticleBatch(
                articles: output.articles, rejected: batch.rejected + output.rejected,
                droppedDuplicates: batch.droppedDuplicates + output.droppedDuplicates)
        } catch  where !(error is CancellationError) && type(of: stage).isStateless {
            var result = ArticleBatch(articles: [], rejected: batch.rejected, droppedDuplicates: batch.droppedDuplicates)
            for article in batch.articles {
                do {
                    let output = try await stage.process([article])
                    statistics.record {
                        $0.duplicates += output.duplicates; $0.filtered += output.filtered
                    }
                    result.articles += output.articles
                    result.rejected += output.rejected
                    result.droppedDuplicates += output.droppedDuplicates
                } catch  where !(error is CancellationError) {
                    result.rejected.append(
                        QuarantineRecord(
                            path: article.source.path, line: article.source.line, stage: type(of: stage).typeName,
                            reason: (error as? any QuarantinableError)?.reason ?? "stage_error", message: "\(error)",
                            raw: String(article.text.prefix(4_096))))
                }
            }
            return result
        }
    }
}
