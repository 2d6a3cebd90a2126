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
}
