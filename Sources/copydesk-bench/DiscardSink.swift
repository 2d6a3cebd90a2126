import Copydesk

/// A sink that drops every article, so a pipeline of a source and this sink times the source
/// (and the runner's batching) alone. Registered as `discard` in ``SourceReadRun``'s registry
/// only; pipelines run by `copydesk` cannot name it.
struct DiscardSink: SinkStage {
    /// The stage's `type:` name in the benchmark's pipelines.
    static let typeName = "discard"
    /// One line on what the stage does.
    static let summary = "Drops every article."

    /// Builds the sink; it takes no options.
    init(options: NoOptions, context: StageContext) {}

    /// Drops the batch.
    func write(_ articles: [Article]) async throws {}

    /// Nothing was written, so nothing is made visible.
    func commit() async throws {}

    /// Nothing was written, so nothing is thrown away.
    func discard() async {}
}
