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

    @Flag(name: .shortAndLong, help: "Print debug messages.")
    var verbose = false

    @Option(name: .customLong("log-format"), help: "Log format on stderr: plain or json.")
    var logFormat: LogFormat = .plain

    func validate() throws {
        if let dryRun, dryRun < 1 { throw ValidationError("--dry-run needs a positive number of articles") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    func run() async throws {
        let logger = Terminal.logger(quiet: quiet, verbose: verbose, format: logFormat)
        let stop = StopRequest()
        let definition: PipelineDefinition
        do {
            definition = try PipelineLoader().load(path: pipeline)
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(ExitStatus.classify(error).rawValue)
        }
        let runner: PipelineRunner
        do {
            let context = StageContext(logger: logger, run: RunSettings(reprocess: reprocess, dryRunLimit: dryRun), intake: FileIntake(stop: stop))
            runner = try PipelineRunner(definition: definition, context: context)
        } catch {
            try finish(.failed(error), definition: definition, logger: logger)
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
            try finish(RunOutcome(summary: summary, limit: definition.settings.maxQuarantined), definition: definition, logger: logger)
        case .failure(let error): try finish(.failed(error), definition: definition, logger: logger)
        }
    }

    /// Ends the command: writes the run report and metrics (every real run, whatever its
    /// outcome, so monitoring sees failures too), prints the summary and the outcome, and exits
    /// with the outcome's status.
    private func finish(_ outcome: RunOutcome, definition: PipelineDefinition, logger: Logger) throws {
        if dryRun == nil {
            do {
                try RunReportWriter(pipeline: definition.name, settings: definition.settings).write(outcome)
            } catch {
                logger.error("cannot write the run report or metrics: \(error)")
            }
        }
        if let summary = outcome.summary, !quiet { Terminal.line(summary.report) }
        if let message = outcome.message { Terminal.error(message) }
        if outcome.exitStatus != .success { throw ExitCode(outcome.exitStatus.rawValue) }
    }
}

/// How log lines are written on stderr.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// `2024-02-08T10:00:00+0000 warning copydesk: [stage=textdrop] message`.
    case plain
    /// One JSON object a line: timestamp, level, message and metadata.
    case json
}
