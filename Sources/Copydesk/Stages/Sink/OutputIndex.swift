/// A secondary index of an output table, which readers query by (articles by date, entities by
/// canonical name): the `sqlite` and `postgres` sinks both build it under this name.
public struct OutputIndex: Sendable, Equatable {
    /// The index's name in the database (`articles_date`).
    public let name: String
    /// The indexed columns, in order.
    public let columns: [String]
}
