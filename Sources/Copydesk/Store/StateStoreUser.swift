/// A stage that keeps state in state stores across runs; the runner locks each of its
/// ``stateStores`` for the length of the run.
public protocol StateStoreUser: Sendable {
    /// The stores the stage reads and writes.
    var stateStores: [StateStoreLocation] { get }
}
