/// A word list of one language, `Resources/language/<code>/<name>`, whose entries carry kinds,
/// so several rules share one list and each reads only the entries of the kinds it needs.
///
/// Each line is an entry followed by the names of its kinds, separated by spaces
/// (`Mr. title glued`, `According after-abbreviation after-heading`); the entry itself may hold
/// a space (`et al. ambiguous`). `#` starts a comment line; blank lines are ignored. A line that
/// names no kind or an unknown one is an error naming the file and the line.
struct LanguageWordList<Kind>: Sendable
where Kind: RawRepresentable & CaseIterable & Hashable & Sendable, Kind.RawValue == String {
    /// One line of the list.
    struct Entry: Sendable {
        /// The word or abbreviation as written.
        let text: String
        /// The kinds the line names.
        let kinds: Set<Kind>
    }

    /// The file's path below `Resources/`.
    let relativePath: String
    /// The entries, in file order.
    let entries: [Entry]

    /// Loads `Resources/language/<language>/<name>`.
    init(language: String, name: String) throws {
        let relativePath = "language/\(language)/\(name)"
        try self.init(lines: BundledData.entries(relativePath), relativePath: relativePath)
    }

    /// Reads `lines` (without comments and blank lines) of the list at `relativePath`.
    init(lines: [String], relativePath: String) throws {
        self.relativePath = relativePath
        entries = try lines.map { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let firstKind = fields.firstIndex(where: { Kind(rawValue: $0) != nil }), firstKind > 0 else {
                let known = Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw BundledData.MalformedEntry(
                    relativePath: relativePath, entry: line, problem: "expected an entry followed by its kinds (\(known))")
            }
            var kinds = Set<Kind>()
            for field in fields[firstKind...] {
                guard let kind = Kind(rawValue: field) else {
                    throw BundledData.MalformedEntry(relativePath: relativePath, entry: line, problem: "unknown kind '\(field)'")
                }
                kinds.insert(kind)
            }
            return Entry(text: fields[..<firstKind].joined(separator: " "), kinds: kinds)
        }
    }

    /// The entries carrying `kind`, in file order.
    func entries(ofKind kind: Kind) -> [String] {
        entries.filter { $0.kinds.contains(kind) }.map(\.text)
    }
}
