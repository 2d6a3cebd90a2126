import Testing

@testable import Copydesk

/// The state machine with named waiters: sender "s<sequence>" sends element `sequence * 10`,
/// receiver "r<id>" asks for the next one. Each helper runs one transition and returns its
/// action as text ("admitted; r1 gets #0"), so a test reads as the sequence of events.
private typealias Machine = SequencedChannelStateMachine<Int, String, String>

private struct Stop: Error {}

/// An error as a test names it: "gap at N" for a ``ChannelGap``, the type's name otherwise.
private func name(_ error: any Error) -> String {
    if let gap = error as? ChannelGap { return "gap at \(gap.expected)" }
    return "\(type(of: error))"
}

extension SequencedChannelStateMachine.Wakeups where Element == Int, Sender == String, Receiver == String {
    /// "; r1 gets #0" for each delivery, then "; s3 admitted" for each admitted sender.
    fileprivate var text: String {
        let deliveries = deliveries.map { delivery in
            #expect(delivery.element == delivery.sequence * 10, "an element travels with its own number")
            return "; \(delivery.receiver) gets #\(delivery.sequence)"
        }
        return (deliveries + admitted.map { "; \($0) admitted" }).joined()
    }
}

extension SequencedChannelStateMachine where Element == Int, Sender == String, Receiver == String {
    fileprivate mutating func send(_ sequence: Int, cancelled: Bool = false) -> String {
        switch send(sequence * 10, sequence: sequence, id: sequence, sender: "s\(sequence)", isCancelled: cancelled) {
        case .admit(let wakeups): "admitted" + wakeups.text
        case .suspend: "waits"
        case .fail(let error): "throws \(name(error))"
        }
    }

    fileprivate mutating func receive(_ id: Int, cancelled: Bool = false) -> String {
        switch receive(id: id, receiver: "r\(id)", isCancelled: cancelled) {
        case .deliver(let sequence, let element, let wakeups):
            #expect(element == sequence * 10, "an element travels with its own number")
            return "gets #\(sequence)" + wakeups.text
        case .end: return "ends"
        case .suspend: return "waits"
        case .fail(let error): return "throws \(name(error))"
        }
    }

    fileprivate mutating func ready(_ limit: Int) -> String {
        let (ready, wakeups) = receiveReady(limit: limit)
        return (["ready"] + ready.map { "#\($0 / 10)" }).joined(separator: " ") + wakeups.text
    }

    fileprivate mutating func finishing() -> String {
        switch finish() {
        case .none: "none"
        case .endReceivers(let receivers): "\(receivers.joined(separator: " ")) end"
        case .failReceivers(let receivers, let gap): "\(receivers.joined(separator: " ")) throw \(name(gap))"
        }
    }

    fileprivate mutating func failing(_ error: any Error) -> String {
        switch fail(error) {
        case .none: "none"
        case .failAll(let senders, let receivers, let error): "\((senders + receivers).joined(separator: " ")) throw \(name(error))"
        }
    }

    fileprivate mutating func cancelling(sender id: Int) -> String {
        switch cancelSender(id: id) {
        case .none: "none"
        case .cancel(let sender): "\(sender) cancelled"
        }
    }

    fileprivate mutating func cancelling(receiver id: Int) -> String {
        switch cancelReceiver(id: id) {
        case .none: "none"
        case .cancel(let receiver): "\(receiver) cancelled"
        }
    }
}

/// The channel's rules, one transition at a time: no tasks, so every interleaving is exact.
@Suite("sequenced channel state machine")
struct SequencedChannelStateMachineTests {
    @Test func deliversInSequenceOrderWhateverTheSendOrder() {
        var machine = Machine(capacity: 8, producers: 1)
        for sequence in [3, 1, 0, 2, 5, 4] { #expect(machine.send(sequence) == "admitted") }
        #expect(machine.backlog == 6)
        #expect(machine.finishing() == "none", "nobody waits")
        for sequence in 0..<6 { #expect(machine.receive(1) == "gets #\(sequence)") }
        #expect(machine.receive(1) == "ends")
    }

    @Test func anElementAheadOfItsTurnWaitsUntilTheOneBeforeArrives() {
        var machine = Machine(capacity: 4, producers: 2)
        #expect(machine.receive(1) == "waits")
        #expect(machine.receive(2) == "waits")
        #expect(machine.send(1) == "admitted", "#1 is kept for after #0")
        #expect(machine.waitingReceivers == 2)
        #expect(machine.backlog == 1)
        #expect(machine.send(0) == "admitted; r1 gets #0; r2 gets #1", "#1 goes to the idle receiver at once")
        #expect(machine.waitingReceivers == 0)
        #expect(machine.backlog == 0)
    }

    @Test func everyWaitingReceiverGetsOneOfTheElementsThatBecameReady() {
        var machine = Machine(capacity: 8, producers: 1)
        for id in 1...2 { #expect(machine.receive(id) == "waits") }
        for sequence in [3, 2, 1] { #expect(machine.send(sequence) == "admitted") }
        #expect(machine.send(0) == "admitted; r1 gets #0; r2 gets #1")
        #expect(machine.backlog == 2, "#2 and #3 wait for a receiver")
        #expect(machine.receive(3) == "gets #2")
        #expect(machine.ready(8) == "ready #3")
    }

    /// Regression: finishing used to end every waiting receiver with `nil`, even one that
    /// should have been handed an element already waiting in the channel.
    @Test func finishingEndsNoReceiverWhileAnElementIsLeftForIt() {
        var machine = Machine(capacity: 4, producers: 2)
        #expect(machine.receive(1) == "waits")
        #expect(machine.receive(2) == "waits")
        #expect(machine.send(1) == "admitted")
        #expect(machine.finishing() == "none", "the producer of #0 is still open")
        #expect(machine.send(0) == "admitted; r1 gets #0; r2 gets #1")
        #expect(machine.receive(3) == "waits")
        #expect(machine.finishing() == "r3 end", "only a receiver with nothing left is ended")
        #expect(machine.receive(4) == "ends")
    }

    @Test func aSenderTooFarAheadWaitsUntilAReceiveFreesRoom() {
        var machine = Machine(capacity: 2, producers: 1)
        #expect(machine.send(0) == "admitted")
        #expect(machine.send(1) == "admitted")
        #expect(machine.send(2) == "waits")
        #expect(machine.waitingSenders == 1)
        #expect(machine.backlog == 2, "a waiting sender's element is not in the channel yet")
        #expect(machine.receive(1) == "gets #0; s2 admitted")
        #expect(machine.waitingSenders == 0)
        #expect(machine.backlog == 2)
    }

    @Test func anAdmittedSenderCanBringTheElementTheNextReceiverWaitsFor() {
        var machine = Machine(capacity: 1, producers: 2)
        #expect(machine.receive(1) == "waits")
        #expect(machine.receive(2) == "waits")
        #expect(machine.send(1) == "waits", "#1 is a full channel ahead")
        #expect(machine.send(0) == "admitted; r1 gets #0; r2 gets #1; s1 admitted")
        #expect(machine.backlog == 0)
    }

    @Test func readyElementsComeInOrderUpToTheFirstGap() {
        var machine = Machine(capacity: 8, producers: 1)
        #expect(machine.ready(8) == "ready")
        for sequence in [1, 0, 2, 5, 4] { #expect(machine.send(sequence) == "admitted") }
        #expect(machine.ready(2) == "ready #0 #1")
        #expect(machine.ready(8) == "ready #2", "#3 has not arrived")
        #expect(machine.send(3) == "admitted")
        #expect(machine.receive(1) == "gets #3")
        #expect(machine.ready(8) == "ready #4 #5")
        #expect(machine.finishing() == "none")
        #expect(machine.receive(1) == "ends")
    }

    @Test func takingReadyElementsAdmitsAWaitingSender() {
        var machine = Machine(capacity: 2, producers: 1)
        #expect(machine.send(0) == "admitted")
        #expect(machine.send(1) == "admitted")
        #expect(machine.send(2) == "waits")
        #expect(machine.ready(8) == "ready #0 #1; s2 admitted")
        #expect(machine.ready(8) == "ready #2")
    }

    @Test func producersFinishingWithAHoleEndInAGap() {
        var machine = Machine(capacity: 4, producers: 1)
        #expect(machine.receive(1) == "waits")
        #expect(machine.send(1) == "admitted")
        #expect(machine.finishing() == "r1 throw gap at 0")
        #expect(machine.receive(2) == "throws gap at 0")
    }

    @Test func failureReleasesEveryWaiterAndEveryLaterCall() {
        var machine = Machine(capacity: 2, producers: 1)
        #expect(machine.send(1) == "admitted")
        #expect(machine.send(2) == "waits")
        #expect(machine.receive(1) == "waits")
        #expect(machine.failing(Stop()) == "s2 r1 throw Stop")
        #expect(machine.backlog == 0, "no receiver can take what was pending")
        #expect(machine.send(0) == "throws Stop")
        #expect(machine.receive(2) == "throws Stop")
        #expect(machine.ready(8) == "ready")
        #expect(machine.failing(CancellationError()) == "none", "the first failure wins")
        #expect(machine.finishing() == "none")
    }

    @Test func cancellingAWaiterTakesItOutAndLeavesTheOthers() {
        var machine = Machine(capacity: 1, producers: 1)
        #expect(machine.receive(1) == "waits")
        #expect(machine.receive(2) == "waits")
        #expect(machine.cancelling(receiver: 1) == "r1 cancelled")
        #expect(machine.send(0) == "admitted; r2 gets #0")
        #expect(machine.cancelling(receiver: 2) == "none", "r2 was already handed #0")
        #expect(machine.send(1) == "admitted")
        #expect(machine.send(2) == "waits")
        #expect(machine.cancelling(sender: 2) == "s2 cancelled")
        #expect(machine.receive(3) == "gets #1", "the cancelled sender's element is dropped")
        #expect(machine.waitingSenders == 0)
        #expect(machine.backlog == 0)
    }

    @Test func aCancelledTaskNeverStartsWaitingButTakesWhatIsReady() {
        var machine = Machine(capacity: 2, producers: 1)
        #expect(machine.send(0, cancelled: true) == "admitted")
        #expect(machine.send(2, cancelled: true) == "throws CancellationError")
        #expect(machine.receive(1, cancelled: true) == "gets #0")
        #expect(machine.receive(2, cancelled: true) == "throws CancellationError")
        #expect(machine.waitingSenders == 0)
        #expect(machine.waitingReceivers == 0)
    }

    @Test func closesOnlyAfterEveryProducerFinished() {
        var machine = Machine(capacity: 4, producers: 2)
        #expect(machine.send(0) == "admitted")
        #expect(machine.finishing() == "none")
        #expect(machine.receive(1) == "gets #0")
        #expect(machine.receive(2) == "waits")
        #expect(machine.finishing() == "r2 end")
    }
}

/// Waits until `condition` holds, yielding to the tasks that make it hold. The condition reads
/// the channel's own counters, so a test goes on exactly when its tasks have started waiting.
private func waitUntil(_ condition: () -> Bool) async {
    while !condition() { await Task.yield() }
}

/// The channel with real tasks. Their order is fixed by waiting until the channel reports the
/// expected waiters, never by sleeping.
@Suite("sequenced channel")
struct SequencedChannelTests {
    @Test func deliversInSequenceOrderWhateverTheSendOrder() async throws {
        let channel = SequencedChannel<Int>(capacity: 8, producers: 1)
        for sequence in [3, 1, 0, 2, 5, 4] { try await channel.send(sequence * 10, sequence: sequence) }
        channel.finish()
        var received: [Int] = []
        while let (_, value) = try await channel.receive() { received.append(value) }
        #expect(received == [0, 10, 20, 30, 40, 50])
    }

    @Test func severalReceiversShareTheStreamInOrder() async throws {
        let channel = SequencedChannel<Int>(capacity: 4, producers: 2)
        let receivers = (0..<3).map { _ in
            Task {
                var received: [Int] = []
                while let (sequence, value) = try await channel.receive() {
                    #expect(value == sequence * 10)
                    received.append(sequence)
                }
                return received
            }
        }
        let producers = [0, 1].map { first in
            Task {
                for sequence in stride(from: first, to: 40, by: 2) { try await channel.send(sequence * 10, sequence: sequence) }
                channel.finish()
            }
        }
        for producer in producers { try await producer.value }
        var everything: [Int] = []
        for receiver in receivers {
            let received = try await receiver.value
            #expect(received == received.sorted(), "each receiver sees the sequence in order")
            everything += received
        }
        #expect(everything.sorted() == Array(0..<40), "every element reaches exactly one receiver")
    }

    @Test func anElementAheadOfItsTurnGoesToTheSecondReceiverOnceTheFirstIsServed() async throws {
        let channel = SequencedChannel<Int>(capacity: 4, producers: 1)
        let first = Task { try await channel.receive()?.sequence }
        let second = Task { try await channel.receive()?.sequence }
        await waitUntil { channel.waitingReceivers == 2 }
        try await channel.send(10, sequence: 1)
        #expect(channel.waitingReceivers == 2, "#1 waits for #0")
        #expect(channel.backlog == 1)
        try await channel.send(0, sequence: 0)
        #expect(channel.waitingReceivers == 0, "#0 and #1 were handed out together")
        #expect(channel.backlog == 0)
        channel.finish()
        let received = [try await first.value, try await second.value]
        #expect(Set(received) == [0, 1])
    }

    /// Regression: the last `finish()` used to hand `nil` to a receiver that an element
    /// already in the channel was due to.
    @Test func finishingHandsNoReceiverNilWhileAnElementIsLeftForIt() async throws {
        let channel = SequencedChannel<Int>(capacity: 4, producers: 2)
        let first = Task { try await channel.receive()?.sequence }
        let second = Task { try await channel.receive()?.sequence }
        await waitUntil { channel.waitingReceivers == 2 }
        try await channel.send(10, sequence: 1)
        channel.finish()
        try await channel.send(0, sequence: 0)
        channel.finish()
        let received = [try await first.value, try await second.value]
        #expect(Set(received) == [0, 1])
        #expect(try await channel.receive() == nil)
    }

    @Test func failureWakesWaitingSendersAndReceivers() async throws {
        let channel = SequencedChannel<Int>(capacity: 2, producers: 1)
        try await channel.send(10, sequence: 1)
        let sender = Task { try await channel.send(20, sequence: 2) }
        let receiver = Task { try await channel.receive() }
        await waitUntil { channel.waitingSenders == 1 && channel.waitingReceivers == 1 }
        channel.fail(Stop())
        await #expect(throws: Stop.self) { try await sender.value }
        await #expect(throws: Stop.self) { _ = try await receiver.value }
        await #expect(throws: Stop.self) { try await channel.send(0, sequence: 0) }
        await #expect(throws: Stop.self) { _ = try await channel.receive() }
        #expect(channel.receiveReady(limit: 8).isEmpty)
    }

    @Test func aSenderTooFarAheadWaitsUntilAReceiveFreesRoom() async throws {
        let channel = SequencedChannel<Int>(capacity: 2, producers: 1)
        try await channel.send(0, sequence: 0)
        try await channel.send(10, sequence: 1)
        let blocked = Task { try await channel.send(20, sequence: 2) }
        await waitUntil { channel.waitingSenders == 1 }
        #expect(channel.backlog == 2)
        #expect(try await channel.receive()?.element == 0)
        try await blocked.value
        #expect(channel.backlog == 2)
        channel.finish()
        #expect(try await channel.receive()?.element == 10)
        #expect(try await channel.receive()?.element == 20)
        #expect(try await channel.receive() == nil)
    }

    @Test func readyElementsComeInOrderUpToTheFirstGap() async throws {
        let channel = SequencedChannel<Int>(capacity: 8, producers: 1)
        #expect(channel.receiveReady(limit: 8).isEmpty)
        for sequence in [1, 0, 2, 5, 4] { try await channel.send(sequence * 10, sequence: sequence) }
        #expect(channel.receiveReady(limit: 2) == [0, 10])
        #expect(channel.receiveReady(limit: 8) == [20], "sequence 3 has not arrived")
        try await channel.send(30, sequence: 3)
        #expect(try await channel.receive()?.element == 30)
        #expect(channel.receiveReady(limit: 8) == [40, 50])
        channel.finish()
        #expect(try await channel.receive() == nil)
    }

    @Test func takingReadyElementsLetsAWaitingSenderIn() async throws {
        let channel = SequencedChannel<Int>(capacity: 2, producers: 1)
        try await channel.send(0, sequence: 0)
        try await channel.send(10, sequence: 1)
        let blocked = Task { try await channel.send(20, sequence: 2) }
        await waitUntil { channel.waitingSenders == 1 }
        #expect(channel.receiveReady(limit: 8) == [0, 10])
        try await blocked.value
        #expect(channel.receiveReady(limit: 8) == [20])
    }

    @Test func producersFinishingWithAHoleIsAGap() async throws {
        let channel = SequencedChannel<Int>(capacity: 4, producers: 1)
        let waiting = Task { try await channel.receive() }
        await waitUntil { channel.waitingReceivers == 1 }
        try await channel.send(10, sequence: 1)
        channel.finish()
        let gap = await #expect(throws: ChannelGap.self) { _ = try await waiting.value }
        #expect(gap?.expected == 0)
        await #expect(throws: ChannelGap.self) { _ = try await channel.receive() }
    }

    @Test func cancellingAWaiterThrowsAndLeavesTheChannelWorking() async throws {
        let channel = SequencedChannel<Int>(capacity: 1, producers: 1)
        let receiver = Task { try await channel.receive() }
        await waitUntil { channel.waitingReceivers == 1 }
        receiver.cancel()
        await #expect(throws: CancellationError.self) { _ = try await receiver.value }
        #expect(channel.waitingReceivers == 0)
        try await channel.send(0, sequence: 0)
        let sender = Task { try await channel.send(10, sequence: 1) }
        await waitUntil { channel.waitingSenders == 1 }
        sender.cancel()
        await #expect(throws: CancellationError.self) { try await sender.value }
        #expect(channel.waitingSenders == 0)
        #expect(try await channel.receive()?.element == 0)
        #expect(channel.backlog == 0, "the cancelled sender's element was dropped")
    }

    @Test func aCancelledTaskThrowsInsteadOfStartingToWait() async throws {
        let channel = SequencedChannel<Int>(capacity: 1, producers: 1)
        let sending = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await channel.send(0, sequence: 0)
            try await channel.send(10, sequence: 1)
        }
        await #expect(throws: CancellationError.self) { try await sending.value }
        #expect(channel.backlog == 1, "what fits is still sent")
        let receiving = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            let first = try await channel.receive()
            _ = try await channel.receive()
            return first
        }
        await #expect(throws: CancellationError.self) { _ = try await receiving.value }
        #expect(channel.backlog == 0, "what is ready is still received")
        #expect(channel.waitingSenders == 0 && channel.waitingReceivers == 0)
    }

    @Test func closesOnlyAfterEveryProducerFinished() async throws {
        let channel = SequencedChannel<Int>(capacity: 4, producers: 2)
        try await channel.send(7, sequence: 0)
        channel.finish()
        #expect(try await channel.receive()?.element == 7)
        let pending = Task { try await channel.receive() }
        await waitUntil { channel.waitingReceivers == 1 }
        channel.finish()
        #expect(try await pending.value == nil)
    }
}
