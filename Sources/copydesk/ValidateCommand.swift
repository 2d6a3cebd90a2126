import ArgumentParser
import Copydesk

/// `copydesk validate PIPELINE.yaml`: checks a pipeline without running it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file and build its stages, opening no input, output or state store."
    )

    @Argument(help: "Pipeline YAML file.")
    var pipeline: String

    func run() throws {
        do {
            let definition = try PipelineLoader().load(path: pipeline)
            let plan = try PipelinePlan(definition: definition)
            let stages = plan.statistics.map { "\($0.role.rawValue) \($0.name)" }.joined(separator: " → ")
            print("\(pipeline): ok: pipeline '\(definition.name)': \(stages)")
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(ExitStatus.classify(error).rawValue)
        }
    }
}
