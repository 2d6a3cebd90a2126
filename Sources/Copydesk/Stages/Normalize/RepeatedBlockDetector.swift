/// Finds blocks of one article that repeat other blocks of the same article, and says which to
/// remove and why. The structured copy (the body paragraphs, earliest first) is kept; the
/// flattened or later copy is removed.
///
/// Blocks are compared as sets of word 3-shingles (``Shingler``: lowercased, ASCII-folded
/// tokens hashed to `UInt64`, held in a ``ShingleSet``); a block of fewer than three words is one
/// shingle of all its words.
/// The measure is containment: the fraction of a block's shingles found in the kept blocks.
/// Every check is one pass over the shingles with hash lookups, so the detector runs in time
/// linear in the article's length.
///
/// Cases, in the order they are checked:
/// - `pasted_twice`: paragraphs `k..<n` repeat `0..<k` (each copy contains ≥ `threshold` of the
///   other, `k` within two paragraphs of the middle); the whole second copy is removed.
/// - `repeated_lead`: paragraph 1 repeats paragraph 0, or the summary repeats the first kept
///   paragraph (the summary is then no standfirst of its own).
/// - `repeated_paragraph`: a later paragraph (or the summary) repeats one earlier paragraph.
/// - `flattened_copy`: the summary is spread over several paragraphs of the body (a re-paste of
///   the body with its breaks lost).
///
/// Blocks with fewer than `minimumWords` words are only removed as part of a `pasted_twice`
/// copy; a short genuine summary sharing a few words with the body is kept.
public struct RepeatedBlockDetector: Sendable {
    /// Minimum containment for a block to count as a repeat.
    public let threshold: Double
    /// Minimum number of words for a block to be checked on its own.
    public let minimumWords: Int
    private let shingler = Shingler(size: 3)

    /// Creates a detector.
    public init(threshold: Double = 0.8, minimumWords: Int = 6) {
        self.threshold = threshold
        self.minimumWords = minimumWords
    }

    /// The blocks to remove from an article with an optional summary line and body paragraphs
    /// (headings included, in order).
    public func detect(summary: String?, paragraphs: [String]) -> RepeatedBlocks {
        let blocks = paragraphs.map { BlockShingles(text: $0, shingler: shingler) }
        var result = RepeatedBlocks()
        let copyStart = pastedTwiceStart(blocks)
        if let copyStart {
            let head = Self.union(of: blocks[..<copyStart])
            for index in copyStart..<blocks.count {
                result.removedParagraphs[index] = RemovedBlock(
                    kind: RemovedBlockKind.pastedTwice, location: "paragraph \(index)",
                    containment: head.set.containment(of: blocks[index].shingles))
            }
        }
        // First kept paragraph holding each shingle.
        var owners = ShingleOwners(capacity: blocks.reduce(0) { $0 + $1.shingles.count })
        for index in 0..<(copyStart ?? blocks.count) {
            let block = blocks[index]
            if block.wordCount >= minimumWords, let repeated = repeatSource(block, owners: owners) {
                let kind = index == 1 && repeated.source == 0 ? RemovedBlockKind.repeatedLead : RemovedBlockKind.repeatedParagraph
                result.removedParagraphs[index] = RemovedBlock(
                    kind: kind, location: "paragraph \(index)", containment: repeated.containment)
                continue
            }
            for shingle in block.shingles { owners.claim(shingle, for: index) }
        }
        if let summary {
            result.removeSummary = summaryRepeat(
                BlockShingles(text: summary, shingler: shingler),
                blocks: blocks, owners: owners)
        }
        return result
    }

    /// The paragraph where a second copy of the whole body starts, if the body was pasted twice.
    private func pastedTwiceStart(_ blocks: [BlockShingles]) -> Int? {
        let count = blocks.count
        guard count >= 2, !blocks[0].shingles.isEmpty else { return nil }
        let middle = count / 2
        for start in max(1, middle - 2)...min(count - 1, middle + 2)
        where blocks[0].set.containment(of: blocks[start].shingles) >= threshold {
            let head = Self.union(of: blocks[..<start])
            let tail = Self.union(of: blocks[start...])
            if head.set.containment(of: tail.shingles) >= threshold && tail.set.containment(of: head.shingles) >= threshold {
                return start
            }
        }
        return nil
    }

    /// The earlier paragraph `block` repeats and the containment of `block` in the kept ones, or
    /// nil when it is not a repeat.
    private func repeatSource(_ block: BlockShingles, owners: ShingleOwners) -> (source: Int, containment: Double)? {
        guard !block.shingles.isEmpty else { return nil }
        var found: [Int] = []
        found.reserveCapacity(block.shingles.count)
        for shingle in block.shingles {
            if let owner = owners.owner(of: shingle) { found.append(owner) }
        }
        let containment = Double(found.count) / Double(block.shingles.count)
        guard containment >= threshold else { return nil }
        // The owner holding most of the block's shingles; the earliest on a tie.
        found.sort()
        var source = 0
        var best = 0
        var start = 0
        while start < found.count {
            var end = start
            while end < found.count, found[end] == found[start] { end += 1 }
            if end - start > best {
                best = end - start
                source = found[start]
            }
            start = end
        }
        return (source, containment)
    }

    /// Why the summary is removed, or nil when it is a genuine summary.
    private func summaryRepeat(_ summary: BlockShingles, blocks: [BlockShingles], owners: ShingleOwners) -> RemovedBlock? {
        guard summary.wordCount >= minimumWords, let repeated = repeatSource(summary, owners: owners) else { return nil }
        let single = blocks[repeated.source].set.containment(of: summary.shingles)
        let firstKept = owners.smallestOwner ?? 0
        let kind: String
        if single >= threshold {
            kind = repeated.source == firstKept ? RemovedBlockKind.repeatedLead : RemovedBlockKind.repeatedParagraph
        } else {
            kind = RemovedBlockKind.flattenedCopy
        }
        return RemovedBlock(kind: kind, location: "summary", containment: repeated.containment)
    }

    /// The distinct shingles of `blocks`, in order of first appearance, and their set.
    private static func union(of blocks: ArraySlice<BlockShingles>) -> (shingles: [UInt64], set: ShingleSet) {
        var set = ShingleSet(capacity: blocks.reduce(0) { $0 + $1.shingles.count })
        var shingles: [UInt64] = []
        for block in blocks {
            for shingle in block.shingles where set.insert(shingle) { shingles.append(shingle) }
        }
        return (shingles, set)
    }
}

/// Blocks an article should lose because they repeat other blocks.
public struct RepeatedBlocks: Sendable, Equatable {
    /// Why the summary line is removed, or nil to keep it.
    public var removeSummary: RemovedBlock?
    /// Paragraphs to remove, by index into the paragraphs given (counted from 0 before removal).
    public var removedParagraphs: [Int: RemovedBlock]

    /// Creates a result; empty by default.
    public init(removeSummary: RemovedBlock? = nil, removedParagraphs: [Int: RemovedBlock] = [:]) {
        self.removeSummary = removeSummary
        self.removedParagraphs = removedParagraphs
    }
}

/// The `kind` values of ``RemovedBlock`` that ``RepeatedBlockDetector`` reports.
public enum RemovedBlockKind {
    /// The summary is the body re-pasted with its breaks lost.
    public static let flattenedCopy = "flattened_copy"
    /// The lead repeated: paragraph 1 repeats paragraph 0, or the summary repeats the lead.
    public static let repeatedLead = "repeated_lead"
    /// A paragraph repeats one earlier paragraph.
    public static let repeatedParagraph = "repeated_paragraph"
    /// The second copy of a body pasted twice.
    public static let pastedTwice = "pasted_twice"
}

/// A block's word count and distinct shingles, in order of first appearance, with their set.
private struct BlockShingles {
    let wordCount: Int
    let shingles: [UInt64]
    let set: ShingleSet

    init(text: String, shingler: Shingler) {
        let tokens = shingler.tokenHashes(of: text)
        wordCount = tokens.count
        let windows = shingler.shingleHashes(ofTokens: tokens)
        var set = ShingleSet(capacity: windows.count)
        var distinct: [UInt64] = []
        distinct.reserveCapacity(windows.count)
        for shingle in windows where set.insert(shingle) { distinct.append(shingle) }
        shingles = distinct
        self.set = set
    }
}
