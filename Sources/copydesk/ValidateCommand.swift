import ArgumentParser
import Copydesk

/// `copydesk validate PIPELINE.yaml`: checks a pipeline without running it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file and its stages' options without reading any input."
    )

    @Argument(help: "Pipeline YAML file.")
    var pipeline: String

    func run() throws {
        do {
            let definition = try PipelineLoader().load(path: pipeline)
            let runner = try PipelineRunner(definition: definition)
            let stages = runner.statistics.map { "\($0.role.rawValue) \($0.name)" }.joined(separator: " → ")
            print("\(pipeline): ok: pipeline '\(definition.name)': \(stages)")
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(ExitStatus.classify(error).rawValue)
        }
    }
}
