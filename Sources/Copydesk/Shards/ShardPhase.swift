/// The three phases of a sharded run (`copydesk run --phase`), each a job of its own for the
/// scheduler. A single-machine run is all three in one process.
public enum ShardPhase: String, Sendable, CaseIterable {
    /// Every shard: ingest → the stages before dedupe → each article's fingerprint, survivor
    /// rank and id into the job's state store.
    case fingerprint
    /// One task: every shard's fingerprints matched against the history and each other,
    /// clustered, and one decision per article (survivor, or duplicate of which article)
    /// recorded; the survivors join the history.
    case cluster
    /// Every shard: ingest → every stage, with dedupe applying the recorded decisions, into the
    /// shard's outputs.
    case emit

    /// The phase a `--phase` value names: its name or its number (1, 2, 3).
    public init?(argument: String) {
        switch argument {
        case "1": self = .fingerprint
        case "2": self = .cluster
        case "3": self = .emit
        default: self.init(rawValue: argument)
        }
    }

    /// The shard number the store records a phase run once for the whole job under (the
    /// `cluster` phase).
    public static let wholeJob = -1
}
