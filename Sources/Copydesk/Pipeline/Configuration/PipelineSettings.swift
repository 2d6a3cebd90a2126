import Foundation

/// The pipeline-level keys of a pipeline file (`name`, `batch_size`, `quarantine`, ...),
/// declared like stage options: the property initial values are the defaults.
public struct PipelineSettings: DeclaredOptions, Equatable {
    /// The pipeline's name, used in summaries and run history.
    public var name = ""
    /// Articles per batch passed between stages.
    public var batchSize = 64
    /// Workers for each stateless transform without its own `workers:`; 0 means one per core
    /// (see ``workersPerTransform``).
    public var concurrency = 0
    /// Batches each channel between two stages may hold.
    public var buffer = 4
    /// Where rejected records go (JSON lines); `nil` keeps them in the log only.
    public var quarantine: String?
    /// Most records that may be quarantined before the run counts as failed.
    public var maxQuarantined = QuarantineLimit.unlimited
    /// State store holding the ledger of processed files; `nil` reads every file every run.
    public var ledger: String?
    /// Where the JSON run report goes, if anywhere.
    public var report: String?
    /// Where the Prometheus textfile-collector metrics go, if anywhere.
    public var metrics: String?
    /// Where the HTML run report goes, if anywhere.
    public var reportHTML: String?
    /// Seconds to wait for another run's lock; zero fails at once.
    public var lockWaitSeconds = 0
    /// Fewest articles the source must read for the run to succeed; a drop that is empty or
    /// holds only files the source does not read fails with exit 6 and commits nothing.
    public var minArticles = 0

    /// Every setting at its default.
    public init() {}

    /// How long to wait for another run's lock.
    public var lockWait: Duration { .seconds(lockWaitSeconds) }

    /// Workers for a stateless transform that sets no `workers:` of its own.
    public var workersPerTransform: Int {
        concurrency == 0 ? ProcessInfo.processInfo.activeProcessorCount : concurrency
    }

    /// The YAML keys, with their properties, types and docs.
    public static let fields: [OptionField<Self>] = [
        .string("name", \.name, required: true, doc: "Pipeline name, used in summaries and run history."),
        .integer("batch_size", \.batchSize, in: 1...100_000, doc: "Articles per batch passed between stages."),
        .integer(
            "concurrency", \.concurrency, in: 0...256, doc: "Workers for each stateless transform without its own `workers:`; 0 means one per core."),
        .integer("buffer", \.buffer, in: 1...1_024, doc: "Batches each channel between two stages may hold; bounds memory."),
        .path(
            "quarantine", \.quarantine, writes: .file, label: "the quarantine file",
            doc: "JSON-lines file for records that cannot be processed; empty keeps them in the log only."),
        .formatted(
            "max_quarantined", \.maxQuarantined, format: "a count (100) or a percentage (5%)", parse: QuarantineLimit.init,
            render: { $0 == .unlimited ? "" : $0.description },
            doc: "Fail the run (exit 4) when more records are quarantined: a count (`100`) or a share of records read (`5%`); empty for no limit."),
        .path(
            "ledger", \.ledger, writes: .stateStore, label: "the ledger",
            doc:
                "State store (a path, `sqlite:///path` or `postgres://host/database?schema=name`) recording finished input files, so a rerun skips them (resume); empty reads every file."
        ),
        .path(
            "report", \.report, writes: .file, label: "the run report",
            doc: "JSON file for the run report (counts, timings, balance); empty for none."),
        .path(
            "metrics", \.metrics, writes: .file, label: "the metrics file",
            doc: "Prometheus textfile-collector file (`*.prom`) for node_exporter; empty for none."),
        .path(
            "report_html", \.reportHTML, writes: .file, label: "the HTML run report",
            doc:
                "Self-contained HTML page of the run (balance, stages, quarantine examples, explained duplicates, contents, previous runs), written on every exit; empty for none."
        ),
        .integer(
            "lock_wait", \.lockWaitSeconds, in: 0...86_400,
            doc: "Seconds to wait when another run holds a lock on an output or state store; 0 fails at once (exit 75)."),
        .integer(
            "min_articles", \.minArticles, in: 0...1_000_000_000,
            doc:
                "Fail the run (exit 6, nothing committed) when the source reads fewer articles: an empty drop, or one of files the source does not read; 0 accepts any."
        ),
    ]
}
