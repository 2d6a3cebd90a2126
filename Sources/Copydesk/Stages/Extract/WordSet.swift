/// A set of single words, tested against tokens by their lower-cased hash.
struct WordSet: Sendable {
    private let hashes: HashSet64

    /// Builds the set from words (case is ignored).
    init<S: Sequence>(_ words: S) where S.Element == String {
        hashes = HashSet64(words.map { TokenScanner.hash($0.utf8) })
    }

    /// Whether the token is one of the words, ignoring case.
    @inline(__always) func contains(_ token: Token) -> Bool { hashes.contains(token.hash) }
}
