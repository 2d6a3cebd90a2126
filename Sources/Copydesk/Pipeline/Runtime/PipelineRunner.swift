import Foundation

/// Runs a pipeline: makes its plan, then, for each run, opens the input, takes the locks, opens
/// the sinks, runs the stages (``PipelineExecutor``) and commits in order: every sink, the
/// quarantine file, the stages' state, then the ledger.
///
/// When the run fails or is cancelled, every sink discards what it wrote, the stages forget
/// their state changes and the quarantine file is dropped: no partial output appears under a
/// final name. A task of a sharded run that is asked to stop is cancelled the same way, since
/// its shard must be done whole.
public struct PipelineRunner: Sendable {
    /// The stages built, the locks and counters known.
    public let plan: PipelinePlan

    /// Makes the plan of `definition` (see ``PipelinePlan/init(definition:context:)``).
    public init(definition: PipelineDefinition, context: StageContext = StageContext()) throws {
        plan = try PipelinePlan(definition: definition, context: context)
    }

    /// The pipeline being run.
    public var definition: PipelineDefinition { plan.definition }
    /// Live counters, one per stage in pipeline order (source, transforms, sinks).
    public var statistics: [StageStatistics] { plan.statistics }
    /// Which files the source reads and has finished.
    public var intake: FileIntake { plan.intake }
    /// Every file the run writes besides its state stores, each locked for the run.
    public var lockPaths: [String] { plan.lockPaths }
    /// Every state store the run writes, each locked for the run by its own lock.
    public var stateStores: [StateStoreLocation] { plan.stateStores }
    /// The most batches in memory at once (see ``PipelinePlan/maxBatchesInFlight``).
    public var maxBatchesInFlight: Int { plan.maxBatchesInFlight }

    /// Runs the pipeline to the end of its input (or until a stop request) and commits every
    /// output, then the stages' state and the ledger. Fails with ``RunLock/Held`` when another
    /// run holds a lock on a file this run writes, and with an ``InputError`` when the input
    /// is missing, before any lock is waited for or any stage runs.
    public func run() async throws -> RunSummary {
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = Date()
        let settings = plan.settings
        let reader = try plan.source.makeReader()
        var locks: [any StateStoreLock] = []
        defer { for lock in locks { lock.release() } }
        for path in plan.lockPaths { locks.append(try await RunLock.acquire(protecting: path, wait: settings.lockWait)) }
        for store in plan.stateStores {
            locks.append(try await store.acquireLock(wait: settings.lockWait, scope: plan.stateStoreLockScope))
        }
        plan.logger.debug("locked \(plan.lockPaths.count) paths and \(plan.stateStores.count) state stores")
        let quarantine = try QuarantineLog(path: settings.quarantine, logger: plan.logger, observations: plan.observations)
        let sampler = Task { [plan] in
            while plan.observations.isEnabled && !Task.isCancelled {
                plan.observations.sample(elapsed: (clock.now - start).seconds, articlesOut: plan.statistics.map(\.snapshot.articlesOut))
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
        defer { sampler.cancel() }
        do {
            for sink in plan.sinks { try await sink.stage.open() }
            _ = try await plan.shardJob?.store()
            try await PipelineExecutor(plan: plan, quarantine: quarantine).run(reading: reader)
            try Task.checkCancellation()
            // A task of a sharded run either does its whole shard or nothing: a stop request
            // (a scheduler's SIGTERM) abandons it, and its rerun redoes the shard.
            if plan.intake.shard != nil && plan.intake.stop.isRequested { throw CancellationError() }
            let read = plan.statistics[0].snapshot.articlesIn
            if read < settings.minArticles && !plan.intake.stop.isRequested {
                throw TooFewArticles(read: read, minimum: settings.minArticles)
            }
            for sink in plan.sinks {
                let committing = clock.now
                try await sink.stage.commit()
                let spent = clock.now - committing
                for counters in sink.statistics { counters.record { $0.busy += spent } }
                plan.logger.debug("committed sink \(type(of: sink.stage).typeName) in \(spent)")
            }
            try await quarantine.commit()
        } catch {
            for sink in plan.sinks { await sink.stage.discard() }
            for transform in plan.transforms { await transform.stage.discard() }
            await quarantine.discard()
            throw error
        }
        for transform in plan.transforms { try await transform.stage.commit() }
        try await plan.intake.commit(run: plan.runID)
        plan.logger.debug("committed the stages' state and the ledger (\(plan.intake.counts.finished) files done)")
        sampler.cancel()
        plan.observations.sample(elapsed: (clock.now - start).seconds, articlesOut: plan.statistics.map(\.snapshot.articlesOut), final: true)
        let stages = plan.statistics.map { StageReport(name: $0.name, role: $0.role, counters: $0.snapshot) }
        for stage in stages { plan.logger.debug("stage finished", metadata: stage.logFields) }
        var outputs: [String] = []
        for sink in plan.sinks { outputs += await sink.stage.outputs }
        if plan.readLimit == nil { outputs += plan.transforms.flatMap(\.stage.lockPaths) + [settings.quarantine].compactMap { $0 } }
        return RunSummary(
            pipeline: plan.definition.name, runID: plan.runID, startedAt: startedAt, elapsed: clock.now - start,
            stages: stages, quarantined: await quarantine.count, files: plan.intake.counts, interrupted: plan.intake.stop.isRequested,
            outputs: outputs, stateStores: plan.stateStores.map(\.displayName))
    }
}
