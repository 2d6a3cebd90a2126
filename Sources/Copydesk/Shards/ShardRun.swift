/// One task of a sharded run, as the command line gives it: the phase, the job every task of
/// every phase shares, this task's shard, and the state store the tasks meet in.
///
/// A run with a ``ShardRun`` in its ``RunSettings`` reads only its shard of the drop (see
/// ``ShardSelection``), never consults the ledger (a rerun of a shard redoes the whole shard),
/// and swaps the dedupe stage for the phase's part of the work: ``ShardFingerprintStage`` in
/// `fingerprint`, ``ShardDecisionStage`` in `emit`; `cluster` reads no input at all
/// (``ShardClusterRun``).
public struct ShardRun: Sendable, Equatable {
    /// The phase this task runs.
    public var phase: ShardPhase
    /// The job's name (`--job`).
    public var job: String
    /// This task's shard; for `cluster`, shard 0 of the job's count.
    public var selection: ShardSelection
    /// The state store given with `--state`; `nil` for the pipeline's own (its `ledger:`, else
    /// its dedupe `history:`).
    public var state: StateStoreLocation?

    /// Creates a task description.
    public init(phase: ShardPhase, job: String, selection: ShardSelection, state: StateStoreLocation? = nil) {
        self.phase = phase
        self.job = job
        self.selection = selection
        self.state = state
    }
}
