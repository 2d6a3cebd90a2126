/// A task's way into its job's ``ShardStore``: opens the store at first use and, before
/// anything is read or written there, checks that the task belongs to the job as recorded
/// (same shard count, same pipeline file, same drop) and that its phase may run now.
///
/// The first task of a job to get here records it; every later one is compared with that
/// record, so a task started with another `--shards`, another pipeline file or on a drop whose
/// listing changed is refused by name instead of mixing its results into the job.
actor ShardJobAccess {
    /// The job's name.
    let id: String
    /// This task's shard (``ShardPhase/wholeJob`` for `cluster`).
    let shard: Int
    /// The run id tagging what this task writes.
    let attempt: String
    private let phase: ShardPhase
    private let count: Int
    private let configHash: String
    private let location: StateStoreLocation
    private let stores: StateStores
    private let intake: FileIntake
    private var opened: (any ShardStore)?

    /// Access for the task `shard` of `run`, whose run id is `attempt`, with the pipeline file's
    /// `configHash`, meeting in the store at `location`; `intake` gives the listing once the
    /// source listed the drop.
    init(run shard: ShardRun, location: StateStoreLocation, attempt: String, configHash: String, stores: StateStores, intake: FileIntake) {
        id = shard.job
        self.shard = shard.phase == .cluster ? ShardPhase.wholeJob : shard.selection.index
        self.attempt = attempt
        phase = shard.phase
        count = shard.selection.count
        self.configHash = configHash
        self.location = location
        self.stores = stores
        self.intake = intake
    }

    /// How messages name the store.
    nonisolated var storeName: String { location.displayName }

    /// The store, checked for this task on first use (``ShardJobMismatch``, ``ShardsNotReady``,
    /// or an ``InputError`` when the drop's listing is not the job's).
    func store() async throws -> any ShardStore {
        if let opened { return opened }
        let store = try await stores.shards(at: location)
        let recorded: ShardJob
        if phase == .cluster {
            guard let known = try await store.registeredShardJob(id) else {
                throw ShardsNotReady(job: id, phase: .fingerprint, missing: Array(0..<count))
            }
            recorded = known
        } else {
            let digest = intake.listingDigest ?? ""
            recorded = try await store.registerShardJob(ShardJob(id: id, shards: count, configHash: configHash, listingDigest: digest))
            if recorded.listingDigest != digest {
                throw InputError(
                    path: storeName,
                    message:
                        "job \(id): this task lists another drop than the job's first task did (listing digest \(digest.prefix(12)) instead of \(recorded.listingDigest.prefix(12))); files were added, removed or renamed since"
                )
            }
        }
        if recorded.shards != count {
            throw ShardJobMismatch(job: id, message: "the job has \(recorded.shards) shards, this task was started with \(count)")
        }
        if recorded.configHash != configHash {
            throw ShardJobMismatch(job: id, message: "the job was started with another pipeline file (or another version of it)")
        }
        let clustered = try await store.shardCompletions(job: id, phase: .cluster)
        switch phase {
        case .fingerprint where !clustered.isEmpty:
            throw ShardJobMismatch(
                job: id, message: "the cluster phase has completed, so its fingerprints are final; start a new job (--job) to fingerprint again")
        case .emit where clustered.isEmpty:
            throw ShardsNotReady(job: id, phase: .cluster, missing: [])
        case .cluster:
            let done = Set(try await store.shardCompletions(job: id, phase: .fingerprint).map(\.shard))
            let missing = (0..<count).filter { !done.contains($0) }
            if !missing.isEmpty { throw ShardsNotReady(job: id, phase: .fingerprint, missing: missing) }
        default: break
        }
        opened = store
        return store
    }
}

/// A task that does not belong to its job as recorded: another shard count, another pipeline
/// file, or a phase that can no longer run. A configuration error (exit 2).
public struct ShardJobMismatch: Error, CustomStringConvertible {
    /// The job.
    public let job: String
    /// What differs.
    public let message: String

    /// The message as printed.
    public var description: String { "job \(job): \(message)" }
}

/// A phase started before the phase it needs completed: `cluster` before every shard's
/// `fingerprint`, `emit` before `cluster`. Exit 75, as for a lock: retrying later succeeds.
public struct ShardsNotReady: Error, CustomStringConvertible {
    /// The job.
    public let job: String
    /// The phase that has not completed.
    public let phase: ShardPhase
    /// The shards that have not completed it (empty for `cluster`, run once for the job).
    public let missing: [Int]

    /// The message as printed.
    public var description: String {
        switch phase {
        case .cluster: "job \(job): the cluster phase has not completed; run it (--phase cluster) before emit"
        default:
            "job \(job): the \(phase.rawValue) phase has not completed for shard\(missing.count == 1 ? "" : "s") "
                + missing.map(String.init).joined(separator: ", ") + "; run \(missing.count == 1 ? "it" : "them") first"
        }
    }
}
