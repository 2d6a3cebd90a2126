import Foundation
import Logging

/// What a stage gets from the run that builds it: a logger, the run's settings, the intake that
/// tells sources which files to read, the factory that opens state stores, what the run's HTML
/// report gathers, and where its options are written.
public struct StageContext: Sendable {
    /// Logger labelled with the stage's type.
    public var logger: Logger
    /// Settings of the whole run.
    public var run: RunSettings
    /// File admission, ledger and stop request shared by the run.
    public var intake: FileIntake
    /// Opens the run's state stores by location, at first use; read-only in a dry run.
    public var stores: StateStores
    /// Where the stage's options are written (set by ``StageDefinition/build(context:)``).
    public var optionLocations: OptionLocations
    /// What the run's HTML report shows beyond the counters, shared by every stage of the run.
    public var observations: RunObservations

    /// Creates a context.
    public init(
        logger: Logger = Logger(label: "copydesk"), run: RunSettings = RunSettings(), intake: FileIntake = FileIntake(),
        stores: StateStores = StateStores(), optionLocations: OptionLocations = OptionLocations(),
        observations: RunObservations = RunObservations()
    ) {
        self.logger = logger
        self.run = run
        self.intake = intake
        self.stores = stores
        self.optionLocations = optionLocations
        self.observations = observations
    }

    /// An error pointing at the option stored at `keyPath`, for a value the stage cannot use
    /// (a glob with no match, an inconsistent combination).
    public func invalid<Options: DeclaredOptions>(_ keyPath: PartialKeyPath<Options>, _ message: String) -> ConfigError {
        optionLocations.invalid(keyPath, message)
    }
}

/// Settings that apply to every stage of one run, set from the command line.
public struct RunSettings: Sendable, Equatable {
    /// Reprocessing an archive: stages with history apply their `on_reprocess` policy.
    public var reprocess: Bool
    /// Unique id of this run, used to tag state written during it.
    public var runID: String
    /// A dry run reads at most this many articles, prints what would be written and writes nothing.
    public var dryRunLimit: Int?
    /// The running pipeline's name (set by the runner), recorded in run history.
    public var pipeline: String
    /// The running pipeline's ``PipelineDefinition/configHash`` (set by the runner), recorded
    /// in run history.
    public var configHash: String = ""
    /// The task of a sharded run this run is, or `nil` for a whole run on one machine.
    public var shard: ShardRun?

    /// Creates run settings; each run gets a fresh id unless one is given.
    public init(
        reprocess: Bool = false, runID: String = UUID().uuidString.lowercased(), dryRunLimit: Int? = nil, pipeline: String = "",
        shard: ShardRun? = nil
    ) {
        self.reprocess = reprocess
        self.runID = runID
        self.dryRunLimit = dryRunLimit
        self.pipeline = pipeline
        self.shard = shard
    }
}
