/// Runs a plan's stages with structured concurrency, to the end of the input.
///
/// One task group holds a task per worker of each transform (and, for a stage with a
/// stateless preparation, one per core preparing its batches ahead of it), the fan-out and one
/// writer per sink, while the calling task pumps the source (the reader is not shared with any other task). Neighbouring stages are joined by bounded ``SequencedChannel``s
/// carrying batches, so a slow stage slows everything upstream of it and at most
/// ``PipelinePlan/maxBatchesInFlight`` batches exist at once, whatever the input size. Batches
/// carry sequence numbers and every channel releases them in order, so the output order equals
/// the input order for any number of workers. When any task fails or the run is cancelled,
/// every channel is failed so every task stops.
struct PipelineExecutor {
    /// What to run.
    let plan: PipelinePlan
    /// Where rejected records go.
    let quarantine: QuarantineLog

    /// Runs every stage over `reader`'s articles; commits nothing.
    func run(reading reader: any SourceReader) async throws {
        let buffer = plan.settings.buffer
        let transforms = plan.transforms
        let stageChannels = (0...transforms.count).map { index in
            SequencedChannel<ArticleBatch>(capacity: buffer, producers: index == 0 ? 1 : transforms[index - 1].workers)
        }
        let sinkChannels = plan.sinks.map { _ in SequencedChannel<ArticleBatch>(capacity: buffer, producers: 1) }
        // Between a preparing stage's input and its worker: the prepared batches.
        let preparedChannels = transforms.map { transform in
            type(of: transform.stage).hasPreparation
                ? SequencedChannel<ArticleBatch>(capacity: buffer, producers: PreparationWorker.count) : nil
        }
        let everyChannel = stageChannels + sinkChannels + preparedChannels.compactMap { $0 }
        let (statistics, batchSize, readLimit) = (plan.statistics[0], plan.settings.batchSize, plan.readLimit)
        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, transform) in transforms.enumerated() {
                    var input = stageChannels[index]
                    if let prepared = preparedChannels[index] {
                        let preparation = PreparationWorker(transform: transform, input: input, output: prepared)
                        for _ in 0..<PreparationWorker.count {
                            group.addTask { try await Self.failingAll(everyChannel) { try await preparation.run() } }
                        }
                        input = prepared
                    }
                    let worker = TransformWorker(transform: transform, input: input, output: stageChannels[index + 1])
                    for _ in 0..<transform.workers {
                        group.addTask { try await Self.failingAll(everyChannel) { try await worker.run() } }
                    }
                }
                let fanOut = SinkFanOut(
                    input: stageChannels[transforms.count], outputs: sinkChannels, quarantine: quarantine, observations: plan.observations)
                group.addTask { try await Self.failingAll(everyChannel) { try await fanOut.run() } }
                for (sink, channel) in zip(plan.sinks, sinkChannels) {
                    group.addTask { try await Self.failingAll(everyChannel) { try await SinkFanOut.write(sink, from: channel, buffer: buffer) } }
                }
                var pump = SourcePump(reader: reader, output: stageChannels[0], statistics: statistics, batchSize: batchSize, readLimit: readLimit)
                try await Self.failingAll(everyChannel) { try await pump.run() }
                try await group.waitForAll()
            }
        } onCancel: {
            for channel in everyChannel { channel.fail(CancellationError()) }
        }
    }

    /// Runs `body`; if it throws, fails every channel so the other tasks stop too.
    private static func failingAll(_ channels: [SequencedChannel<ArticleBatch>], _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            for channel in channels { channel.fail(error) }
            throw error
        }
    }
}
