/// What a run's lock on a state store keeps other runs away from.
///
/// An SQLite store has one lock for everything, so every scope takes it whole. A PostgreSQL
/// store (``PostgresStoreLock``) lets runs on different drops work at once: each holds the
/// store in shared mode and its drop exclusively, and runs that write the same history take
/// turns only to decide against it and commit (``HistoryStore/takeCommitTurn(run:)``).
public enum StateStoreLockScope: Sendable, Equatable {
    /// The whole store, kept from every other run: a reprocessing run, which may start the
    /// history and the ledger over, and the `cluster` phase of a sharded run.
    case wholeStore
    /// One drop, named by the source's input path made absolute: another run on the same drop
    /// waits, runs on other drops go on.
    case drop(String)
}
