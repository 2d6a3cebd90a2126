import Foundation
import Logging

/// Runs a team's own step, in any language, as a long-lived child process: each batch goes to
/// the child as JSON lines (the output record, docs/schema.md) on its standard input, and the
/// child answers each record with one JSON line on its standard output; only the fields the
/// stage declares in `writes` are taken from the answers (``PluginFieldMerge``).
///
/// The stage is stateless: with `workers: N` up to N batches are out at once, each with a
/// child of its own (``PluginPool``). A child that exits, stops answering within `timeout`,
/// writes something that is not a JSON object, answers for an id it was not sent or with a
/// field of the wrong type fails its batch: the batch's articles go to the quarantine
/// (`plugin_failed`, with the tail of the child's standard error), the child is stopped, a new
/// one takes the next batch, and the run goes on. docs/plugins.md has the protocol.
public struct ExecStage: TransformStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "exec"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Runs a plugin command on every batch: JSON lines in, the declared fields of its answers back."
    /// Each batch goes to a child of its own: several workers run at once.
    public static let isStateless = true

    /// The stage's options.
    public struct Options: DeclaredOptions {
        /// The command and its arguments.
        public var command: [String] = []
        /// The record fields the plugin may change.
        public var writes: [String] = []
        /// Seconds a plugin has to answer one batch.
        public var timeout = 60.0

        /// No command: one must be given.
        public init() {}

        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Self>] = [
            .strings(
                "command", \.command,
                doc:
                    "The plugin's command and its arguments, as a list (`[python3, plugins/tag.py]`), found on PATH; started once per worker and kept running."
            ),
            .strings(
                "writes", \.writes,
                doc:
                    "Record fields the plugin's answers may change (`entities`, `language`, `extra.topic`); every other field is kept as it was sent."
            ),
            .number(
                "timeout", \.timeout, in: 0.1...86_400,
                doc: "Seconds the plugin has to answer one batch; past it, the batch's articles are quarantined and the plugin restarted."),
        ]
    }

    private let pool: PluginPool
    private let merge: PluginFieldMerge
    private let timeout: Duration
    private let logger: Logger

    /// Builds the stage; checks that the command can be found, starts nothing.
    public init(options: Options, context: StageContext) throws {
        guard let program = options.command.first, !program.isEmpty else {
            throw context.invalid(\Options.command, "give the plugin's command, as a list: [python3, plugins/tag.py]")
        }
        guard Self.isExecutable(program) else {
            throw context.invalid(\Options.command, "'\(program)' is not an executable file\(program.contains("/") ? "" : " on PATH")")
        }
        do throws(PluginProcess.Failure) {
            merge = try PluginFieldMerge(writes: options.writes)
        } catch {
            throw context.invalid(\Options.writes, error.description)
        }
        pool = PluginPool(command: options.command)
        timeout = .milliseconds(Int((options.timeout * 1_000).rounded()))
        logger = context.logger
    }

    /// Sends the batch to a child and takes the declared fields of its answers; a failure
    /// quarantines the batch's articles.
    public func process(_ articles: [Article]) async throws -> TransformOutput {
        guard !articles.isEmpty else { return TransformOutput(articles: []) }
        var lines = JSONByteWriter()
        for article in articles {
            try lines.write(article)
            lines.lineBreak()
        }
        let batch = lines.withBytes { Array($0) }
        let (pool, merge, timeout) = (pool, merge, timeout)
        do {
            let merged = try await Self.offCooperativeThreads {
                try pool.withChild { child in try merge.merge(articles, replies: try child.exchange(batch, lines: articles.count, timeout: timeout)) }
            }
            return TransformOutput(articles: merged)
        } catch let failure as PluginProcess.Failure {
            logger.warning(
                "\(failure.description); the articles are quarantined, the plugin is restarted",
                metadata: ["stage": "\(Self.typeName)", "articles": .stringConvertible(articles.count)])
            return TransformOutput(
                articles: [],
                rejected: articles.map { article in
                    QuarantineRecord(
                        path: article.source.path, line: article.source.line, stage: Self.typeName, reason: "plugin_failed",
                        message: failure.description, raw: String(article.text.prefix(4_096)), member: article.source.member)
                })
        }
    }

    /// Lets the children end: their input is closed once every batch is done.
    public func commit() async throws { pool.stopAll() }

    /// Lets the children end.
    public func discard() async { pool.stopAll() }

    /// Runs blocking pipe work on a thread of its own, so the concurrency pool's threads keep
    /// serving the other stages meanwhile.
    private static func offCooperativeThreads<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Whether `program` names an executable file: as a path when it has a slash, else on PATH.
    private static func isExecutable(_ program: String) -> Bool {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }
}
