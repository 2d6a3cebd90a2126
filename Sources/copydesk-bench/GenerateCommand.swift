import ArgumentParser
import BenchSupport

/// `copydesk-bench generate`: writes a synthetic drop.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write a synthetic text drop.")

    @Option(help: "Articles to generate.") var articles = 10_000
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "Output directory.") var out: String

    func run() throws {
        let manifest = try CorpusGenerator(settings: .init(articles: articles, seed: seed)).write(to: out)
        print("wrote \(articles) articles, \(manifest.bytes / 1_000_000) MB in \(manifest.files.count) files to \(out)")
    }
}
