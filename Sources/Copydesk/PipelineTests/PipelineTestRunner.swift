import Foundation
import Logging

/// Runs test cases against a pipeline file, each in a folder of its own: the case's files are
/// the drop (`INPUT`), `OUT` points into the folder, every state store the pipeline names is
/// a new SQLite file there (``StateStores/init(readOnly:redirectingTo:)``: no server is reached
/// and no real state is read or changed), and the sinks are replaced by one JSON-lines file the
/// expectations are checked against. The drop is read twice: once by the source alone, to know
/// every input article, then through the stages.
public struct PipelineTestRunner: Sendable {
    /// The result of one case.
    public struct CaseResult: Sendable {
        /// The case's name.
        public var name: String
        /// What did not hold, one line each; empty when the case passed.
        public var failures: [String]
        /// Whether every expectation held.
        public var passed: Bool { failures.isEmpty }
    }

    /// The pipeline file.
    public let pipeline: String
    /// The environment the pipeline's `${VAR}` read, besides `INPUT` and `OUT`.
    public let environment: [String: String]

    /// A runner for `pipeline`.
    public init(pipeline: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.pipeline = pipeline
        self.environment = environment
    }

    /// Runs one case. A pipeline file that does not load throws its ``ConfigErrors``.
    public func run(_ testCase: PipelineTestCase) async throws -> CaseResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (input, out, state) = (folder + "/input", folder + "/out", folder + "/state")
        for directory in [input, out, state] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        var variables = environment
        variables["INPUT"] = input
        variables["OUT"] = out
        let definition = try PipelineLoader(environment: variables).load(path: pipeline)
        var failures: [String] = []
        do {
            try PipelineTestDrop(testCase: testCase, source: definition.source.typeName).write(into: input)
        } catch let problem as PipelineTestDrop.Problem {
            return CaseResult(name: testCase.name, failures: [problem.description])
        }
        let transforms: [StageDefinition<any TransformStage>]
        if let names = testCase.stages {
            let known = definition.transforms.map(\.typeName)
            for name in names where !known.contains(name) {
                failures.append("stages: '\(name)' is not a transform of \(pipeline) (\(known.joined(separator: ", ")))")
            }
            transforms = definition.transforms.filter { names.contains($0.typeName) }
        } else {
            transforms = definition.transforms
        }
        guard failures.isEmpty else { return CaseResult(name: testCase.name, failures: failures) }

        let read = try await Self.run(definition, transforms: [], into: out + "/source", state: state)
        let result = try await Self.run(definition, transforms: transforms, into: out + "/stages", state: state)
        let check = PipelineTestCheckRun(input: input, read: read, result: result)
        for expectation in testCase.expectations { failures += check.failures(of: expectation) }
        return CaseResult(name: testCase.name, failures: failures)
    }

    /// What one run wrote: its articles, its quarantine and its summary.
    struct Written {
        /// The articles that reached the sink, in order.
        var articles: [Article]
        /// The quarantined records.
        var quarantined: [QuarantineRecord]
        /// The run's summary.
        var summary: RunSummary
    }

    /// Runs `definition` with `transforms` only, its sinks replaced by `articles.jsonl` in
    /// `folder`, its quarantine there too, no report, metrics, ledger or minimum, and its state
    /// stores redirected into `state`.
    private static func run(_ definition: PipelineDefinition, transforms: [StageDefinition<any TransformStage>], into folder: String, state: String)
        async throws -> Written
    {
        var definition = definition
        var sink = JSONLSink.Options()
        sink.path = folder + "/articles.jsonl"
        definition.transforms = transforms
        definition.sinks = [StageDefinition(sink: JSONLSink.self, options: sink)]
        definition.settings.quarantine = folder + "/quarantine.jsonl"
        definition.settings.report = nil
        definition.settings.metrics = nil
        definition.settings.reportHTML = nil
        definition.settings.ledger = nil
        definition.settings.minArticles = 0
        var logger = Logger(label: "copydesk-test")
        logger.logLevel = .critical
        let context = StageContext(logger: logger, stores: StateStores(redirectingTo: state))
        let summary = try await PipelineRunner(definition: definition, context: context).run()
        let decoder = JSONDecoder()
        func lines(_ name: String) throws -> [Data] {
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path) else { return [] }
            return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { Data($0.utf8) }
        }
        return Written(
            articles: try lines("articles.jsonl").map { try decoder.decode(Article.self, from: $0) },
            quarantined: try lines("quarantine.jsonl").map { try decoder.decode(QuarantineRecord.self, from: $0) }, summary: summary)
    }
}
