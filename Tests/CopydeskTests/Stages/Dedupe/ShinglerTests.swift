import Testing

@testable import Copydesk

@Test func tokensIgnoreCasePunctuationAndLatinAccents() {
    let shingler = Shingler(size: 3)
    #expect(shingler.tokenHashes(of: "The Union's offer — at Setúbal!") == shingler.tokenHashes(of: "the unions OFFER at setubal"))
    #expect(shingler.tokenHashes(of: "the union\u{2019}s offer") == shingler.tokenHashes(of: "the union's offer"))
    #expect(shingler.tokenHashes(of: "Russian-Chinese ties").count == 3)
    #expect(shingler.tokenHashes(of: "  ...  ").isEmpty)
}

@Test func tokenHashIsFNV1a64OfTheFoldedWord() {
    // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (published test vector).
    #expect(Shingler().tokenHashes(of: "A") == [0xAF63_DC4C_8601_EC8C])
    #expect(StableHash.fnv1a64(Array("foobar".utf8)) == 0x8594_4171_F739_67E8)
}

@Test func shinglesAreSortedUniqueAndStable() {
    let shingler = Shingler(size: 3)
    let shingles = shingler.shingles(of: "the port the port the port")
    // Windows: "the port the", "port the port" (each repeated).
    #expect(shingles.count == 2)
    #expect(shingles == shingles.sorted())
    #expect(shingler.shingles(of: "dock workers").count == 1)
    #expect(shingler.shingles(of: "") == [])
    #expect(shingler.shingles(of: "dock workers walked out") == Shingler(size: 3).shingles(of: "Dock workers, walked out."))
}

@Test func shingleOrderMatters() {
    let shingler = Shingler(size: 2)
    #expect(shingler.shingles(of: "port strike") != shingler.shingles(of: "strike port"))
}

@Test func jaccardAndContainmentByMergeWalk() {
    let a: [UInt64] = [1, 3, 5, 7]
    let b: [UInt64] = [3, 4, 5, 6, 7, 8]
    #expect(Jaccard.intersectionCount(a, b) == 3)
    #expect(Jaccard.similarity(a, b) == 3.0 / 7.0)
    #expect(Jaccard.containment(of: a, in: b) == 0.75)
    #expect(Jaccard.similarity([], []) == 0)
}

@Test func unionFindRootsAreSmallestMembersWhateverTheOrder() {
    var forward = UnionFind(count: 6)
    forward.union(4, 5)
    forward.union(5, 1)
    forward.union(2, 3)
    var backward = UnionFind(count: 6)
    backward.union(3, 2)
    backward.union(1, 5)
    backward.union(5, 4)
    #expect(forward.clusters() == [[1, 4, 5], [2, 3]])
    #expect(backward.clusters() == [[1, 4, 5], [2, 3]])
    #expect(forward.find(5) == 1)
    #expect(forward.union(4, 1) == false)
}

@Test func contentKeyIgnoresFormattingButNotWords() {
    let fingerprinter = Fingerprinter()
    let a = fingerprinter.fingerprint(title: "Port strike", body: WireStory.body)
    let b = fingerprinter.fingerprint(title: "PORT STRIKE", body: WireStory.paragraphs.joined(separator: "\n"))
    let c = fingerprinter.fingerprint(title: "Port strike", body: WireStory.withTypoFixes)
    #expect(a.exactKey == b.exactKey)
    #expect(a.exactKey != c.exactKey)
    #expect(a.exactKey.description.count == 32)
    #expect(ContentKey(digest: [0x01, 0x02] + [UInt8](repeating: 0, count: 30)).description == "0102" + String(repeating: "0", count: 28))
}
