import Testing

@testable import Copydesk

@Test func signaturesAreDeterministicPerSeed() {
    let shingles = Shingler().shingles(of: WireStory.body)
    let first = MinHasher(hashCount: 128, seed: 7).signature(of: shingles)
    #expect(first == MinHasher(hashCount: 128, seed: 7).signature(of: shingles))
    #expect(first != MinHasher(hashCount: 128, seed: 8).signature(of: shingles))
    #expect(first.count == 128)
    #expect(first.allSatisfy { $0 != MinHasher.emptyValue })
    // Stored histories depend on these exact values: changing the hash family breaks them.
    #expect(MinHasher(hashCount: 2, seed: 7).signature(of: [1, 2, 3]) == [3_436_214_101_562_527_649, 5_261_238_947_619_645_396])
    #expect(MinHasher(hashCount: 4).signature(of: []) == [UInt64](repeating: .max, count: 4))
}

@Test func estimatedJaccardTracksExactJaccard() {
    let hasher = MinHasher(hashCount: 512, seed: 1)
    let a = (0..<1000).map { StableHash.mix64(UInt64($0)) }.sorted()
    let b = (300..<1300).map { StableHash.mix64(UInt64($0)) }.sorted()
    let exact = Jaccard.similarity(a, b)
    let estimate = MinHasher.estimatedJaccard(hasher.signature(of: a), hasher.signature(of: b))
    #expect(abs(exact - 700.0 / 1300.0) < 1e-12)
    #expect(abs(estimate - exact) < 0.07)
    #expect(MinHasher.estimatedJaccard(hasher.signature(of: a), hasher.signature(of: a)) == 1)
}

@Test(arguments: [
    (0.3, 0.2291), (0.5, 0.8732), (0.6, 0.9882), (0.75, 1.0), (0.8, 1.0),
])
func defaultBandingSCurve(similarity: Double, probability: Double) {
    let value = LSHIndex.collisionProbability(similarity: similarity, bands: 32, rows: 4)
    #expect(abs(value - probability) < 0.0005)
}

@Test func sCurveIsMonotoneAndBandingRecallsAtTheThreshold() {
    let points = stride(from: 0.0, through: 1.0, by: 0.05).map { LSHIndex.collisionProbability(similarity: $0, bands: 32, rows: 4) }
    #expect(points == points.sorted())
    #expect(points.first == 0)
    #expect(points.last == 1)
    #expect(LSHIndex.collisionProbability(similarity: 0.8, bands: 32, rows: 4) >= 0.99)
    #expect(LSHIndex.collisionProbability(similarity: 0.8, bands: 16, rows: 8) < 0.99)
}

@Test func lshFindsNearCopiesAndNotStrangers() {
    let fingerprinter = Fingerprinter()
    var index = LSHIndex()
    index.insert(id: 0, signature: fingerprinter.fingerprint(title: nil, body: WireStory.body).signature)
    index.insert(id: 1, signature: fingerprinter.fingerprint(title: nil, body: WireStory.sameTopicDifferentStory).signature)
    let copy = fingerprinter.fingerprint(title: nil, body: WireStory.withAddedParagraph).signature
    #expect(index.candidates(for: copy) == [0])
    #expect(index.bandKeys(of: copy).count == 40)
    #expect(index.entryCount == 80)
}
