import ArgumentParser
import Copydesk

/// `copydesk stages`: lists every registered stage with its options.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List every stage type with its options, defaults and docs."
    )

    @Flag(help: "Print Markdown (the text of docs/stages.md).")
    var markdown = false

    func run() {
        let catalog = StageCatalog(registry: .standard)
        print(markdown ? catalog.markdown() : catalog.text(), terminator: "")
    }
}
