import Foundation

@testable import Copydesk

/// One run of a real pipeline over shipped samples: the source, the stages before the filter
/// (`before`, YAML stage entries), then optionally a `filter` stage with `filter` options, then
/// a `jsonl` sink, run by ``PipelineRunner`` into a fresh temporary folder.
struct FilterPipelineRun {
    /// The run's summary.
    let summary: RunSummary
    /// The articles the sink wrote, in order.
    let written: [Article]
    /// The rejects file's bytes, when the run wrote one.
    let rejects: Data?

    /// The textdrop samples through every transform of `pipelines/default.yaml`.
    static let textStages = """
          - type: textdrop
            path: \(TestPaths.repository.appendingPathComponent("samples").path)
          - type: normalize
          - type: dedupe
            survivor: earliest_date
            duplicates: mark
          - type: segment
          - type: extract
        """

    /// The saved pages of `samples/html` through normalize and segment.
    static let htmlStages = """
          - type: html
            path: \(TestPaths.repository.appendingPathComponent("samples/html").path)
          - type: normalize
          - type: segment
        """

    /// The pipeline's YAML: `stages`, the filter stage when `filter` is given (its option lines,
    /// indented by four spaces, `REJECTS` standing for the rejects path), then the sink.
    static func yaml(stages: String, filter: String?, out: String, settings: String = "") -> String {
        var text = "name: filter-test\n\(settings)stages:\n\(stages)\n"
        if let filter {
            text += "  - type: filter\n" + filter.replacingOccurrences(of: "REJECTS", with: "\(out)/rejects.jsonl") + "\n"
        }
        return text + "  - type: jsonl\n    path: \(out)/articles.jsonl\n"
    }

    /// Runs `stages` with the filter `filter` (none when `nil`) under the pipeline `settings`.
    static func run(stages: String, filter: String?, settings: String = "") async throws -> FilterPipelineRun {
        let out = try TestPaths.temporaryDirectory().path
        let definition = try PipelineLoader(environment: [:]).load(
            yaml: yaml(stages: stages, filter: filter, out: out, settings: settings), file: "pipeline.yaml")
        let summary = try await PipelineRunner(definition: definition).run()
        let rejectsPath = out + "/rejects.jsonl"
        return FilterPipelineRun(
            summary: summary, written: try writtenArticles(in: out),
            rejects: FileManager.default.contents(atPath: rejectsPath))
    }

    /// The rejects file's lines as rule, detail and article.
    var rejectLines: [(rule: String, detail: String, article: Article)] {
        get throws {
            guard let rejects else { return [] }
            return try rejects.split(separator: UInt8(ascii: "\n")).map { line in
                let record = try JSONDecoder().decode(RejectLine.self, from: Data(line))
                return (record.rule, record.detail, record.article)
            }
        }
    }

    /// One line of the rejects file.
    private struct RejectLine: Decodable {
        let rule: String
        let detail: String
        let article: Article
    }
}
