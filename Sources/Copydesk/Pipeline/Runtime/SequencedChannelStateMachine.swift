/// The state of a ``SequencedChannel`` and every transition it makes, as a plain value.
///
/// Each operation is a mutating method that returns an action: which waiters to resume, and
/// with what. The channel runs the transition under its lock and the action after releasing
/// it, so no continuation is ever resumed while the lock is held. Keeping the rules here, free
/// of tasks and locks, lets tests drive every interleaving step by step.
///
/// `Sender` and `Receiver` are whatever resumes a waiting sender or receiver: continuations in
/// the channel, plain names in tests. The machine only stores and returns them; it tells
/// waiters apart by the ids the caller gives them, so a cancelled waiter can be found again.
///
/// Two invariants hold between transitions, and the transitions rely on them:
/// - no receiver waits while the next element is pending (it is handed out at once), and
/// - no sender waits whose element would fit (it is admitted as soon as it fits).
struct SequencedChannelStateMachine<Element: Sendable, Sender: Sendable, Receiver: Sendable>: Sendable {
    /// A sender too far ahead. Its element waits here, so the transition that makes room
    /// admits it directly instead of waking the sender to try again.
    private struct SuspendedSender: Sendable {
        let id: Int
        let sequence: Int
        let element: Element
        let sender: Sender
    }

    /// A receiver waiting for the next element; receivers are served in the order they came.
    private struct SuspendedReceiver: Sendable {
        let id: Int
        let receiver: Receiver
    }

    /// A receiver handed an element.
    struct Delivery: Sendable {
        let receiver: Receiver
        let sequence: Int
        let element: Element
    }

    /// The waiters a transition released by moving the sequence on: receivers handed the
    /// next elements (one each, in sequence order), and senders whose elements now fit and
    /// were admitted.
    struct Wakeups: Sendable {
        /// Receivers to resume with their element, in the order the elements were handed out.
        var deliveries: [Delivery] = []
        /// Senders to resume: their elements are in the channel now.
        var admitted: [Sender] = []
    }

    private let capacity: Int
    private var pending: [Int: Element] = [:]
    private var nextToReceive = 0
    private var openProducers: Int
    private var failure: (any Error)?
    private var suspendedSenders: [SuspendedSender] = []
    private var suspendedReceivers: [SuspendedReceiver] = []

    /// A machine for a channel holding at most `capacity` elements, fed by `producers`
    /// producers.
    init(capacity: Int, producers: Int) {
        precondition(capacity > 0 && producers > 0, "a channel needs room and a producer")
        self.capacity = capacity
        self.openProducers = producers
    }

    /// How many elements were admitted and not yet received.
    var backlog: Int { pending.count }

    /// How many senders wait for room.
    var waitingSenders: Int { suspendedSenders.count }

    /// How many receivers wait for the next element.
    var waitingReceivers: Int { suspendedReceivers.count }

    /// What a sender does after ``send(_:sequence:id:sender:isCancelled:)``.
    enum SendAction: Sendable {
        /// The element was admitted: the sender returns, and the waiters its arrival released
        /// are resumed (the waiting receivers it and the elements after it went to, and the
        /// senders the room they freed admitted).
        case admit(Wakeups)
        /// The element is too far ahead: the machine keeps it and the sender waits until a
        /// later transition admits it.
        case suspend
        /// The channel failed, or the sender's task was cancelled while it would have to
        /// wait: the sender throws this error and its element is dropped.
        case fail(any Error)
    }

    /// Offers the element with number `sequence` from the sender `id`.
    ///
    /// An element that fits is admitted at once, even from a cancelled task: only waiting is
    /// cut short by cancellation. `isCancelled` must be read under the same lock as this
    /// call, so a cancellation either happens before it (the sender never waits) or finds
    /// the sender waiting (``cancelSender(id:)`` resumes it).
    mutating func send(_ element: Element, sequence: Int, id: Int, sender: Sender, isCancelled: Bool) -> SendAction {
        if let failure { return .fail(failure) }
        guard sequence < nextToReceive + capacity else {
            if isCancelled { return .fail(CancellationError()) }
            suspendedSenders.append(SuspendedSender(id: id, sequence: sequence, element: element, sender: sender))
            return .suspend
        }
        pending[sequence] = element
        return .admit(handOut())
    }

    /// What a receiver does after ``receive(id:receiver:isCancelled:)``.
    enum ReceiveAction: Sendable {
        /// The next element was there: the receiver returns it, and the senders that the room
        /// it freed admitted are resumed.
        case deliver(sequence: Int, element: Element, Wakeups)
        /// Every producer finished and every element was received: the receiver gets `nil`.
        case end
        /// The next element has not arrived: the receiver waits until a transition hands it
        /// one, ends the stream or fails it.
        case suspend
        /// The channel failed, a sequence number never arrived (``ChannelGap``), or the
        /// receiver's task was cancelled while it would have to wait: the receiver throws.
        case fail(any Error)
    }

    /// Asks for the next element on behalf of the receiver `id`; `isCancelled` is read under
    /// the lock, as for ``send(_:sequence:id:sender:isCancelled:)``.
    mutating func receive(id: Int, receiver: Receiver, isCancelled: Bool) -> ReceiveAction {
        if let failure { return .fail(failure) }
        // No other receiver waits while the next element is pending, so this one is first.
        if let element = pending.removeValue(forKey: nextToReceive) {
            let sequence = nextToReceive
            nextToReceive += 1
            var wakeups = Wakeups()
            admitFittingSenders(into: &wakeups)
            return .deliver(sequence: sequence, element: element, wakeups)
        }
        if openProducers == 0 {
            if let gap { return .fail(gap) }
            return .end
        }
        if isCancelled { return .fail(CancellationError()) }
        suspendedReceivers.append(SuspendedReceiver(id: id, receiver: receiver))
        return .suspend
    }

    /// Takes the elements that are ready now, in sequence order and without waiting: at most
    /// `limit`, stopping at the first sequence number that has not arrived, none once the
    /// channel failed. Only elements already in the channel count: the senders the freed room
    /// admits are returned to resume, their elements left for the next call.
    mutating func receiveReady(limit: Int) -> (ready: [Element], wakeups: Wakeups) {
        var ready: [Element] = []
        // A waiting receiver means the next element is missing, so this takes nothing from it.
        while failure == nil, ready.count < limit, let element = pending.removeValue(forKey: nextToReceive) {
            ready.append(element)
            nextToReceive += 1
        }
        var wakeups = Wakeups()
        admitFittingSenders(into: &wakeups)
        return (ready, wakeups)
    }

    /// What the channel does after ``finish()``.
    enum FinishAction: Sendable {
        /// Producers remain, or nobody waits: nothing to resume.
        case none
        /// The last producer finished and every element was received: these receivers get `nil`.
        case endReceivers([Receiver])
        /// The last producer finished with an element missing: these receivers throw the gap.
        case failReceivers([Receiver], ChannelGap)
    }

    /// Records that one producer has sent its last element. When it was the last producer,
    /// the receivers still waiting are ended. They wait only for an element that has not
    /// arrived (every arrived one was handed out in order as it became next), so none is
    /// ended while an element could still reach it.
    mutating func finish() -> FinishAction {
        precondition(openProducers > 0, "finish() called more often than there are producers")
        openProducers -= 1
        guard openProducers == 0, !suspendedReceivers.isEmpty else { return .none }
        let receivers = suspendedReceivers.map(\.receiver)
        suspendedReceivers.removeAll()
        if let gap { return .failReceivers(receivers, gap) }
        return .endReceivers(receivers)
    }

    /// What the channel does after ``fail(_:)``.
    enum FailAction: Sendable {
        /// The channel had already failed: every waiter was resumed then.
        case none
        /// Every waiting sender and receiver throws `error`.
        case failAll(senders: [Sender], receivers: [Receiver], error: any Error)
    }

    /// Ends the channel with `error`: every waiter is released with it and every later call
    /// throws it. The first failure wins. The pending elements are dropped, since no receiver
    /// can take them any more.
    mutating func fail(_ error: any Error) -> FailAction {
        guard failure == nil else { return .none }
        failure = error
        let action = FailAction.failAll(senders: suspendedSenders.map(\.sender), receivers: suspendedReceivers.map(\.receiver), error: error)
        pending.removeAll()
        suspendedSenders.removeAll()
        suspendedReceivers.removeAll()
        return action
    }

    /// What the channel does after a waiting task was cancelled.
    enum CancelAction<Waiter: Sendable>: Sendable {
        /// The waiter was no longer waiting (already resumed, or never suspended): nothing to do.
        case none
        /// The waiter was taken out of the machine: it throws `CancellationError`.
        case cancel(Waiter)
    }

    /// Takes the sender `id` out of the waiting ones; its element is dropped.
    mutating func cancelSender(id: Int) -> CancelAction<Sender> {
        guard let index = suspendedSenders.firstIndex(where: { $0.id == id }) else { return .none }
        return .cancel(suspendedSenders.remove(at: index).sender)
    }

    /// Takes the receiver `id` out of the waiting ones; the next element goes to the next one.
    mutating func cancelReceiver(id: Int) -> CancelAction<Receiver> {
        guard let index = suspendedReceivers.firstIndex(where: { $0.id == id }) else { return .none }
        return .cancel(suspendedReceivers.remove(at: index).receiver)
    }

    /// Hands the next elements to the waiting receivers, one each and in order, for as long
    /// as both are there. Every hand-out frees room, and a sender it admits may bring the
    /// element the next receiver needs, so this goes on until a receiver or an element is
    /// missing: no receiver stays idle while an element it could have is pending.
    private mutating func handOut() -> Wakeups {
        var wakeups = Wakeups()
        while !suspendedReceivers.isEmpty, let element = pending.removeValue(forKey: nextToReceive) {
            let waiting = suspendedReceivers.removeFirst()
            wakeups.deliveries.append(Delivery(receiver: waiting.receiver, sequence: nextToReceive, element: element))
            nextToReceive += 1
            admitFittingSenders(into: &wakeups)
        }
        return wakeups
    }

    /// Admits the waiting senders whose elements fit now that the sequence moved on, so room
    /// is filled the moment it appears.
    private mutating func admitFittingSenders(into wakeups: inout Wakeups) {
        let limit = nextToReceive + capacity
        guard suspendedSenders.contains(where: { $0.sequence < limit }) else { return }
        var stillWaiting: [SuspendedSender] = []
        for waiting in suspendedSenders {
            if waiting.sequence < limit {
                pending[waiting.sequence] = waiting.element
                wakeups.admitted.append(waiting.sender)
            } else {
                stillWaiting.append(waiting)
            }
        }
        suspendedSenders = stillWaiting
    }

    /// Why a receiver that finds no next element after every producer finished cannot end
    /// cleanly: some element past the missing one arrived (or still waits to be admitted), so
    /// the missing one was lost on the way. `nil` when nothing is left.
    private var gap: ChannelGap? {
        pending.isEmpty && suspendedSenders.isEmpty ? nil : ChannelGap(expected: nextToReceive)
    }
}
