import Foundation
import Synchronization

@testable import Copydesk

/// What test stages observed during a run, shared through a probe name given as an option.
final class Probe: Sendable {
    private struct State {
        var emitted = 0
        var consumed = 0
        var maxInFlight = 0
        var written: [String] = []
    }
    private let state = Mutex(State())

    /// Registered probes by name.
    private static let registry = Mutex<[String: Probe]>([:])

    /// A new probe and the name stages find it by.
    static func make() -> (name: String, probe: Probe) {
        let name = UUID().uuidString
        let probe = Probe()
        registry.withLock { $0[name] = probe }
        return (name, probe)
    }

    static func named(_ name: String) -> Probe? { registry.withLock { $0[name] } }

    func emit() {
        state.withLock {
            $0.emitted += 1; $0.maxInFlight = max($0.maxInFlight, $0.emitted - $0.consumed)
        }
    }
    func consume(_ ids: [String]) {
        state.withLock {
            $0.consumed += ids.count; $0.written += ids
        }
    }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }
    var written: [String] { state.withLock { $0.written } }
    var emitted: Int { state.withLock { $0.emitted } }
}

/// Emits `count` small articles `a0`, `a1`, ... and tells its probe about each.
struct SyntheticSource: SourceStage {
    static let typeName = "synthetic"
    static let summary = "Test source."
    struct Options: DeclaredOptions {
        var count = 0
        var probe = ""
        static let fields: [OptionField<Self>] = [
            .integer("count", \.count, in: 0...10_000_000, doc: "Articles to emit."),
            .string("probe", \.probe, doc: "Probe name."),
        ]
    }
    let count: Int
    let probe: Probe?

    init(options: Options, context: StageContext) throws {
        count = options.count
        probe = Probe.named(options.probe)
    }

    func makeReader() throws -> any SourceReader { Reader(count: count, probe: probe) }

    struct Reader: SourceReader {
        let count: Int
        let probe: Probe?
        var next = 0
        mutating func next() async throws -> SourceItem? {
            guard next < count else { return nil }
            defer { next += 1 }
            probe?.emit()
            return .article(
                Article(
                    id: "a\(next)", source: SourceLocation(path: "synthetic", line: next + 1, format: "synthetic"),
                    title: "Article \(next)", text: "Body of article \(next)."))
        }
    }
}

/// A stateless transform that takes a varying time per batch (so workers finish out of order)
/// and throws on one chosen article.
struct JitterTransform: TransformStage {
    static let typeName = "jitter"
    static let summary = "Test transform."
    static let isStateless = true
    struct Options: DeclaredOptions {
        var failOn = ""
        static let fields: [OptionField<Self>] = [
            .string("fail_on", \.failOn, doc: "Article id that makes the stage throw.")
        ]
    }
    let failOn: String

    init(options: Options, context: StageContext) throws {
        failOn = options.failOn
    }

    struct Boom: Error, CustomStringConvertible { let id: String; var description: String { "cannot process \(id)" } }

    func process(_ articles: [Article]) async throws -> TransformOutput {
        let seed = articles.first.map { Int($0.id.dropFirst()) ?? 0 } ?? 0
        try await Task.sleep(for: .microseconds((seed * 7919) % 3_000))
        if let bad = articles.first(where: { $0.id == failOn }) { throw Boom(id: bad.id) }
        return TransformOutput(
            articles: articles.map {
                var copy = $0; copy.summary = "seen"; return copy
            })
    }
}

/// A sink that sleeps per batch, records what it got, and can fail after some articles.
actor RecordingSink: SinkStage {
    static let typeName = "recording"
    static let summary = "Test sink."
    struct Options: DeclaredOptions {
        var probe = ""
        var delayMilliseconds = 0
        var failAfter = 0
        static let fields: [OptionField<Self>] = [
            .string("probe", \.probe, doc: "Probe name."),
            .integer("delay_ms", \.delayMilliseconds, in: 0...1_000, doc: "Sleep per batch."),
            .integer("fail_after", \.failAfter, in: 0...1_000_000, doc: "Throw once this many articles were written; 0 never."),
        ]
    }
    let probe: Probe?
    let delay: Int
    let failAfter: Int
    var written = 0
    var committed = false

    init(options: Options, context: StageContext) throws {
        probe = Probe.named(options.probe)
        delay = options.delayMilliseconds
        failAfter = options.failAfter
    }

    struct Full: Error, CustomStringConvertible { var description: String { "disk full" } }

    func write(_ articles: [Article]) async throws {
        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
        written += articles.count
        if failAfter > 0, written >= failAfter { throw Full() }
        probe?.consume(articles.map(\.id))
    }

    func commit() async throws { committed = true }
    func discard() async {}
}

/// The standard stages plus the test stages.
let testRegistry = StageRegistry.standard.merging(
    StageRegistry(
        sources: [SyntheticSource.self], transforms: [JitterTransform.self], sinks: [RecordingSink.self]))

/// Loads a pipeline from YAML text with the test registry.
func testPipeline(_ yaml: String, environment: [String: String] = [:]) throws -> PipelineRunner {
    let definition = try PipelineLoader(registry: testRegistry, environment: environment).load(yaml: yaml, file: "test.yaml")
    return try PipelineRunner(definition: definition)
}
