/// The end of the pipeline: the fan-out hands every batch to each sink's channel (after
/// recording its rejected records in the quarantine, in input order), and one writer per sink
/// writes what reaches it.
struct SinkFanOut {
    /// The last transform's output (or the source's, without transforms).
    let input: SequencedChannel<ArticleBatch>
    /// One channel per sink, in the plan's sink order.
    let outputs: [SequencedChannel<ArticleBatch>]
    /// Where rejected records go.
    let quarantine: QuarantineLog
    /// What the run's HTML report counts of the articles written.
    let observations: RunObservations

    /// Copies every batch to every sink channel, then finishes them.
    func run() async throws {
        while let (sequence, batch) = try await input.receive() {
            try await quarantine.record(batch.rejected)
            observations.written(batch.articles)
            for output in outputs {
                try await output.send(
                    ArticleBatch(articles: batch.articles, rejected: [], droppedDuplicates: batch.droppedDuplicates), sequence: sequence)
            }
        }
        for output in outputs { output.finish() }
    }

    /// Writes the batches reaching one sink until its channel ends. A sink that fell behind
    /// takes the batches already waiting with it, in order: one larger write (for SQLite one
    /// transaction) costs less than several small ones. The channel refills meanwhile, so a
    /// sink holds up to `buffer + 1` batches; ``PipelinePlan/maxBatchesInFlight`` counts them.
    static func write(_ sink: PipelinePlan.Sink, from input: SequencedChannel<ArticleBatch>, buffer: Int) async throws {
        let clock = ContinuousClock()
        while let (_, batch) = try await input.receive() {
            for counters in sink.statistics { counters.record { $0.backlog = input.backlog } }
            let ready = input.receiveReady(limit: buffer)
            let articles = ready.reduce(into: batch.articles) { $0 += $1.articles }
            let dropped = ready.reduce(into: batch.droppedDuplicates) { $0 += $1.droppedDuplicates }
            let started = clock.now
            try await sink.stage.write(articles)
            if !dropped.isEmpty { try await sink.stage.record(dropped) }
            let spent = clock.now - started
            for counters in sink.statistics {
                counters.record {
                    $0.articlesIn += articles.count
                    $0.articlesOut += articles.count
                    $0.busy += spent
                }
            }
        }
    }
}
