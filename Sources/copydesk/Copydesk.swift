import ArgumentParser
import Copydesk

/// The `copydesk` command line: run, validate, list pipeline stages and print the pipeline schema.
@main
struct CopydeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copydesk",
        abstract: "Turns drops of news articles into clean, deduplicated, structured records.",
        version: CopydeskVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, TestCommand.self, ExplainCommand.self, ReportCommand.self, StagesCommand.self, SchemaCommand.self,
        ]
    )
}
