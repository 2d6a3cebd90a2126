import Testing

@testable import Copydesk

/// The keys-only hash set behind word lists and phrase tables.
struct HashSet64Tests {
    @Test func holdsWhatWasInsertedAndNothingElse() {
        var set = HashSet64()
        let members: [UInt64] = (1...1_000).map { $0 &* 0x9E37_79B9_7F4A_7C15 }
        for member in members { set.insert(member) }
        #expect(set.count == members.count)
        #expect(members.allSatisfy { set.contains($0) })
        #expect(!(1...1_000).contains { set.contains(($0 &* 0x9E37_79B9_7F4A_7C15) ^ 1) })
    }

    @Test func zeroIsAnOrdinaryMember() {
        var set = HashSet64()
        #expect(!set.contains(0))
        set.insert(0)
        set.insert(0)
        #expect(set.contains(0))
        #expect(set.count == 1)
    }

    @Test func insertingTwiceCountsOnce() {
        var set = HashSet64(capacity: 2)
        for _ in 0..<3 { for key: UInt64 in [7, 1 << 63, 42] { set.insert(key) } }
        #expect(set.count == 3)
        #expect(set.contains(1 << 63))
    }

    @Test func keysSharingAHomeSlotAreAllFound() {
        // Keys that differ only above the bits the home slot is taken from collide at first.
        let colliding: [UInt64] = (1...40).map { UInt64($0) << 58 }
        let set = HashSet64(colliding)
        #expect(colliding.allSatisfy { set.contains($0) })
        #expect(!set.contains(41 << 58))
    }
}
