/// A validated pipeline: settings and stages with their decoded options, ready to build.
///
/// Produced by ``PipelineLoader`` from a YAML file; nothing here has touched the input yet.
public struct PipelineDefinition: Sendable {
    /// The pipeline's `name:`.
    public var name: String
    /// The file it was loaded from.
    public var file: String
    /// SHA-256 (hex) of the pipeline file's text as written, before `${VAR}` substitution:
    /// recorded in run history so runs of a changed pipeline can be told apart.
    public var configHash: String
    /// Pipeline-level settings.
    public var settings: PipelineSettings
    /// The source stage.
    public var source: StageDefinition<any SourceStage.Type>
    /// Transform stages in order.
    public var transforms: [StageDefinition<any TransformStage.Type>]
    /// Sink stages; every sink receives every article.
    public var sinks: [StageDefinition<any SinkStage.Type>]
    /// The pipeline file's text, so errors found after loading (a stage rejecting its options)
    /// can show the offending line; empty for pipelines built in code.
    public var text: String

    /// Creates a definition (the loader and tests use this).
    public init(name: String, file: String, configHash: String, settings: PipelineSettings, source: StageDefinition<any SourceStage.Type>,
                transforms: [StageDefinition<any TransformStage.Type>], sinks: [StageDefinition<any SinkStage.Type>], text: String = "") {
        self.name = name
        self.file = file
        self.configHash = configHash
        self.settings = settings
        self.source = source
        self.transforms = transforms
        self.sinks = sinks
        self.text = text
    }
}

/// One stage entry of a pipeline file: the stage type, its options and worker count.
public struct StageDefinition<Kind: Sendable>: Sendable {
    /// The registered stage type.
    public var type: Kind
    /// Its validated options.
    public var options: StageOptions
    /// How many workers run it (always 1 for stateful transforms and for sources and sinks).
    public var workers: Int

    /// Creates a stage entry.
    public init(type: Kind, options: StageOptions, workers: Int = 1) {
        self.type = type
        self.options = options
        self.workers = workers
    }
}

/// Pipeline-level settings, declared like stage options.
public struct PipelineSettings: Sendable, Equatable {
    /// Articles per batch passed between stages.
    public var batchSize: Int
    /// Default worker count for stateless transforms.
    public var concurrency: Int
    /// Batches each channel between two stages may hold.
    public var buffer: Int
    /// Where rejected records go (JSON lines); `nil` keeps them in the log only.
    public var quarantine: String?
    /// Most records that may be quarantined before the run counts as failed.
    public var maxQuarantined: QuarantineLimit
    /// State store holding the ledger of processed files; `nil` reads every file every run.
    public var ledger: String?
    /// Where the JSON run report goes, if anywhere.
    public var report: String?
    /// Where the Prometheus textfile-collector metrics go, if anywhere.
    public var metrics: String?
    /// How long to wait for another run's lock; zero fails at once.
    public var lockWait: Duration
    /// Fewest articles the source must read for the run to succeed; a drop that is empty or
    /// holds only files the source does not read fails with exit 6 and commits nothing.
    public var minArticles: Int

    /// Creates settings.
    public init(batchSize: Int = 64, concurrency: Int = 2, buffer: Int = 4, quarantine: String? = nil,
                maxQuarantined: QuarantineLimit = .unlimited, ledger: String? = nil, report: String? = nil,
                metrics: String? = nil, lockWait: Duration = .zero, minArticles: Int = 0) {
        self.batchSize = batchSize
        self.concurrency = concurrency
        self.buffer = buffer
        self.quarantine = quarantine
        self.maxQuarantined = maxQuarantined
        self.ledger = ledger
        self.report = report
        self.metrics = metrics
        self.lockWait = lockWait
        self.minArticles = minArticles
    }

    /// The YAML keys at the top level of a pipeline file besides `name` and `stages`.
    public static let options: [OptionSpec] = [
        OptionSpec("batch_size", .integer(1...100_000), default: .integer(64), doc: "Articles per batch passed between stages."),
        OptionSpec("concurrency", .integer(0...256), default: .integer(0), doc: "Workers for each stateless transform without its own `workers:`; 0 means one per core."),
        OptionSpec("buffer", .integer(1...1_024), default: .integer(4), doc: "Batches each channel between two stages may hold; bounds memory."),
        OptionSpec("quarantine", .string, default: .string(""), doc: "JSON-lines file for records that cannot be processed; empty keeps them in the log only."),
        OptionSpec("max_quarantined", .string, default: .string(""), doc: "Fail the run (exit 4) when more records are quarantined: a count (`100`) or a share of records read (`5%`); empty for no limit."),
        OptionSpec("ledger", .string, default: .string(""), doc: "SQLite state store recording finished input files, so a rerun skips them (resume); empty reads every file."),
        OptionSpec("report", .string, default: .string(""), doc: "JSON file for the run report (counts, timings, balance); empty for none."),
        OptionSpec("metrics", .string, default: .string(""), doc: "Prometheus textfile-collector file (`*.prom`) for node_exporter; empty for none."),
        OptionSpec("lock_wait", .integer(0...86_400), default: .integer(0), doc: "Seconds to wait when another run holds a lock on an output or state store; 0 fails at once (exit 75)."),
        OptionSpec("min_articles", .integer(0...1_000_000_000), default: .integer(0),
                   doc: "Fail the run (exit 6, nothing committed) when the source reads fewer articles: an empty drop, or one of files the source does not read; 0 accepts any."),
    ]
}
