/// Which annotations the extract stage produces.
public struct ExtractionOptions: Sendable, Equatable {
    /// Find and resolve date mentions (and fill a missing article date).
    public var dates = true
    /// Find money, percentages and quantities.
    public var amounts = true
    /// Find quotations and their speakers.
    public var quotes = true
    /// Find people, organisations, places and groups.
    public var entities = true

    /// Options with every annotation switched on unless told otherwise.
    public init(dates: Bool = true, amounts: Bool = true, quotes: Bool = true, entities: Bool = true) {
        self.dates = dates
        self.amounts = amounts
        self.quotes = quotes
        self.entities = entities
    }
}
