/// The options of every source that reads saved pages (`html`, `files`): the shortest body kept
/// as an article and the largest page read, declared once.
public struct HTMLPageOptions: Sendable, Equatable {
    /// Shortest body kept as an article, in characters.
    public var minCharacters = 200
    /// Largest page read, in bytes.
    public var maxPageBytes = 64 << 20

    /// The defaults.
    public init() {}
}

/// An options type of a source that reads saved pages: it holds ``HTMLPageOptions`` as `page`.
protocol HTMLPageSourceOptions: DeclaredOptions {
    /// Shortest body kept and largest page read.
    var page: HTMLPageOptions { get set }
}

extension HTMLPageSourceOptions {
    /// The `min_characters` and `max_page_bytes` fields, declared once for every page source.
    static var pageFields: [OptionField<Self>] {
        [
            .integer(
                "min_characters", \.page.minCharacters, in: 0...100_000,
                doc: "Shortest article body kept, in characters; shorter pages are quarantined as too_short."),
            .integer(
                "max_page_bytes", \.page.maxPageBytes, in: 1_024...(1 << 30),
                doc: "Largest page read, in bytes; larger files are quarantined as page_too_large."),
        ]
    }
}
