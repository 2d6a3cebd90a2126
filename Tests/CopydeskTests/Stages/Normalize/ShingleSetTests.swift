import Testing

@testable import Copydesk

@Suite("shingle set")
struct ShingleSetTests {
    @Test func holdsWhatASetHoldsZeroIncluded() {
        var random = SplitMix64(seed: 5)
        // Low bits collide on purpose (same slot), zero is the empty slot's mark.
        let values: [UInt64] = [0, 0, 1, 17, 33, 1 << 40, 1 << 40 | 1, .max] + (0..<500).map { _ in random.next() % 700 }
        var set = ShingleSet(capacity: values.count)
        var reference = Set<UInt64>()
        for value in values {
            #expect(set.insert(value) == reference.insert(value).inserted)
        }
        for probe in (0..<800).map(UInt64.init) + [1 << 40, 1 << 40 | 1, .max, 1 << 41] {
            #expect(set.contains(probe) == reference.contains(probe))
        }
        #expect(ShingleSet(capacity: 0).contains(0) == false)
    }

    @Test func containmentIsTheShareOfDistinctShinglesFound() {
        var set = ShingleSet(capacity: 4)
        for value: UInt64 in [2, 4, 6, 0] { set.insert(value) }
        #expect(set.containment(of: [0, 1, 2, 3]) == 0.5)
        #expect(set.containment(of: [6]) == 1)
        #expect(set.containment(of: []) == 0)
    }
}
