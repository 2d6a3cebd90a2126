/// The full personal names of one article (`Vladimir Putin`), in text order, for linking the
/// short mentions that use one of their words (`Putin`).
struct FullNames {
    /// One full name: its first token, canonical form and the hashes of its words.
    private struct Name {
        let first: Int
        let canonical: String
        let words: [UInt64]
    }

    private var names: [Name] = []
    /// Every word of every name, to answer most lookups without looking at the names.
    private var allWords = HashSet64()

    /// Adds a name starting at token `first`.
    mutating func add(first: Int, canonical: String, words: [UInt64]) {
        names.append(Name(first: first, canonical: canonical, words: words))
        for word in words { allWords.insert(word) }
    }

    /// The full name a word hashing to `hash` at token `position` stands for: among the names
    /// holding the word (those ending with it, when there are any), the last one starting at
    /// or before `position`, else the first one.
    func name(for hash: UInt64, at position: Int) -> String? {
        guard allWords.contains(hash) else { return nil }
        var firstHolding: Int?
        var lastHoldingBefore: Int?
        var firstEnding: Int?
        var lastEndingBefore: Int?
        for (index, name) in names.enumerated() where name.words.contains(hash) {
            if firstHolding == nil { firstHolding = index }
            if name.first <= position { lastHoldingBefore = index }
            guard name.words.last == hash else { continue }
            if firstEnding == nil { firstEnding = index }
            if name.first <= position { lastEndingBefore = index }
        }
        let chosen = firstEnding != nil ? (lastEndingBefore ?? firstEnding) : (lastHoldingBefore ?? firstHolding)
        return chosen.map { names[$0].canonical }
    }
}
