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

    /// The document's place under the policy as one integer: of two documents, the one with
    /// the lower `(rank, input position)` is kept, so ``DiskClusterer`` picks survivors from
    /// integers alone. An `earliest_date` rank is the date as `YYYYMMDD`; a date that is not a
    /// real ISO date (no source makes one) ranks after every real date and before no date; a
    /// `longest_body` rank is the body's length negated; a `source_priority` rank is the place
    /// of the first entry the document matches.
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
    static func rank(of document: DedupeDocument, in sources: [String]) -> Int {
        sources.firstIndex { document.sourcePath.hasPrefix($0) || document.section == $0 } ?? sources.count
    }
}
