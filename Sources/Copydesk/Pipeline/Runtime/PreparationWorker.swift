import Foundation

/// One worker of a stage's stateless preparation (``TransformStage/prepare(_:)``): receives
/// batches in sequence order, attaches what the stage prepares for them and sends them on under
/// the same sequence number, so several workers prepare batches ahead of the stage's one
/// worker while the channel behind them restores input order.
struct PreparationWorker {
    /// The stage and its counters.
    let transform: PipelinePlan.Transform
    /// Batches in.
    let input: SequencedChannel<ArticleBatch>
    /// Prepared batches out, to the stage's worker.
    let output: SequencedChannel<ArticleBatch>

    /// Workers the runner starts for one stage's preparation: one per core.
    static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Prepares batches until the input ends, then finishes its share of the output.
    func run() async throws {
        let clock = ContinuousClock()
        while let (sequence, batch) = try await input.receive() {
            let started = clock.now
            var prepared = batch
            prepared.prepared = try await transform.stage.prepare(batch.articles)
            let spent = clock.now - started
            transform.statistics.record { $0.preparing += spent }
            try await output.send(prepared, sequence: sequence)
        }
        output.finish()
    }
}
