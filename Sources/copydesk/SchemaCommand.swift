import ArgumentParser
import Copydesk

/// `copydesk schema`: prints the JSON Schema of pipeline files (the text of
/// docs/pipeline.schema.json), for editors to complete and check pipelines with.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of pipeline files, generated from the stage declarations."
    )

    /// Prints the schema of the standard stages.
    func run() {
        print(PipelineSchema(registry: .standard).text(), terminator: "")
    }
}
