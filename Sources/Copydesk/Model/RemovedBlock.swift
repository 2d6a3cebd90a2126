/// A block normalisation removed because it repeated another block of the same article.
public struct RemovedBlock: Sendable, Codable, Equatable {
    /// Why the block was removed (`flattened_copy`, `repeated_lead`, `repeated_paragraph`, `pasted_twice`).
    public var kind: String
    /// Where the block stood (`summary`, or `paragraph N` counted from 0 before removal).
    public var location: String
    /// Fraction of the block's words found in the block that was kept.
    public var containment: Double

    /// Creates a removed-block record.
    public init(kind: String, location: String, containment: Double) {
        self.kind = kind
        self.location = location
        self.containment = containment
    }
}
