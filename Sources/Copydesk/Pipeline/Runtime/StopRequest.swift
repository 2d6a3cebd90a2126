import Synchronization

/// A request to stop reading input, set by SIGINT/SIGTERM: sources finish the file they are
/// reading and stop, everything already read is processed and committed, and the run ends as
/// interrupted. A second signal cancels the run outright.
public final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    /// Creates a request that is not yet made.
    public init() {}

    /// Asks the run to stop reading.
    public func request() {
        requested.store(true, ordering: .relaxed)
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool {
        requested.load(ordering: .relaxed)
    }
}
