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

/// The signature straight from its definition: the minimum of `a_i · x + b_i` over the set.
private func definitionSignature(of shingles: [UInt64], hashCount: Int, seed: UInt64) -> [UInt64] {
    var stream = SplitMix64(seed: seed)
    let parameters = (0..<hashCount).map { _ in (a: stream.next() | 1, b: stream.next()) }
    return parameters.map { a, b in shingles.reduce(MinHasher.emptyValue) { min($0, a &* $1 &+ b) } }
}

@Test(arguments: [1, 7, 16, 17, 120, 200])
func signaturesEqualTheDefinitionAtEveryLength(hashCount: Int) {
    var random = SplitMix64(seed: UInt64(hashCount))
    for size in [0, 1, 3, 280, 1_001] {
        let shingles = (0..<size).map { _ in random.next() }
        let hasher = MinHasher(hashCount: hashCount, seed: 99)
        #expect(hasher.signature(of: shingles) == definitionSignature(of: shingles, hashCount: hashCount, seed: 99))
    }
}

@Test func fingerprintsIgnoreTheOrderAndRepeatsOfShingles() {
    let shingler = Shingler()
    let hasher = MinHasher()
    let tokens = shingler.tokenHashes(of: WireStory.body + " " + WireStory.body)
    let inTextOrder = shingler.shingleHashes(ofTokens: tokens)
    let sortedUnique = shingler.shingles(ofTokens: tokens)
    #expect(inTextOrder.count > sortedUnique.count)
    #expect(Set(inTextOrder) == Set(sortedUnique))
    #expect(hasher.signature(of: inTextOrder) == hasher.signature(of: sortedUnique))
    #expect(Fingerprinter().fingerprint(title: nil, body: WireStory.body).signature == hasher.signature(of: shingler.shingles(of: WireStory.body)))
}
