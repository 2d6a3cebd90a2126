/// How a task of a sharded run differs from a whole run: the dedupe stage is swapped for its
/// phase's part of the work, and the stores the phases meet in are chosen.
extension PipelinePlan {
    /// The stages one task of `shard` runs, from the whole run's `transforms` and `sinks`:
    /// - `fingerprint`: the transforms before dedupe, then ``ShardFingerprintStage``; no sink;
    /// - `emit`: every stage, with ``ShardDecisionStage`` in dedupe's place (a pipeline without
    ///   dedupe runs whole: its shards are independent);
    /// - `cluster`: none; the phase is ``ShardClusterRun``, returned with them.
    /// The job's access to its store comes with them, for the runner to check the task against
    /// the job before any article is read.
    ///
    /// Fails with a ``ConfigError`` when the pipeline has more than one dedupe stage, or none
    /// for `fingerprint` and `cluster`, or when no state store is given or named by the
    /// pipeline (its `ledger:`, else its dedupe `history:`).
    static func shardStages(
        _ shard: ShardRun, transforms: [Transform], sinks: [Sink], definition: PipelineDefinition, ledger: StateStoreLocation?,
        context: StageContext
    ) throws -> ShardStages {
        let dedupes = transforms.indices.filter { transforms[$0].stage is DedupeStage }
        if dedupes.count > 1 {
            throw ConfigError(
                file: definition.file, at: definition.transforms[dedupes[1]].locations.stagePosition,
                message: "a sharded run deduplicates once: the pipeline has \(dedupes.count) dedupe stages")
        }
        guard let index = dedupes.first, let dedupe = transforms[index].stage as? DedupeStage else {
            guard shard.phase == .emit else {
                throw ConfigError(
                    file: definition.file, line: 0, column: 0,
                    message: "the pipeline has no dedupe stage, so its shards are independent: run only --phase emit, once per shard")
            }
            return ShardStages(transforms: transforms, sinks: sinks)
        }
        guard let location = shard.state ?? ledger ?? dedupe.historyLocation else {
            throw ConfigError(
                file: definition.file, line: 0, column: 0,
                message: "a sharded run keeps its job in a state store: give --state, or a ledger: in the pipeline")
        }
        let job = ShardJobAccess(
            run: shard, location: location, attempt: context.run.runID, configHash: definition.configHash, stores: context.stores,
            intake: context.intake)
        let statistics = transforms[index].statistics
        switch shard.phase {
        case .fingerprint:
            let stage = Transform(stage: ShardFingerprintStage(dedupe: dedupe, job: job), workers: 1, statistics: statistics)
            return ShardStages(transforms: Array(transforms[..<index]) + [stage], sinks: [], job: job)
        case .emit:
            var replaced = transforms
            replaced[index] = Transform(stage: ShardDecisionStage(marking: dedupe.marking, job: job), workers: 1, statistics: statistics)
            return ShardStages(transforms: replaced, sinks: sinks, job: job)
        case .cluster:
            return ShardStages(transforms: [], sinks: [], job: job, cluster: ShardClusterRun(dedupe: dedupe, job: job, logger: context.logger))
        }
    }

    /// What one task of a sharded run runs.
    struct ShardStages {
        /// The transforms, dedupe swapped for its phase's part.
        var transforms: [Transform]
        /// The sinks (none in `fingerprint`).
        var sinks: [Sink]
        /// The job's store, checked before any work; `nil` when the phase needs none.
        var job: ShardJobAccess?
        /// The `cluster` phase, which runs instead of the stages.
        var cluster: ShardClusterRun?
    }
}
