import Synchronization

/// A bounded channel between two stages that hands elements out in sequence-number order.
///
/// Producers tag each element with its sequence number (0, 1, 2, ... across all producers).
/// A producer whose number is `capacity` or more ahead of the next one to be received waits,
/// so a slow consumer slows every producer down (backpressure) and at most `capacity` elements
/// wait in the channel. Receivers get elements strictly in sequence order, whatever order
/// concurrent producers finished them in; several receivers share the stream.
///
/// The channel ends when every producer has called ``finish()``; ``fail(_:)`` wakes everyone
/// with an error so a failing stage or a cancelled run never leaves a task waiting.
final class SequencedChannel<Element: Sendable>: Sendable {
    private struct State {
        var pending: [Int: Element] = [:]
        var nextToReceive = 0
        var openProducers: Int
        var failure: (any Error)?
        var waitingSenders: [CheckedContinuation<Bool, any Error>] = []
        var waitingReceivers: [CheckedContinuation<(Int, Element)?, any Error>] = []
    }

    private let capacity: Int
    private let state: Mutex<State>

    /// Creates a channel holding at most `capacity` elements, fed by `producers` producers.
    init(capacity: Int, producers: Int) {
        precondition(capacity > 0 && producers > 0, "a channel needs room and a producer")
        self.capacity = capacity
        self.state = Mutex(State(openProducers: producers))
    }

    /// How many elements are waiting to be received (the backlog in front of the next stage).
    var backlog: Int { state.withLock { $0.pending.count } }

    /// Sends the element with sequence number `sequence`, waiting while the channel is full.
    func send(_ element: Element, sequence: Int) async throws {
        while true {
            let admitted: Bool = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Bool, any Error>) in
                let outcome: (handoff: (CheckedContinuation<(Int, Element)?, any Error>, (Int, Element))?, result: Result<Bool, any Error>?) = state.withLock { state in
                    if let failure = state.failure { return (nil, .failure(failure)) }
                    guard sequence < state.nextToReceive + capacity else {
                        state.waitingSenders.append(continuation)
                        return (nil, nil)
                    }
                    if sequence == state.nextToReceive, !state.waitingReceivers.isEmpty {
                        let receiver = state.waitingReceivers.removeFirst()
                        state.nextToReceive += 1
                        return ((receiver, (sequence, element)), .success(true))
                    }
                    state.pending[sequence] = element
                    return (nil, .success(true))
                }
                if let handoff = outcome.handoff {
                    handoff.0.resume(returning: handoff.1)
                    wakeSenders()
                }
                if let result = outcome.result { continuation.resume(with: result) }
            }
            if admitted { return }
        }
    }

    /// The next element in sequence order, or `nil` once every producer has finished and all
    /// elements were received.
    func receive() async throws -> (sequence: Int, element: Element)? {
        let received: (Int, Element)? = try await withCheckedThrowingContinuation { continuation in
            let result: Result<(Int, Element)?, any Error>? = state.withLock { state in
                if let failure = state.failure { return .failure(failure) }
                if let element = state.pending.removeValue(forKey: state.nextToReceive) {
                    defer { state.nextToReceive += 1 }
                    return .success((state.nextToReceive, element))
                }
                if state.openProducers == 0 {
                    return state.pending.isEmpty ? .success(nil) : .failure(ChannelGap(expected: state.nextToReceive))
                }
                state.waitingReceivers.append(continuation)
                return nil
            }
            if let result {
                continuation.resume(with: result)
                wakeSenders()
            }
        }
        return received.map { (sequence: $0.0, element: $0.1) }
    }

    /// The elements that are ready now, in sequence order, without waiting: at most `limit`,
    /// stopping at the first sequence number that has not arrived. Empty once the channel failed.
    func receiveReady(limit: Int) -> [Element] {
        let ready: [Element] = state.withLock { state in
            var ready: [Element] = []
            while ready.count < limit, state.failure == nil, let element = state.pending.removeValue(forKey: state.nextToReceive) {
                ready.append(element)
                state.nextToReceive += 1
            }
            return ready
        }
        if !ready.isEmpty { wakeSenders() }
        return ready
    }

    /// Records that one producer has sent its last element.
    func finish() {
        let receivers: [CheckedContinuation<(Int, Element)?, any Error>] = state.withLock { state in
            state.openProducers -= 1
            guard state.openProducers == 0 else { return [] }
            defer { state.waitingReceivers.removeAll() }
            return state.waitingReceivers
        }
        for receiver in receivers { receiver.resume(returning: nil) }
    }

    /// Ends the channel with an error: every waiting and later call throws it.
    func fail(_ error: any Error) {
        let (senders, receivers) = state.withLock { state in
            if state.failure == nil { state.failure = error }
            defer {
                state.waitingSenders.removeAll()
                state.waitingReceivers.removeAll()
            }
            return (state.waitingSenders, state.waitingReceivers)
        }
        for sender in senders { sender.resume(throwing: error) }
        for receiver in receivers { receiver.resume(throwing: error) }
    }

    /// Wakes waiting senders so they check again whether their element now fits.
    private func wakeSenders() {
        let senders = state.withLock { state in
            defer { state.waitingSenders.removeAll() }
            return state.waitingSenders
        }
        for sender in senders { sender.resume(returning: false) }
    }
}

/// A channel closed while an element in the middle of the sequence never arrived; a runner bug.
struct ChannelGap: Error, CustomStringConvertible {
    /// The sequence number that was missing.
    let expected: Int
    var description: String { "internal error: batch \(expected) never reached the next stage" }
}
