import Foundation

@testable import Copydesk

/// The generated articles of the history migration tests: stored articles made from their
/// number, with ids of 16 hex digits as Copydesk makes them but every seventh in free text, and
/// their fingerprints under the default dedupe configuration.
struct HistoryMigrationArticles {
    /// The configuration the fingerprints are made with.
    let config = DedupeConfig()
    /// Added to an article's number to seed its generator, so each test has articles of its own.
    let seed: UInt64

    /// Stored article `number`: 300 shingles made from its number, an id and an exact key.
    func stored(_ number: Int) -> (id: String, shingles: [UInt64], exactKey: ContentKey) {
        var random = SplitMix64(seed: UInt64(number) &+ seed)
        let id = number % 7 == 0 ? "Wire-\(number)" : String(format: "%016llx", random.next())
        return (id, (0..<300).map { _ in random.next() }, ContentKey(high: random.next(), low: random.next()))
    }

    /// The fingerprint of `shingles` with `exactKey`.
    func fingerprint(_ shingles: [UInt64], _ exactKey: ContentKey) -> DocumentFingerprint {
        DocumentFingerprint(exactKey: exactKey, signature: MinHasher(hashCount: config.hashCount, seed: config.seed).signature(of: shingles))
    }

    /// A near or far copy of stored article `number`: its first `replaced` shingles replaced
    /// by new ones from `random`, under an exact key of its own.
    func copy(of number: Int, replacing replaced: Int, _ random: inout SplitMix64) -> DocumentFingerprint {
        var shingles = stored(number).shingles
        for position in 0..<replaced { shingles[position] = random.next() }
        return fingerprint(shingles, ContentKey(high: random.next(), low: random.next()))
    }
}
