import ArgumentParser
import BenchSupport

/// `copydesk-bench generate`: writes a synthetic drop.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write a synthetic text drop.")

    @Option(help: "Articles to generate.") var articles = 10_000
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "Output directory.") var out: String
    @Option(help: "Articles per file (1 for a wire drop of one story a file).") var articlesPerFile = 100
    @Option(help: "Fewest body paragraphs of an original article.") var paragraphsMin = 5
    @Option(help: "Most body paragraphs of an original article.") var paragraphsMax = 15
    @Option(help: "Share of articles that are exact copies of an earlier one.") var exactDuplicates = 0.1
    @Option(help: "Share of articles that are edited copies of an earlier one.") var nearDuplicates = 0.1

    func validate() throws {
        guard articlesPerFile >= 1 else { throw ValidationError("--articles-per-file must be at least 1") }
        guard paragraphsMin >= 1, paragraphsMin <= paragraphsMax else {
            throw ValidationError("--paragraphs-min must be at least 1 and at most --paragraphs-max")
        }
        guard exactDuplicates >= 0, nearDuplicates >= 0, exactDuplicates + nearDuplicates <= 1 else {
            throw ValidationError("--exact-duplicates and --near-duplicates are shares from 0 to 1 that add up to at most 1")
        }
    }

    func run() throws {
        let settings = CorpusGenerator.Settings(
            articles: articles, seed: seed, exactDuplicates: exactDuplicates, nearDuplicates: nearDuplicates, articlesPerFile: articlesPerFile,
            paragraphs: paragraphsMin...paragraphsMax)
        let manifest = try CorpusGenerator(settings: settings).write(to: out)
        print("wrote \(articles) articles, \(manifest.bytes / 1_000_000) MB in \(manifest.files.count) files to \(out)")
    }
}
