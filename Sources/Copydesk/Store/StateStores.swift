import Crypto
import Foundation
import Synchronization

/// Opens the state stores of one run by location, carried by the ``StageContext`` to every
/// stage and to the ``FileIntake``.
///
/// A store is opened at its first use, never when a stage is built (`copydesk validate`
/// builds every stage and must open nothing), and one open store serves every user of its
/// location: the ledger and a history written to one SQLite file share one store.
///
/// A dry run is given `StateStores(readOnly: true)`: it opens only stores that already exist
/// (a store that does not is absent: no history, an empty ledger), never creates a file, and
/// hands out stores whose writes (``HistoryStore/prepareHistory(fingerprintSettings:run:)``,
/// ``HistoryStore/stage(_:run:skippingKnown:)``, commits, discards,
/// ``LedgerStore/markDone(_:run:replacingAll:)``) do nothing, so stages decide as a real run
/// would and need not know they are in a dry run. An existing SQLite file of an older schema
/// is still upgraded when opened, as by any run; no entry is written.
public final class StateStores: Sendable {
    /// Whether stores are opened for reading only (a dry run).
    public let readOnly: Bool
    /// The folder every store is a new SQLite file in instead of its own location (a test of
    /// a pipeline, which must neither see nor change the pipeline's real state); `nil` for
    /// the stores' own locations.
    public let redirection: String?
    /// The stores opened so far; `nil` for a location a read-only factory found no store at.
    private let opened = Mutex<[StateStoreLocation: (any StateStore)?]>([:])

    /// Creates a factory that has opened nothing yet; with `redirectingTo`, every location
    /// opens a new SQLite store of its own in that folder, and no server is reached.
    public init(readOnly: Bool = false, redirectingTo redirection: String? = nil) {
        self.readOnly = readOnly
        self.redirection = redirection
    }

    /// The history store at `location`, opened on first use; `nil` when the factory is
    /// read-only and no store exists there.
    public func history(at location: StateStoreLocation) async throws -> (any HistoryStore)? {
        try store(at: location)
    }

    /// The ledger store at `location`, opened on first use; `nil` when the factory is
    /// read-only and no store exists there.
    public func ledger(at location: StateStoreLocation) async throws -> (any LedgerStore)? {
        try store(at: location)
    }

    /// The store at `location` as the tasks of a sharded run meet in it, opened on first use.
    public func shards(at location: StateStoreLocation) async throws -> any ShardStore {
        guard let store = try store(at: location) as? any ShardStore else {
            throw InputError(path: location.displayName, message: "this state store cannot hold a sharded job")
        }
        return store
    }

    /// The store at `location`, opening it under the lock so concurrent first uses share one.
    private func store(at location: StateStoreLocation) throws -> (any StateStore)? {
        try opened.withLock { opened in
            if let known = opened[location] { return known }
            let store = try open(location)
            opened.updateValue(store, forKey: location)
            return store
        }
    }

    /// Opens the backend `location` names, read-only when the factory is.
    private func open(_ location: StateStoreLocation) throws -> (any StateStore)? {
        let store: any StateStore
        if let redirection {
            let name = ArticleID.hex(SHA256.hash(data: Data(location.description.utf8))).prefix(16)
            return try SQLiteStateStore(path: redirection + "/state-\(name).sqlite")
        }
        switch location {
        case .sqlite(let path):
            if readOnly && !FileManager.default.fileExists(atPath: path) { return nil }
            store = try SQLiteStateStore(path: path)
        case .postgres(let url):
            if try readOnly && !PostgresStateStore.exists(at: url) { return nil }
            store = try PostgresStateStore(url: url)
        }
        return readOnly ? ReadOnlyStateStore(base: store) : store
    }
}
