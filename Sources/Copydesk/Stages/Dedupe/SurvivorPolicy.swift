/// Which member of a cluster of duplicates is kept; the others are marked as its duplicates.
/// Every policy breaks ties by input order (the first document wins).
public enum SurvivorPolicy: Sendable, Equatable {
    /// The document with the earliest ISO date; documents without a date come last.
    case earliestDate
    /// The document with the longest body.
    case longestBody
    /// The document whose source path starts with, or whose section equals, the earliest entry
    /// of the list; documents matching no entry come last.
    case sourcePriority([String])

    /// True when document `lhs` (input position `lhsIndex`) is kept in preference to `rhs`.
    func prefers(_ lhs: DedupeDocument, at lhsIndex: Int, over rhs: DedupeDocument, at rhsIndex: Int) -> Bool {
        switch self {
        case .earliestDate:
            switch (lhs.date, rhs.date) {
            case (let left?, let right?) where left != right: return left < right
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
        case .longestBody:
            if lhs.bodyLength != rhs.bodyLength { return lhs.bodyLength > rhs.bodyLength }
        case .sourcePriority(let sources):
            let left = Self.rank(of: lhs, in: sources)
            let right = Self.rank(of: rhs, in: sources)
            if left != right { return left < right }
        }
        return lhsIndex < rhsIndex
    }

    /// The document's place under the policy as one integer: `prefers(a, at: i, over: b, at: j)`
    /// holds exactly when `(rank(of: a), i) < (rank(of: b), j)`, so a sharded run's `cluster`
    /// phase picks survivors from integers alone. An `earliest_date` rank is the date as
    /// `YYYYMMDD`; a date that is not a real ISO date (no source makes one) ranks after every
    /// real date and before no date.
    public func rank(of document: DedupeDocument) -> Int64 {
        switch self {
        case .earliestDate:
            guard let date = document.date else { return .max }
            guard let (year, month, day) = ISODate.parse(date) else { return .max - 1 }
            return Int64(year * 10_000 + month * 100 + day)
        case .longestBody: return -Int64(document.bodyLength)
        case .sourcePriority(let sources): return Int64(Self.rank(of: document, in: sources))
        }
    }

    /// Position of the first entry the document matches, or `sources.count` when none does.
    private static func rank(of document: DedupeDocument, in sources: [String]) -> Int {
        sources.firstIndex { document.sourcePath.hasPrefix($0) || document.section == $0 } ?? sources.count
    }
}
