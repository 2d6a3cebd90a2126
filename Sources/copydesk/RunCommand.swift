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
            4 too many quarantined records, 5 output error, 75 locked by another run, 130 interrupted.
            """
    )

    @Argument(help: "Pipeline YAML file.")
    var pipeline: String

    @Flag(help: "Archive reprocessing: stages with history apply their reprocess policy.")
    var reprocess = false

    @Flag(help: "Show a live progress line even when stderr is not a terminal.")
    var progress = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print debug messages.")
    var verbose = false

    func run() async throws {
        let logger = Terminal.logger(quiet: quiet, verbose: verbose)
        let runner: PipelineRunner
        do {
            let definition = try PipelineLoader().load(path: pipeline)
            runner = try PipelineRunner(definition: definition, context: StageContext(logger: logger, run: RunSettings(reprocess: reprocess)))
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(ExitStatus.classify(error).rawValue)
        }
        let showProgress = !quiet && (progress || Terminal.stderrIsTerminal)
        let work = Task { try await runner.run() }
        let signals = SignalTrap(signals: [SIGINT, SIGTERM]) { work.cancel() }
        let reporter = showProgress ? Task { await Terminal.showProgress(of: runner) } : nil
        let result = await work.result
        reporter?.cancel()
        _ = await reporter?.value
        signals.release()
        switch result {
        case .success(let summary):
            if !quiet { Terminal.line(summary.report) }
        case .failure(let error):
            let status = ExitStatus.classify(error)
            Terminal.error(status == .interrupted ? "interrupted: no output was written; previous output is intact" : "\(error)")
            throw ExitCode(status.rawValue)
        }
    }
}
