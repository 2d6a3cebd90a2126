/// A lock a run holds on a state store while it runs, taken by
/// ``StateStoreLocation/acquireLock(wait:)``: two runs sharing a store never run at once.
/// ``RunLock`` is the lock of a store kept in a file.
public protocol StateStoreLock: Sendable {
    /// Releases the lock; releasing it again does nothing.
    func release()
}
