/// A pipeline stage type: its registered name, its options and how it is built from them.
///
/// Every stage is one small type conforming to one of ``SourceStage``, ``TransformStage`` or
/// ``SinkStage``. Its options are one ``DeclaredOptions`` type, usually nested as `Options`;
/// the loader decodes the YAML into it before calling ``init(options:context:)``, the build
/// step, which may still reject a value with ``StageContext/invalid(_:_:)``. See
/// docs/architecture.md for a worked example.
public protocol Stage: Sendable {
    /// The stage's YAML options.
    associatedtype Options: DeclaredOptions
    /// The `type:` name used in pipeline files (`textdrop`, `normalize`, `jsonl`).
    static var typeName: String { get }
    /// One line on what the stage does, for `copydesk stages`.
    static var summary: String { get }
    /// Builds the stage from decoded options. Building opens no input, output or state store
    /// (`copydesk validate` builds every stage); files are opened when the run starts.
    init(options: Options, context: StageContext) throws
    /// Files this stage writes (outputs); the runner locks each one so two runs sharing it
    /// never run at once. State stores are named by ``StateStoreUser/stateStores`` instead,
    /// and locked by their location.
    var lockPaths: [String] { get }
}

extension Stage {
    /// Stages that write no file lock nothing.
    public var lockPaths: [String] { [] }

    /// The stage's options as docs list them.
    public static var optionSummaries: [OptionSummary] { Options.summaries }
}

/// The first stage of a pipeline: reads input and produces articles.
public protocol SourceStage: Stage {
    /// Opens the input for one run. The runner pulls from the reader, so a slow pipeline slows
    /// the reading down (backpressure) and memory stays bounded.
    func makeReader() throws -> any SourceReader
}

/// Pulls articles out of a source, one at a time, in a deterministic order.
public protocol SourceReader {
    /// The next article or rejected record, or `nil` at the end of the input.
    mutating func next() async throws -> SourceItem?
}

/// What a source yields: an article, or a record that could not be read and goes to quarantine.
public enum SourceItem: Sendable {
    /// A parsed article.
    case article(Article)
    /// An input record that could not be turned into an article.
    case rejected(QuarantineRecord)
}

/// A middle stage: takes a batch of articles and returns the batch to pass on, possibly
/// annotated, shortened (filtered) or reordered within the batch.
public protocol TransformStage: Stage {
    /// `true` when the stage keeps no state between batches, so the runner may run it on
    /// several workers at once; stateful stages (dedupe) see every batch in input order.
    static var isStateless: Bool { get }
    /// Type names of stages that must run before this one (`extract` needs `segment`); the
    /// loader checks the order before the run starts.
    static var requiredEarlierStages: [String] { get }
    /// Whether the stage built from `options` may run on several workers: ``isStateless``,
    /// unless some options make it need its batches in input order (a `filter` writing its
    /// rejects file). The loader reads it to decide the stage's workers.
    static func isStateless(with options: Options) -> Bool
    /// ``requiredEarlierStages`` and the stages `options` need besides (`filter` with
    /// `has_entity_type` needs `extract`); the loader checks the order before the run starts.
    static func requiredEarlierStages(with options: Options) -> [String]
    /// Processes one batch. A throwing stateless stage is retried article by article so only the
    /// failing article is quarantined.
    func process(_ articles: [Article]) async throws -> TransformOutput
    /// `true` when a stateful stage has work that needs no state (``prepare(_:)``), which the
    /// runner then does on several workers ahead of the stage, so only what needs input order
    /// stays on the stage's one worker.
    static var hasPreparation: Bool { get }
    /// The stateless part of the work on a batch (for dedupe: shingles and MinHash signatures),
    /// run on several workers at once in any order; the result reaches
    /// ``process(_:prepared:)`` with the same batch.
    func prepare(_ articles: [Article]) async throws -> (any Sendable)?
    /// Processes one batch with what ``prepare(_:)`` computed for it.
    func process(_ articles: [Article], prepared: (any Sendable)?) async throws -> TransformOutput
    /// Called once after the last batch. A stage that held articles back (to decide over the
    /// whole run) passes them on here, in order, through `emit`.
    func drain(into emit: @Sendable (TransformOutput) async throws -> Void) async throws
    /// Called after every sink committed: make state changes of this run permanent.
    func commit() async throws
    /// Called when the run failed or was cancelled: forget state changes of this run.
    func discard() async
}

extension TransformStage {
    /// Most stages need no particular stage before them.
    public static var requiredEarlierStages: [String] { [] }
    /// Most stages are stateless or not whatever their options.
    public static func isStateless(with options: Options) -> Bool { isStateless }
    /// Most stages need the same stages before them whatever their options.
    public static func requiredEarlierStages(with options: Options) -> [String] { requiredEarlierStages }
    /// Most stages do all their work in ``process(_:)``.
    public static var hasPreparation: Bool { false }
    /// Most stages prepare nothing.
    public func prepare(_ articles: [Article]) async throws -> (any Sendable)? { nil }
    /// Most stages ignore the preparation and process the batch.
    public func process(_ articles: [Article], prepared: (any Sendable)?) async throws -> TransformOutput {
        try await process(articles)
    }
    /// Stages that hold nothing back have nothing to drain.
    public func drain(into emit: @Sendable (TransformOutput) async throws -> Void) async throws {}
    /// Stages without state have nothing to commit.
    public func commit() async throws {}
    /// Stages without state have nothing to forget.
    public func discard() async {}
}

/// The result of a transform on one batch.
public struct TransformOutput: Sendable {
    /// Articles to pass on, in order.
    public var articles: [Article]
    /// How many input articles were dropped as duplicates.
    public var duplicates: Int
    /// How many input articles were dropped by a filter.
    public var filtered: Int
    /// Input articles the stage could not process, for the quarantine (a plugin that failed on
    /// their batch); they are not passed on.
    public var rejected: [QuarantineRecord]
    /// The articles dropped as duplicates, for the outputs that remember them.
    public var droppedDuplicates: [DroppedDuplicate] = []

    /// Creates a transform result.
    public init(articles: [Article], duplicates: Int = 0, filtered: Int = 0, rejected: [QuarantineRecord] = []) {
        self.articles = articles
        self.duplicates = duplicates
        self.filtered = filtered
        self.rejected = rejected
    }
}

/// A last stage: consumes batches and makes its output visible only when the run succeeds.
public protocol SinkStage: Stage {
    /// Where the sink writes, as a dry run names it: a path, or a server's URL with its password
    /// masked.
    var destination: String { get }
    /// Called once when the run starts, before any article is read: a sink writing to a server
    /// connects here, so a wrong address or credential fails the run before any work.
    func open() async throws
    /// Writes one batch; batches arrive in input order.
    func write(_ articles: [Article]) async throws
    /// Makes everything written visible under its final name (rename, commit).
    func commit() async throws
    /// Remembers the articles dropped as duplicates of a batch it was given (or of an earlier
    /// one); most sinks keep no record of them.
    func record(_ dropped: [DroppedDuplicate]) async throws
    /// Called when the run failed or was cancelled. A sink that writes under temporary names
    /// throws away what was written, leaving any previous output untouched. A sink that makes
    /// each batch durable as it goes (a database upserting by id) cannot undo the rows it
    /// replaced: its documentation says exactly what remains, and it records the run as
    /// `failed` in its run history, so readers can tell.
    func discard() async
    /// What a committed run wrote, for the run summary: each file (`out/2024-02-08.jsonl`), or
    /// the server with its password masked.
    var outputs: [String] { get async }
}

extension SinkStage {
    /// A sink writing files is named by the first file it writes.
    public var destination: String { lockPaths.first ?? "" }

    /// A sink writing one file or one server names just that.
    public var outputs: [String] { get async { [destination] } }

    /// Sinks writing files open them on their first write.
    public func open() async throws {}

    /// Most sinks keep no record of the articles dropped as duplicates.
    public func record(_ dropped: [DroppedDuplicate]) async throws {}
}
