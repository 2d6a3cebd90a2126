import Synchronization

/// Live counters of one stage, updated by its workers and read by progress reporting.
public final class StageStatistics: Sendable {
    /// The stage's type name.
    public let name: String
    /// The stage's role in the pipeline.
    public let role: StageRole
    private let counters: Mutex<Counters>

    /// A snapshot of the counters.
    public struct Counters: Sendable, Equatable, Codable {
        /// Articles the stage received (for a source: articles it read).
        public var articlesIn = 0
        /// Articles the stage passed on or wrote.
        public var articlesOut = 0
        /// Articles dropped as duplicates.
        public var duplicates = 0
        /// Articles dropped by a filter.
        public var filtered = 0
        /// Records the stage sent to quarantine.
        public var quarantined = 0
        /// Time the stage's workers spent working, summed over workers.
        public var busy: Duration = .zero
        /// Time spent on the stage's stateless preparation (``TransformStage/prepare(_:)``),
        /// summed over the preparation workers; not part of `busy`.
        public var preparing: Duration = .zero
        /// Batches waiting in front of the stage.
        public var backlog = 0
    }

    /// Creates counters for a stage.
    public init(name: String, role: StageRole) {
        self.name = name
        self.role = role
        self.counters = Mutex(Counters())
    }

    /// The current values.
    public var snapshot: Counters { counters.withLock { $0 } }

    /// Adds to the counters.
    func record(_ update: (inout Counters) -> Void) {
        counters.withLock { update(&$0) }
    }
}

/// Where a stage sits in a pipeline.
public enum StageRole: String, Sendable, Codable {
    /// Reads input.
    case source
    /// Transforms batches.
    case transform
    /// Writes output.
    case sink
}
