import Foundation
import Testing

@testable import Copydesk

@Suite("pipeline schema")
struct PipelineSchemaTests {
    /// The committed `docs/pipeline.schema.json`.
    static func committed() throws -> String {
        try String(contentsOfFile: TestPaths.repository.appendingPathComponent("docs/pipeline.schema.json").path, encoding: .utf8)
    }

    @Test func docsPipelineSchemaIsUpToDate() throws {
        #expect(try Self.committed() == PipelineSchema(registry: .standard).text(), "run `make docs` to regenerate docs/pipeline.schema.json")
    }

    @Test(.enabled(if: CLIRunner.isAvailable))
    func theSchemaCommandPrintsTheCommittedFile() throws {
        let result = try CLIRunner.run(["schema"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try Self.committed()))
    }

    /// The first entry is one of the sources, every later one a transform or a sink, and each
    /// stage type's branch takes exactly `type`, `workers` and its declared options.
    @Test func everyStageTypeIsOneBranchWithItsDeclaredKeys() throws {
        let registry = StageRegistry.standard
        let definitions = try #require(Self.object(Self.object(PipelineSchema(registry: registry).document())?["definitions"]))
        let first = registry.sources.map { "#/definitions/source.\($0.typeName)" }
        let later = registry.transforms.map { "#/definitions/transform.\($0.typeName)" } + registry.sinks.map { "#/definitions/sink.\($0.typeName)" }
        #expect(Self.branches(definitions[PipelineSchema.firstStage]) == first)
        #expect(Self.branches(definitions[PipelineSchema.laterStage]) == later)
        let stages: [(String, any Stage.Type)] =
            registry.sources.map { ("source", $0) } + registry.transforms.map { ("transform", $0) } + registry.sinks.map { ("sink", $0) }
        for (role, stage) in stages {
            let branch = try #require(Self.object(definitions["\(role).\(stage.typeName)"]), "\(role) \(stage.typeName)")
            let keys = Self.object(branch["properties"]).map { Set($0.keys) }
            #expect(keys == Set(["type", StageEntryKeys.workersKey] + stage.optionSummaries.map(\.name)), "\(stage.typeName)")
            #expect(branch["additionalProperties"] == .bool(false))
            #expect(Self.object(Self.object(branch["properties"])?["type"])?["const"] == .string(stage.typeName))
        }
    }

    @Test(arguments: ["${BATCH:-64}", "${BATCH}", "out/${OUT:-x}/a", "${_A1:-}"])
    func referencesMatchThePattern(value: String) throws {
        #expect(try Regex(EnvironmentInterpolation.referencePattern).firstMatch(in: value) != nil)
    }

    @Test(arguments: ["64", "$BATCH", "${1BAD}", "${BATCH", "{shard}"])
    func otherValuesDoNotMatchThePattern(value: String) throws {
        #expect(try Regex(EnvironmentInterpolation.referencePattern).firstMatch(in: value) == nil)
    }

    /// The object members of a JSON value, when it is an object.
    private static func object(_ value: JSONValue?) -> [String: JSONValue]? {
        guard case .object(let members)? = value else { return nil }
        return members
    }

    /// The stage types a stage definition's `oneOf` offers (under its `else`, past the stage
    /// block test).
    private static func branches(_ definition: JSONValue?) -> [String] {
        guard case .array(let branches)? = object(object(definition)?["else"])?["oneOf"] else { return [] }
        return branches.compactMap { branch in
            guard case .string(let ref)? = object(branch)?["$ref"] else { return nil }
            return ref
        }
    }
}
