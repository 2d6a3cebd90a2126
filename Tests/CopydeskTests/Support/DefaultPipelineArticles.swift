import Foundation
import Synchronization

@testable import Copydesk

/// The articles the shipped samples become through the source and every transform of
/// `pipelines/default.yaml`, in the order its sinks receive them, as values in memory (no sink
/// has written or read them).
func defaultPipelineArticles() async throws -> [Article] {
    let definition = try PipelineLoader(
        environment: ["INPUT": TestPaths.repository.appendingPathComponent("samples").path, "OUT": try TestPaths.temporaryDirectory().path]
    )
    .load(path: TestPaths.repository.appendingPathComponent("pipelines/default.yaml").path)
    let context = StageContext()
    var articles = try await collect(definition.source.build(context: context)).articles
    for entry in definition.transforms {
        let stage = try entry.build(context: context)
        let output = Mutex<[Article]>([])
        for start in stride(from: 0, to: articles.count, by: definition.settings.batchSize) {
            let batch = try await stage.process(Array(articles[start..<min(articles.count, start + definition.settings.batchSize)]))
            output.withLock { $0 += batch.articles }
        }
        try await stage.drain { drained in output.withLock { $0 += drained.articles } }
        articles = output.withLock { $0 }
    }
    return articles
}
