import Testing

@testable import Copydesk

@Suite("radix sort")
struct RadixSortTests {
    @Test func sortsAsTheStandardSortDoes() {
        var random = SplitMix64(seed: 3)
        let samples: [[UInt64]] = [
            [], [7], [3, 1, 2, 1], (0..<5_000).map { _ in random.next() }, (0..<5_000).map { _ in random.next() % 40 },
            (0..<1_000).map { UInt64($0) << 48 | 5 }.reversed(), [.max, 0, .max, 1 << 63, 1 << 32],
        ]
        for sample in samples {
            var sorted = sample
            sorted.radixSort()
            #expect(sorted == sample.sorted())
        }
    }

    @Test func aSortByKeyIsStable() {
        var random = SplitMix64(seed: 8)
        // Few distinct keys, so most share theirs with others; the position records the order.
        let pairs = (0..<3_000).map { position in (key: random.next() % 50 | (random.next() % 3) << 60, position: position) }
        var sorted = pairs
        sorted.radixSort { $0.key }
        #expect(sorted.map(\.position) == pairs.sorted { ($0.key, $0.position) < ($1.key, $1.position) }.map(\.position))
        var wide = pairs
        wide.radixSort(digitBits: 16) { $0.key }
        #expect(wide.map(\.position) == sorted.map(\.position))
    }
}
