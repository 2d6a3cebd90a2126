import Synchronization

/// A bounded channel between two stages that hands elements out in sequence-number order.
///
/// Producers tag each element with its sequence number (0, 1, 2, ... across all producers).
/// A producer whose number is `capacity` or more ahead of the next one to be received waits,
/// so a slow consumer slows every producer down (backpressure) and at most `capacity` elements
/// wait in the channel. Receivers get elements strictly in sequence order, whatever order
/// concurrent producers finished them in; several receivers share the stream, one element
/// each, and none sits idle while an element it could have is ready.
///
/// The channel ends when every producer has called ``finish()``; ``fail(_:)`` wakes everyone
/// with an error so a failing stage or a cancelled run never leaves a task waiting, and a
/// waiting task that is cancelled throws `CancellationError` on its own.
///
/// The rules live in ``SequencedChannelStateMachine``; this class runs each transition under
/// a lock and resumes the waiters it names after releasing the lock.
final class SequencedChannel<Element: Sendable>: Sendable {
    /// Resumes a waiting sender once its element was admitted.
    typealias Sender = CheckedContinuation<Void, any Error>
    /// Resumes a waiting receiver with its element, or `nil` at the end of the stream.
    typealias Receiver = CheckedContinuation<(sequence: Int, element: Element)?, any Error>
    /// The channel's rules, holding continuations as its waiters.
    typealias StateMachine = SequencedChannelStateMachine<Element, Sender, Receiver>

    private let state: Mutex<StateMachine>
    /// Tells waiters apart, so a cancellation handler finds its own waiter.
    private let ids = Atomic<Int>(0)

    /// Creates a channel holding at most `capacity` elements, fed by `producers` producers.
    init(capacity: Int, producers: Int) {
        self.state = Mutex(StateMachine(capacity: capacity, producers: producers))
    }

    /// How many elements are waiting to be received (the backlog in front of the next stage).
    var backlog: Int { state.withLock { $0.backlog } }

    /// How many senders wait for room; tests wait on it to order their tasks.
    var waitingSenders: Int { state.withLock { $0.waitingSenders } }

    /// How many receivers wait for the next element; tests wait on it to order their tasks.
    var waitingReceivers: Int { state.withLock { $0.waitingReceivers } }

    /// Sends the element with sequence number `sequence`, waiting while the channel is full.
    func send(_ element: Element, sequence: Int) async throws {
        let id = ids.wrappingAdd(1, ordering: .relaxed).oldValue
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (sender: Sender) in
                let action = state.withLock {
                    $0.send(element, sequence: sequence, id: id, sender: sender, isCancelled: Task.isCancelled)
                }
                switch action {
                case .admit(let wakeups):
                    sender.resume()
                    resume(wakeups)
                case .suspend:
                    break
                case .fail(let error):
                    sender.resume(throwing: error)
                }
            }
        } onCancel: {
            if case .cancel(let sender) = state.withLock({ $0.cancelSender(id: id) }) {
                sender.resume(throwing: CancellationError())
            }
        }
    }

    /// The next element in sequence order, or `nil` once every producer has finished and all
    /// elements were received.
    func receive() async throws -> (sequence: Int, element: Element)? {
        let id = ids.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (receiver: Receiver) in
                let action = state.withLock { $0.receive(id: id, receiver: receiver, isCancelled: Task.isCancelled) }
                switch action {
                case .deliver(let sequence, let element, let wakeups):
                    receiver.resume(returning: (sequence, element))
                    resume(wakeups)
                case .end:
                    receiver.resume(returning: nil)
                case .suspend:
                    break
                case .fail(let error):
                    receiver.resume(throwing: error)
                }
            }
        } onCancel: {
            if case .cancel(let receiver) = state.withLock({ $0.cancelReceiver(id: id) }) {
                receiver.resume(throwing: CancellationError())
            }
        }
    }

    /// The elements that are ready now, in sequence order, without waiting: at most `limit`,
    /// stopping at the first sequence number that has not arrived. Empty once the channel failed.
    func receiveReady(limit: Int) -> [Element] {
        let (ready, wakeups) = state.withLock { $0.receiveReady(limit: limit) }
        resume(wakeups)
        return ready
    }

    /// Records that one producer has sent its last element.
    func finish() {
        switch state.withLock({ $0.finish() }) {
        case .none:
            break
        case .endReceivers(let receivers):
            for receiver in receivers { receiver.resume(returning: nil) }
        case .failReceivers(let receivers, let gap):
            for receiver in receivers { receiver.resume(throwing: gap) }
        }
    }

    /// Ends the channel with an error: every waiting and later call throws it.
    func fail(_ error: any Error) {
        switch state.withLock({ $0.fail(error) }) {
        case .none:
            break
        case .failAll(let senders, let receivers, let error):
            for sender in senders { sender.resume(throwing: error) }
            for receiver in receivers { receiver.resume(throwing: error) }
        }
    }

    /// Resumes the waiters a transition released: each receiver with its element, each
    /// admitted sender so it returns.
    private func resume(_ wakeups: StateMachine.Wakeups) {
        for delivery in wakeups.deliveries { delivery.receiver.resume(returning: (delivery.sequence, delivery.element)) }
        for sender in wakeups.admitted { sender.resume() }
    }
}

/// A channel closed while an element in the middle of the sequence never arrived; a runner bug.
struct ChannelGap: Error, CustomStringConvertible {
    /// The sequence number that was missing.
    let expected: Int
    var description: String { "internal error: batch \(expected) never reached the next stage" }
}
