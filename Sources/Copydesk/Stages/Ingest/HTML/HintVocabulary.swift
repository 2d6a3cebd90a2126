/// The words ``ContentHints`` looks for, bucketed by first byte so a class name is matched on
/// its bytes with a handful of comparisons and no strings made.
struct HintVocabulary: Sendable {
    /// What a word says; a word may say several things.
    struct Roles: OptionSet, Sendable {
        let rawValue: UInt8
        /// Boilerplate whatever else the names say.
        static let strong = Roles(rawValue: 1)
        /// Boilerplate unless a content name is there.
        static let weak = Roles(rawValue: 2)
        /// A content name.
        static let positive = Roles(rawValue: 4)
        /// Lowers a container's score.
        static let negative = Roles(rawValue: 8)
        /// A date line.
        static let date = Roles(rawValue: 16)
    }

    private struct Entry: Sendable {
        var bytes: [UInt8]
        var roles: Roles
        /// Matches names that start with the bytes, not only names equal to them.
        var isPrefix: Bool
    }

    private var buckets: [[Entry]] = Array(repeating: [], count: 256)
    private var exceptions: [[UInt8]]

    /// A table of prefixes and whole words with their roles; `exceptions` are names that say
    /// nothing though they start like a listed word (`commentary`).
    init(prefixes: [([String], Roles)], words: [([String], Roles)], exceptions: [String]) {
        self.exceptions = exceptions.map { Array($0.utf8) }
        for (list, roles) in prefixes { for word in list { add(word, roles, isPrefix: true) } }
        for (list, roles) in words { for word in list { add(word, roles, isPrefix: false) } }
    }

    private mutating func add(_ word: String, _ roles: Roles, isPrefix: Bool) {
        let bytes = Array(word.utf8)
        guard let first = bytes.first else { return }
        buckets[Int(first)].append(Entry(bytes: bytes, roles: roles, isPrefix: isPrefix))
    }

    /// What `name` says. Prefixes of the negative role only count for whole names (`whole`).
    func roles<Name: Collection<UInt8>>(of name: Name, whole: Bool) -> Roles {
        guard let first = name.first else { return [] }
        var found: Roles = []
        for entry in buckets[Int(first)] {
            guard entry.isPrefix ? name.starts(with: entry.bytes) : name.elementsEqual(entry.bytes) else { continue }
            if entry.roles == .negative, !whole { continue }
            found.formUnion(entry.roles)
        }
        if !found.isEmpty, exceptions.contains(where: { name.elementsEqual($0) }) { return [] }
        return found
    }
}
