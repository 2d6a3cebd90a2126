import Foundation
import Logging

/// Runs a built pipeline with structured concurrency.
///
/// One task group holds a task for the source, one per worker of each transform, a fan-out task
/// and one per sink. Neighbouring stages are joined by bounded ``SequencedChannel``s carrying
/// batches, so a slow stage slows everything upstream of it and at most
/// ``maxBatchesInFlight`` batches exist at once, whatever the input size. Batches carry sequence
/// numbers and every channel releases them in order, so the output order equals the input
/// order for any number of workers.
///
/// When any task fails or the run is cancelled, every channel is failed so all tasks stop, and
/// every sink discards what it wrote: no partial output appears under a final name.
public struct PipelineRunner: Sendable {
    /// The pipeline being run.
    public let definition: PipelineDefinition
    /// Live counters, one per stage in pipeline order (source, transforms, sinks).
    public let statistics: [StageStatistics]
    private let source: any SourceStage
    private let transforms: [(stage: any TransformStage, workers: Int)]
    private let sinks: [any SinkStage]
    private let logger: Logger
    private let runID: String
    private let dryRunLimit: Int?
    /// Which files the source reads and has finished; progress reporting reads its counts.
    public let intake: FileIntake

    /// Builds every stage of `definition`, before any input is touched. The options each stage
    /// rejects are collected into one ``ConfigErrors``; they win over any other error a stage
    /// throws (an ``InputError`` for a missing input path), which is thrown only when no stage
    /// rejected its options.
    public init(definition: PipelineDefinition, context: StageContext = StageContext()) throws {
        self.definition = definition
        self.logger = context.logger
        self.runID = context.run.runID
        self.dryRunLimit = context.run.dryRunLimit
        let intake = FileIntake(ledger: try definition.ledgerLocation(), stores: context.stores, restart: context.run.reprocess, stop: context.intake.stop)
        self.intake = intake
        func contextFor(_ name: String) -> StageContext {
            var stageContext = context
            stageContext.intake = intake
            stageContext.run.pipeline = definition.name
            stageContext.run.configHash = definition.configHash
            stageContext.logger[metadataKey: "stage"] = "\(name)"
            return stageContext
        }
        var configErrors: [ConfigError] = []
        var otherError: (any Error)?
        func build<Built>(_ make: () throws -> Built) -> Built? {
            do {
                return try make()
            } catch let error as ConfigError {
                configErrors.append(error)
            } catch {
                otherError = otherError ?? error
            }
            return nil
        }
        let builtSource = build { try definition.source.build(context: contextFor(definition.source.typeName)) }
        let builtTransforms = definition.transforms.map { entry in
            build { (try entry.build(context: contextFor(entry.typeName)), entry.workers) }
        }
        let builtSinks = definition.sinks.map { entry in
            build { try entry.build(context: contextFor(entry.typeName)) }
        }
        if !configErrors.isEmpty { throw ConfigErrors(configErrors, text: definition.text) }
        if let otherError { throw otherError }
        guard let builtSource else { preconditionFailure("a source that threw no error was not built") }
        source = builtSource
        transforms = builtTransforms.compactMap { $0 }
        sinks = builtSinks.compactMap { $0 }
        statistics = [StageStatistics(name: definition.source.typeName, role: .source)]
            + definition.transforms.map { StageStatistics(name: $0.typeName, role: .transform) }
            + definition.sinks.map { StageStatistics(name: $0.typeName, role: .sink) }
    }

    /// The most batches that can exist at once: those buffered in every channel, one held by
    /// each task, and up to `buffer` more held by each sink (the waiting batches it takes
    /// with the one it receives). Multiplied by the batch size, this bounds the articles in
    /// memory.
    public var maxBatchesInFlight: Int {
        let buffer = definition.settings.buffer
        let channels = transforms.count + 1 + sinks.count
        let tasks = 2 + transforms.reduce(0) { $0 + $1.workers } + sinks.count
        return channels * buffer + tasks + sinks.count * buffer
    }

    /// Every file the run writes: outputs, state stores, quarantine, report and metrics.
    public var lockPaths: [String] {
        let settings = definition.settings
        var paths = [settings.quarantine, intake.ledgerLocation?.filePath, settings.report, settings.metrics].compactMap { $0 }
        paths += source.lockPaths + transforms.flatMap(\.stage.lockPaths) + sinks.flatMap(\.lockPaths)
        paths += transforms.compactMap { $0.stage as? any StateStoreUser }.flatMap(\.stateStores).compactMap(\.filePath)
        return Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }).sorted()
    }

    /// Runs the pipeline to the end of its input (or until a stop request) and commits every
    /// output, then the stages' state and the ledger. Fails with ``RunLock/Held`` when another
    /// run holds a lock on a file this run writes.
    public func run() async throws -> RunSummary {
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = Date()
        let settings = definition.settings
        var locks: [RunLock] = []
        defer { locks.forEach { $0.release() } }
        if dryRunLimit == nil {
            for path in lockPaths { locks.append(try await RunLock.acquire(protecting: path, wait: settings.lockWait)) }
        }
        let stageChannels = (0...transforms.count).map { index in
            SequencedChannel<ArticleBatch>(capacity: settings.buffer, producers: index == 0 ? 1 : transforms[index - 1].workers)
        }
        let writers: [any SinkStage] = dryRunLimit == nil ? sinks : [DryRunPrinter(destinations: sinks)]
        let sinkChannels = writers.map { _ in SequencedChannel<ArticleBatch>(capacity: settings.buffer, producers: 1) }
        let everyChannel = stageChannels + sinkChannels
        let quarantine = try QuarantineLog(path: dryRunLimit == nil ? settings.quarantine : nil, logger: logger)
        do {
            try await withTaskCancellationHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await failingAll(everyChannel) { try await readSource(into: stageChannels[0]) }
                    }
                    for (index, transform) in transforms.enumerated() {
                        for _ in 0..<transform.workers {
                            group.addTask {
                                try await failingAll(everyChannel) {
                                    try await runTransform(transform.stage, statistics: statistics[1 + index],
                                                           from: stageChannels[index], to: stageChannels[index + 1])
                                }
                            }
                        }
                    }
                    group.addTask {
                        try await failingAll(everyChannel) {
                            try await fanOut(from: stageChannels[transforms.count], to: sinkChannels, quarantine: quarantine)
                        }
                    }
                    let sinkStatistics = Array(statistics[(1 + transforms.count)...])
                    for (index, sink) in writers.enumerated() {
                        // The dry-run printer stands for every sink, so each sink's counters
                        // show what it would have received.
                        let counted = dryRunLimit == nil ? [sinkStatistics[index]] : sinkStatistics
                        group.addTask {
                            try await failingAll(everyChannel) {
                                try await write(sink, statistics: counted, from: sinkChannels[index])
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            } onCancel: {
                for channel in everyChannel { channel.fail(CancellationError()) }
            }
            try Task.checkCancellation()
            let read = statistics[0].snapshot.articlesIn
            if dryRunLimit == nil && read < settings.minArticles && !intake.stop.isRequested {
                throw TooFewArticles(read: read, minimum: settings.minArticles)
            }
            if dryRunLimit != nil {
                for transform in transforms { await transform.stage.discard() }
                for writer in writers { try await writer.commit() }
                return await summary(start: start, startedAt: startedAt, quarantine: quarantine)
            }
            for (index, sink) in sinks.enumerated() {
                let committing = clock.now
                try await sink.commit()
                let spent = clock.now - committing
                statistics[1 + transforms.count + index].record { $0.busy += spent }
            }
            try await quarantine.commit()
        } catch {
            for sink in sinks { await sink.discard() }
            for transform in transforms { await transform.stage.discard() }
            await quarantine.discard()
            throw error
        }
        for transform in transforms { try await transform.stage.commit() }
        try await intake.commit(run: runID)
        return await summary(start: start, startedAt: startedAt, quarantine: quarantine)
    }

    private func summary(start: ContinuousClock.Instant, startedAt: Date, quarantine: QuarantineLog) async -> RunSummary {
        RunSummary(pipeline: definition.name, runID: runID, startedAt: startedAt, elapsed: ContinuousClock.now - start,
                   stages: statistics.map { StageReport(name: $0.name, role: $0.role, counters: $0.snapshot) },
                   quarantined: await quarantine.count, files: intake.counts, interrupted: intake.stop.isRequested)
    }

    /// Runs `body`; if it throws, fails every channel so the other tasks stop too.
    private func failingAll(_ channels: [SequencedChannel<ArticleBatch>], _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            for channel in channels { channel.fail(error) }
            throw error
        }
    }

    private func readSource(into output: SequencedChannel<ArticleBatch>) async throws {
        let statistics = statistics[0]
        let batchSize = definition.settings.batchSize
        let clock = ContinuousClock()
        var reader = try source.makeReader()
        var batch = ArticleBatch(articles: [], rejected: [])
        var sequence = 0
        var read = 0
        while read < dryRunLimit ?? .max {
            try Task.checkCancellation()
            let started = clock.now
            guard let item = try await reader.next() else { break }
            let spent = clock.now - started
            switch item {
            case .article(let article):
                read += 1
                batch.articles.append(article)
                statistics.record { $0.articlesIn += 1; $0.articlesOut += 1; $0.busy += spent }
            case .rejected(let record):
                batch.rejected.append(record)
                statistics.record { $0.quarantined += 1; $0.busy += spent }
            }
            if batch.articles.count >= batchSize || batch.rejected.count >= batchSize {
                try await output.send(batch, sequence: sequence)
                sequence += 1
                batch = ArticleBatch(articles: [], rejected: [])
            }
        }
        if !batch.articles.isEmpty || !batch.rejected.isEmpty {
            try await output.send(batch, sequence: sequence)
        }
        output.finish()
    }

    private func runTransform(_ stage: any TransformStage, statistics: StageStatistics,
                              from input: SequencedChannel<ArticleBatch>, to output: SequencedChannel<ArticleBatch>) async throws {
        let clock = ContinuousClock()
        var lastSequence = -1
        while let (sequence, batch) = try await input.receive() {
            statistics.record { $0.backlog = input.backlog }
            let started = clock.now
            let next = try await apply(stage, to: batch, statistics: statistics)
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
            try await stage.drain { drained in
                statistics.record {
                    $0.articlesOut += drained.articles.count
                    $0.duplicates += drained.duplicates
                    $0.filtered += drained.filtered
                }
                try await output.send(ArticleBatch(articles: drained.articles, rejected: []), sequence: sequences.take())
            }
        }
        output.finish()
    }

    /// Applies a transform to a batch. When a stateless stage throws, the batch is run again
    /// article by article so only the articles that fail are quarantined.
    private func apply(_ stage: any TransformStage, to batch: ArticleBatch, statistics: StageStatistics) async throws -> ArticleBatch {
        let typeName = type(of: stage).typeName
        do {
            let output = try await stage.process(batch.articles)
            statistics.record { $0.duplicates += output.duplicates; $0.filtered += output.filtered }
            return ArticleBatch(articles: output.articles, rejected: batch.rejected)
        } catch where !(error is CancellationError) && type(of: stage).isStateless {
            var result = ArticleBatch(articles: [], rejected: batch.rejected)
            for article in batch.articles {
                do {
                    let output = try await stage.process([article])
                    statistics.record { $0.duplicates += output.duplicates; $0.filtered += output.filtered }
                    result.articles += output.articles
                } catch where !(error is CancellationError) {
                    result.rejected.append(QuarantineRecord(
                        path: article.source.path, line: article.source.line, stage: typeName,
                        reason: (error as? any QuarantinableError)?.reason ?? "stage_error", message: "\(error)", raw: String(article.text.prefix(4_096))))
                }
            }
            return result
        }
    }

    private func fanOut(from input: SequencedChannel<ArticleBatch>, to outputs: [SequencedChannel<ArticleBatch>],
                        quarantine: QuarantineLog) async throws {
        while let (sequence, batch) = try await input.receive() {
            try await quarantine.record(batch.rejected)
            for output in outputs {
                try await output.send(ArticleBatch(articles: batch.articles, rejected: []), sequence: sequence)
            }
        }
        for output in outputs { output.finish() }
    }

    private func write(_ sink: any SinkStage, statistics: [StageStatistics], from input: SequencedChannel<ArticleBatch>) async throws {
        let clock = ContinuousClock()
        while let (_, batch) = try await input.receive() {
            for counters in statistics { counters.record { $0.backlog = input.backlog } }
            // A sink that fell behind takes the batches already waiting with it, in order: one
            // larger write (for SQLite one transaction) costs less than several small ones. The
            // channel refills meanwhile, so a sink holds up to `buffer + 1` batches; the memory
            // bound (`maxBatchesInFlight`) counts them.
            let articles = input.receiveReady(limit: definition.settings.buffer).reduce(into: batch.articles) { $0 += $1.articles }
            let started = clock.now
            try await sink.write(articles)
            let spent = clock.now - started
            for counters in statistics {
                counters.record {
                    $0.articlesIn += articles.count
                    $0.articlesOut += articles.count
                    $0.busy += spent
                }
            }
        }
    }
}
