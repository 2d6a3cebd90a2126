import Foundation
import Logging

/// A pipeline ready to run: every stage built from its options, every counter made, the files
/// the run will lock known, and no input, output or state store opened yet. Making a plan is
/// exactly what `copydesk validate` does.
///
/// A dry run is a plan of its own, made by substitution rather than by flags checked during
/// the run: its sinks are replaced by one ``DryRunPrinter`` counted as every sink, the source
/// reads at most the dry-run limit, no quarantine file is written, no lock is taken,
/// `min_articles` is not enforced, and the state stores are opened read-only
/// (`StateStores(readOnly: true)`), so the stages' state and the ledger commit nothing.
public struct PipelinePlan: Sendable {
    /// A transform with its workers and counters.
    struct Transform: Sendable {
        /// The built stage.
        let stage: any TransformStage
        /// How many workers run it.
        let workers: Int
        /// Its counters.
        let statistics: StageStatistics
    }

    /// What the fan-out feeds: a sink with the counters its writes count in (in a dry run, the
    /// printer counts in every sink's).
    struct Sink: Sendable {
        /// The stage written to and committed.
        let stage: any SinkStage
        /// The counters its writes are added to.
        let statistics: [StageStatistics]
    }

    /// The pipeline as loaded.
    public let definition: PipelineDefinition
    /// The settings the run applies (a dry run's have no quarantine file and no minimum).
    public let settings: PipelineSettings
    /// Live counters, one per stage in pipeline order (source, transforms, sinks).
    public let statistics: [StageStatistics]
    /// Which files the source reads and has finished; progress reporting reads its counts.
    public let intake: FileIntake
    /// Every file the run writes besides its state stores, standardized and sorted: outputs,
    /// quarantine, report and metrics. Empty for a dry run, which writes nothing.
    public let lockPaths: [String]
    /// Every state store the run writes (the ledger, each stage's), each once, in pipeline
    /// order; each is locked by its own ``StateStoreLocation/acquireLock(wait:)``. Empty for a
    /// dry run, whose stores are read-only.
    public let stateStores: [StateStoreLocation]
    /// What the locks on those stores keep other runs from (``StateStoreLockScope``): the
    /// whole store for a reprocessing run, which may start state over; otherwise the drop the
    /// source reads, so runs on other drops may share a store that allows it.
    public let stateStoreLockScope: StateStoreLockScope
    /// The `cluster` phase, when this plan is that task of a sharded run: it reads no input and
    /// runs instead of the stages.
    public let shardCluster: ShardClusterRun?
    /// The job's store, when this plan is a task of a sharded run; the runner checks the task
    /// against the job through it before any article is read.
    let shardJob: ShardJobAccess?
    /// The built source.
    let source: any SourceStage
    /// The built transforms, in order.
    let transforms: [Transform]
    /// What the fan-out feeds, in order.
    let sinks: [Sink]
    /// The most articles the source reads (a dry run's limit).
    let readLimit: Int?
    /// This run's id.
    let runID: String
    /// The run's logger.
    let logger: Logger
    /// What the run's HTML report gathers.
    let observations: RunObservations

    /// Builds every stage of `definition`, before any input is touched. The options each stage
    /// rejects are collected into one ``ConfigErrors``; they win over any other error a stage
    /// throws, which is thrown only when no stage rejected its options. A context with a
    /// dry-run limit makes a dry-run plan.
    public init(definition: PipelineDefinition, context: StageContext = StageContext()) throws {
        let dryRunLimit = context.run.dryRunLimit
        var settings = definition.settings
        var context = context
        if dryRunLimit != nil {
            settings.quarantine = nil
            settings.minArticles = 0
            context.stores = StateStores(readOnly: true)
        }
        var builder = StageBuilder(definition: definition, context: context)
        let shard = context.run.shard
        let ledger = builder.attempt { try definition.ledgerLocation() } ?? nil
        let intake = FileIntake(
            ledger: shard == nil ? ledger : nil, stores: context.stores, restart: context.run.reprocess, stop: context.intake.stop,
            shard: shard?.selection)
        builder.share(intake)
        context.intake = intake
        let source = builder.build(definition.source)
        let transforms = definition.transforms.map { entry in builder.build(entry).map { (stage: $0, workers: entry.workers) } }
        let sinks = definition.sinks.map { builder.build($0) }
        try builder.throwErrors()
        guard let source else { preconditionFailure("a source that threw no error was not built") }
        let builtTransforms = transforms.compactMap { $0 }
        let builtSinks = sinks.compactMap { $0 }

        let sourceStatistics = StageStatistics(name: definition.source.typeName, role: .source)
        let transformStatistics = definition.transforms.map { StageStatistics(name: $0.typeName, role: .transform) }
        let sinkStatistics = definition.sinks.map { StageStatistics(name: $0.typeName, role: .sink) }
        var plannedTransforms = zip(builtTransforms, transformStatistics).map { Transform(stage: $0.stage, workers: $0.workers, statistics: $1) }
        var plannedSinks = zip(builtSinks, sinkStatistics).map { Sink(stage: $0, statistics: [$1]) }
        var cluster: ShardClusterRun?
        var job: ShardJobAccess?
        if let shard {
            let stages = try Self.shardStages(
                shard, transforms: plannedTransforms, sinks: plannedSinks, definition: definition, ledger: ledger, context: context)
            (plannedTransforms, plannedSinks, cluster, job) = (stages.transforms, stages.sinks, stages.cluster, stages.job)
        }
        self.definition = definition
        self.settings = settings
        self.intake = intake
        self.source = source
        self.transforms = plannedTransforms
        self.shardCluster = cluster
        self.shardJob = job
        if dryRunLimit == nil {
            self.sinks = plannedSinks
            self.statistics = [sourceStatistics] + plannedTransforms.map(\.statistics) + plannedSinks.flatMap(\.statistics)
            let stages = plannedTransforms.map(\.stage)
            let written =
                [settings.quarantine, settings.report, settings.metrics, settings.reportHTML].compactMap { $0 }
                + source.lockPaths + stages.flatMap(\.lockPaths) + plannedSinks.flatMap(\.stage.lockPaths)
            self.lockPaths = Set(written.map { URL(fileURLWithPath: $0).standardizedFileURL.path }).sorted()
            let users = [source as any Stage] + stages + plannedSinks.map(\.stage)
            let stores = [intake.ledgerLocation].compactMap { $0 } + users.compactMap { $0 as? any StateStoreUser }.flatMap(\.stateStores)
            // Redirected stores are files of their own, in a folder no other run uses.
            self.stateStores =
                context.stores.redirection != nil
                ? [] : stores.reduce(into: []) { distinct, store in if !distinct.contains(store) { distinct.append(store) } }
        } else {
            self.sinks = [Sink(stage: DryRunPrinter(destinations: builtSinks), statistics: sinkStatistics)]
            self.statistics = [sourceStatistics] + transformStatistics + sinkStatistics
            self.lockPaths = []
            self.stateStores = []
        }
        stateStoreLockScope = context.run.reprocess ? .wholeStore : Self.drop(of: definition, run: context.run.runID)
        readLimit = dryRunLimit
        runID = context.run.runID
        logger = context.logger
        observations = context.observations
    }

    /// The drop a pipeline's source reads, as its lock names it: the input path made absolute
    /// and standardized; standard input is a drop of its own in every run (`run`).
    private static func drop(of definition: PipelineDefinition, run: String) -> StateStoreLockScope {
        guard let path = (definition.source.options as? any FileSourceOptions)?.path else { return .wholeStore }
        guard path != InputFiles.standardInput else { return .drop("standard input of run \(run)") }
        return .drop(URL(fileURLWithPath: path).standardizedFileURL.path)
    }

    /// The most batches that can exist at once: those buffered in every channel, one held by
    /// each task, and up to `buffer` more held by each sink (the waiting batches it takes
    /// with the one it receives). Multiplied by the batch size, this bounds the articles in
    /// memory.
    public var maxBatchesInFlight: Int {
        let buffer = settings.buffer
        let preparing = transforms.filter { type(of: $0.stage).hasPreparation }.count
        let channels = transforms.count + 1 + sinks.count + preparing
        let tasks = 2 + transforms.reduce(0) { $0 + $1.workers } + sinks.count + preparing * PreparationWorker.count
        return channels * buffer + tasks + sinks.count * buffer
    }
}
