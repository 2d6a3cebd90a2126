import Synchronization

/// Hands out consecutive sequence numbers to batches a stage emits after its input ended.
final class SequenceCounter: Sendable {
    private let next: Mutex<Int>

    /// Starts counting at `next`.
    init(next: Int) {
        self.next = Mutex(next)
    }

    /// The next number.
    func take() -> Int {
        next.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}
