import ArgumentParser
import Copydesk
import Foundation

/// `copydesk explain PIPELINE.yaml ID`: why an article is or is not a duplicate, from what the
/// pipeline's outputs remember (its SQLite output, else its JSON lines).
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say why an article of a pipeline's outputs is or is not a duplicate.",
        discussion: """
            Reads the outputs PIPELINE wrote (${VAR}s come from the environment, as for run): its \
            sqlite sink's database (articles, marked duplicates and dropped_duplicates), else its \
            jsonl sink's file (marked duplicates only). Prints whether ID is unique, a survivor or \
            a duplicate, its cluster with each member's similarity to the survivor, the survivor \
            rule, and the earlier run a history match was with. Exit 0 when ID was found, 1 when \
            the outputs hold no such article, 3 when they cannot be read.
            """
    )

    @Argument(help: "Pipeline YAML file whose outputs to read.")
    var pipeline: String

    @Argument(help: "Article id (the 16 hex digits of the record's id).")
    var id: String

    func run() throws {
        let definition: PipelineDefinition
        do {
            definition = try PipelineLoader().load(path: pipeline)
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(ExitStatus.classify(error).rawValue)
        }
        let dedupe = definition.firstOptions(DedupeStage.Options.self)
        let sqlite = definition.firstOptions(SQLiteSink.Options.self)?.path
        let jsonl = definition.sinks.lazy.compactMap { ($0.options as? JSONLSink.Options)?.path }.first { $0 != JSONLSink.standardOutput }
        guard let output = sqlite ?? jsonl else {
            Terminal.error("\(pipeline): the pipeline has no sqlite or jsonl sink to read back")
            throw ExitCode(ExitStatus.configError.rawValue)
        }
        guard FileManager.default.fileExists(atPath: output) else {
            Terminal.error("\(output): does not exist: run the pipeline first")
            throw ExitCode(ExitStatus.inputError.rawValue)
        }
        let found: DuplicateExplanation?
        do {
            found = try sqlite != nil ? DuplicateExplanation.read(id: id, sqlite: output) : DuplicateExplanation.read(id: id, jsonl: output)
        } catch {
            Terminal.error("\(output): cannot be read: \(error)")
            throw ExitCode(ExitStatus.inputError.rawValue)
        }
        guard let found else {
            Terminal.error("\(id): no such article in \(output), written or dropped as a duplicate")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        print(found.text(rule: dedupe?.survivor, threshold: dedupe?.matching.threshold), terminator: "")
    }
}
