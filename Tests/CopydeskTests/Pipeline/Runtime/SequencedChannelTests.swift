import Testing
@testable import Copydesk

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

    @Test func aSenderTooFarAheadWaitsUntilTheGapIsReceived() async throws {
        let channel = SequencedChannel<Int>(capacity: 2, producers: 1)
        try await channel.send(0, sequence: 0)
        try await channel.send(1, sequence: 1)
        let blocked = Task { try await channel.send(2, sequence: 2); return channel.backlog }
        try await Task.sleep(for: .milliseconds(20))
        #expect(channel.backlog == 2)
        #expect(try await channel.receive()?.element == 0)
        #expect(try await blocked.value <= 2)
        channel.finish()
        #expect(try await channel.receive()?.element == 1)
        #expect(try await channel.receive()?.element == 2)
        #expect(try await channel.receive()?.element == nil)
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
        #expect(try await channel.receive()?.element == nil)
    }

    @Test func takingReadyElementsLetsAWaitingSenderIn() async throws {
        let channel = SequencedChannel<Int>(capacity: 2, producers: 1)
        try await channel.send(0, sequence: 0)
        try await channel.send(1, sequence: 1)
        let blocked = Task { try await channel.send(2, sequence: 2) }
        try await Task.sleep(for: .milliseconds(20))
        #expect(channel.receiveReady(limit: 8) == [0, 1])
        try await blocked.value
        #expect(channel.receiveReady(limit: 8) == [2])
    }

    @Test func failureWakesWaitingReceivers() async throws {
        struct Stop: Error {}
        let channel = SequencedChannel<Int>(capacity: 2, producers: 1)
        let waiting = Task { try await channel.receive() }
        try await Task.sleep(for: .milliseconds(10))
        channel.fail(Stop())
        await #expect(throws: Stop.self) { _ = try await waiting.value }
    }

    @Test func closesOnlyAfterEveryProducerFinished() async throws {
        let channel = SequencedChannel<Int>(capacity: 4, producers: 2)
        try await channel.send(7, sequence: 0)
        channel.finish()
        #expect(try await channel.receive()?.element == 7)
        let pending = Task { try await channel.receive() }
        try await Task.sleep(for: .milliseconds(10))
        channel.finish()
        #expect(try await pending.value == nil)
    }
}
