import Foundation
import Testing

@testable import Copydesk

/// The generated schema checked by a real validator (Python's `jsonschema`, draft-07): what the
/// loader accepts passes, what it refuses for reasons a schema can tell fails, and the rest is
/// listed with why only `copydesk validate` catches it.
@Suite("pipelines against the schema (jsonschema)", SchemaValidator.required)
struct PipelineSchemaValidationTests {
    let schema = PipelineSchema(registry: .standard).text()

    @Test func everyShippedPipelineValidates() throws {
        let folder = TestPaths.repository.appendingPathComponent("pipelines")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".tests.yaml") }
            .sorted()
        #expect(names.count >= 3)
        let documents = try names.map { (name: $0, yaml: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
        let reports = try SchemaValidator.check(schema: schema, documents: documents)
        for name in names {
            let report = try #require(reports[name], "no report for \(name)")
            #expect(report.yamlError == nil, "\(name): \(report.yamlError ?? "")")
            #expect(report.errors?.isEmpty == true, "\(name): \(report.errors?.map { "\($0.path): \($0.message)" } ?? [])")
        }
    }

    /// Values the loader accepts in every written form pass: references where a number, a
    /// boolean or a choice is expected, numbers and booleans written as text, scalars where
    /// strings are expected, and `workers: 1` on a stage that runs on one worker.
    @Test func everyFormTheLoaderAcceptsValidates() throws {
        let yaml = """
            name: 2024
            batch_size: ${BATCH:-64}
            buffer: "8"
            concurrency: 1_0
            max_quarantined: 5%
            min_articles: 100
            quarantine:
            stages:
              - type: jsonl
                path: ${INPUT:-in}
                workers: 1
                extensions: jsonl
                fields: {title: headline, date: 2024}
              - type: normalize
                workers: ${WORKERS:-2}
                unify_quotes: yes
                unify_dashes: "False"
                repeat_threshold: ${THRESHOLD:-0.9}
              - type: dedupe
                survivor: ${SURVIVOR:-first_seen}
                threshold: 1
                source_priority: [wires, 2024]
              - type: segment
                language: no
                datelines: ${DATELINES:-true}
              - type: jsonl
                path: out/a.jsonl
                gzip: off
            """
        _ = try PipelineLoader(environment: [:]).load(yaml: yaml, file: "pipeline.yaml")
        let report = try #require(try SchemaValidator.check(schema: schema, documents: [("forms", yaml)])["forms"])
        #expect(report.errors?.map { "\($0.path): \($0.message)" } == [])
    }

    @Test func theLoadersBrokenPipelinesGetTheirVerdicts() throws {
        try expectVerdicts(BrokenPipeline.refusedByTheLoader)
    }

    /// Rules the stages check when built pass the schema; each still fails `copydesk validate`.
    @Test func rulesCheckedWhenStagesAreBuiltAreBeyondTheSchema() throws {
        for broken in BrokenPipeline.refusedWhenBuilt {
            let definition = try PipelineLoader(environment: [:]).load(yaml: broken.yaml, file: "pipeline.yaml")
            let thrown = #expect(throws: ConfigErrors.self) { try PipelinePlan(definition: definition) }
            #expect(thrown?.errors.map(\.description) == [broken.error])
        }
        try expectVerdicts(BrokenPipeline.refusedWhenBuilt)
    }

    /// Checks every pipeline against the schema: a `.rejected` one has an error at its place, a
    /// `.beyondSchema` one has none, a `.notData` one is refused by the YAML reader.
    private func expectVerdicts(_ pipelines: [BrokenPipeline]) throws {
        let reports = try SchemaValidator.check(schema: schema, documents: pipelines.enumerated().map { ("\($0.offset)", $0.element.yaml) })
        for (index, broken) in pipelines.enumerated() {
            let report = try #require(reports["\(index)"], "no report for \(broken.error)")
            let found = report.errors?.map { "\($0.path): \($0.message)" } ?? []
            switch broken.schema {
            case .rejected(let place):
                #expect(report.errors?.contains { $0.path == place } == true, "\(broken.error): expected an error at '\(place)', found \(found)")
            case .beyondSchema(let reason):
                #expect(report.yamlError == nil && found.isEmpty, "\(broken.error) (beyond the schema: \(reason)): found \(found)")
            case .notData(let reason):
                #expect(report.yamlError != nil, "\(broken.error) (not data: \(reason)): the YAML reader accepted it")
            }
        }
    }
}
