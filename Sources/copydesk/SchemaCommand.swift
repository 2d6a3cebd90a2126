import ArgumentParser
import Copydesk

/// `copydesk schema`: prints the JSON Schema of pipeline files (the text of
/// docs/pipeline.schema.json), for editors to complete and check pipelines with; with
/// `--record`, the JSON Schema of one record the `jsonl` sink writes.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of pipeline files, generated from the stage declarations.",
        discussion: "With --record, print the JSON Schema (draft 2020-12) of one line the jsonl sink writes instead."
    )

    /// Print the schema of an output record instead of the pipeline files'.
    @Flag(help: "Print the JSON Schema (draft 2020-12) of one JSON-lines record the jsonl sink writes.")
    var record = false

    /// Prints the schema of the standard stages, or of a record.
    func run() {
        print(record ? RecordSchema().text() : PipelineSchema(registry: .standard).text(), terminator: "")
    }
}
