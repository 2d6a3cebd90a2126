import ArgumentParser
import Copydesk
import Dispatch
import Foundation
import Logging

/// `copydesk run PIPELINE.yaml`: runs a pipeline and prints a summary on stderr.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline.",
        discussion: """
            Exit codes: 0 success, 1 unexpected failure, 2 configuration error, 3 input error, \
            4 too many quarantined records, 5 output error, 6 fewer articles than min_articles, \
            64 command-line usage error, 75 locked by another run, 130 interrupted.
            Once the pipeline file has loaded, every exit rewrites the run report and metrics \
            the pipeline names, with the outcome and its exit code.
            SIGINT or SIGTERM stops reading after the current file and commits what was read \
            (rerun to continue); a second signal abandons the run and writes nothing.
            Sharded runs (docs/scale-out.md): --phase fingerprint and --phase emit on every shard \
            (--shard I/N, or SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX \
            with --shards N), --phase cluster once (--shards N) in between, all with the same --job; \
            {shard} in the pipeline's values stands for the shard. A phase started before the one \
            it needs completed exits 75.
            """
    )

    @Argument(help: "Pipeline YAML file.")
    var pipeline: String

    @Flag(help: "Archive reprocessing: stages with history apply their on_reprocess policy.")
    var reprocess = false

    @Option(name: .customLong("dry-run"), help: "Run on the first N articles, print what would be written (JSON lines on stdout) and write nothing.")
    var dryRun: Int?

    @Flag(help: "Show a live progress line even when stderr is not a terminal.")
    var progress = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(
        name: .shortAndLong,
        help: "Also log each file read (its articles and rejected records), each file skipped, and each stage's counts at the end.")
    var verbose = false

    @Option(name: .customLong("log-format"), help: "Log format on stderr: plain or json.")
    var logFormat: LogFormat = .plain

    @Option(help: "Run one phase of a sharded run: fingerprint, cluster or emit (or 1, 2, 3).")
    var phase: String?

    @Option(help: "This task's shard, I/N (default: SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX of --shards).")
    var shard: String?

    @Option(help: "Number of shards: for --phase cluster, and with JOB_COMPLETION_INDEX.")
    var shards: Int?

    @Option(help: "The sharded job's name, the same for every task of every phase.")
    var job: String?

    @Option(help: "State store the sharded job is kept in (default: the pipeline's ledger, else its dedupe history).")
    var state: String?

    func validate() throws {
        if let dryRun, dryRun < 1 { throw ValidationError("--dry-run needs a positive number of articles") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
        guard let phase else {
            if shard != nil || shards != nil || job != nil || state != nil {
                throw ValidationError("--shard, --shards, --job and --state belong to a sharded run: give --phase too")
            }
            return
        }
        if ShardPhase(argument: phase) == nil { throw ValidationError("--phase is fingerprint, cluster or emit (or 1, 2, 3), not '\(phase)'") }
        if job?.isEmpty ?? true { throw ValidationError("a sharded run needs --job NAME, the same for every task of every phase") }
        if dryRun != nil { throw ValidationError("--dry-run runs a whole pipeline, not a phase of a sharded one") }
    }

    /// The task of a sharded run the options describe, or `nil` for a whole run.
    private func shardRun() throws -> ShardRun? {
        guard let phase = phase.flatMap(ShardPhase.init(argument:)), let job else { return nil }
        do {
            let selection: ShardSelection
            if let shard {
                selection = try ShardSelection(argument: shard)
                if let shards, shards != selection.count { throw ValidationError("--shard \(shard) disagrees with --shards \(shards)") }
            } else if phase == .cluster, let shards {
                selection = try ShardSelection(index: 0, count: shards)
            } else if let fromScheduler = try ShardSelection.fromEnvironment(ProcessInfo.processInfo.environment, count: shards) {
                selection = phase == .cluster ? try ShardSelection(index: 0, count: fromScheduler.count) : fromScheduler
            } else {
                throw ValidationError(phase == .cluster ? "--phase cluster needs --shards N" : "give this task's shard: --shard I/N")
            }
            let location = try state.map { try StateStoreLocation($0) }
            return ShardRun(phase: phase, job: job, selection: selection, state: location)
        } catch let error as ShardSelection.Invalid {
            throw ValidationError(error.description)
        } catch let error as StateStoreLocation.Unsupported {
            throw ValidationError("--state: \(error.message)")
        }
    }

    func run() async throws {
        // A reader of `path: -` that stops early (`| head`) makes writes fail with EPIPE, which
        // the sink reports, instead of killing the process without a word.
        signal(SIGPIPE, SIG_IGN)
        let logger = Terminal.logger(quiet: quiet, verbose: verbose, format: logFormat)
        let stop = StopRequest()
        let sharded = try shardRun()
        let definition: PipelineDefinition
        do {
            definition = try PipelineLoader(shard: sharded?.selection.index ?? 0).load(path: pipeline)
        } catch {
            report(error: "\(error)", logger: logger)
            throw ExitCode(ExitStatus.classify(error).rawValue)
        }
        let runner: PipelineRunner
        let observations = RunObservations(enabled: definition.settings.reportHTML != nil)
        do {
            let settings = RunSettings(reprocess: reprocess, dryRunLimit: dryRun, shard: sharded)
            let context = StageContext(logger: logger, run: settings, intake: FileIntake(stop: stop), observations: observations)
            runner = try PipelineRunner(definition: definition, context: context)
        } catch {
            try finish(.failed(error), definition: definition, observations: observations, logger: logger)
            return
        }
        if let cluster = runner.plan.shardCluster {
            try await runCluster(cluster, lockWait: definition.settings.lockWait, logger: logger)
            return
        }
        let work = Task { try await runner.run() }
        let signals = SignalTrap(signals: [SIGINT, SIGTERM]) {
            if stop.isRequested {
                work.cancel()
            } else {
                stop.request()
                logger.warning("stopping: finishing the current file, then committing (signal again to abandon the run)")
            }
        }
        let showProgress = !quiet && (progress || Terminal.stderrIsTerminal)
        let reporter = showProgress ? Task { await Terminal.showProgress(of: runner) } : nil
        let result = await work.result
        reporter?.cancel()
        _ = await reporter?.value
        signals.release()
        switch result {
        case .success(let summary):
            try finish(
                RunOutcome(summary: summary, limit: definition.settings.maxQuarantined), definition: definition, observations: observations,
                logger: logger)
        case .failure(let error): try finish(.failed(error), definition: definition, observations: observations, logger: logger)
        }
    }

    /// Runs the `cluster` phase of a sharded run: no input is read and no report is written;
    /// the summary line and any error go to stderr.
    private func runCluster(_ cluster: ShardClusterRun, lockWait: Duration, logger: Logger) async throws {
        do {
            let summary = try await cluster.run(lockWait: lockWait)
            if quiet {
            } else if logFormat == .json {
                logger.info("cluster finished", metadata: ["summary": "\(summary.report)"])
            } else {
                Terminal.line(summary.report)
            }
        } catch {
            report(error: "\(error)", logger: logger)
            throw ExitCode(ExitStatus.classify(error).rawValue)
        }
    }

    /// Ends the command: writes the run report and metrics (every real run, whatever its
    /// outcome, so monitoring sees failures too), prints the summary and the outcome, and exits
    /// with the outcome's status.
    private func finish(_ outcome: RunOutcome, definition: PipelineDefinition, observations: RunObservations, logger: Logger) throws {
        var reported: [String] = []
        if dryRun == nil {
            do {
                reported = try RunReportWriter(definition: definition, observations: observations).write(outcome)
            } catch {
                logger.error("cannot write the run report or metrics: \(error)")
            }
        }
        var summary = outcome.summary
        summary?.outputs += reported
        switch logFormat {
        case .plain:
            if let summary, !quiet { Terminal.line(summary.report) }
            if let message = outcome.message { Terminal.error(message) }
        case .json:
            var fields = summary?.logFields ?? ["pipeline": "\(definition.name)"]
            fields["status"] = "\(outcome.status)"
            fields["exit_code"] = .stringConvertible(Int(outcome.exitStatus.rawValue))
            if let message = outcome.message { fields["reason"] = "\(message)" }
            let level: Logger.Level = outcome.exitStatus == .success ? .info : outcome.summary == nil ? .error : .warning
            logger.log(level: level, "run finished", metadata: fields)
        }
        if outcome.exitStatus != .success { throw ExitCode(outcome.exitStatus.rawValue) }
    }

    /// Reports an error that ends the command: `copydesk: error: …` in plain logs, an `error`
    /// line in JSON logs.
    private func report(error message: String, logger: Logger) {
        if logFormat == .json { logger.error("\(message)") } else { Terminal.error(message) }
    }
}

/// How log lines are written on stderr.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// `2024-02-08T10:00:00+0000 warning copydesk: [stage=textdrop] message`.
    case plain
    /// One JSON object a line: timestamp, level, message and metadata.
    case json
}
