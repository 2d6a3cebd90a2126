import Foundation
import Testing

@testable import Copydesk

@Suite("pipeline files")
struct PipelineLoaderTests {
    let loader = PipelineLoader(environment: ["DROP": "samples", "EMPTY": ""])

    /// The first line of each error loading `yaml` reports, in order.
    func errors(_ yaml: String) -> [String] { loader.errorLines(yaml) }

    @Test func loadsAValidPipeline() throws {
        let definition = try loader.load(
            yaml: """
                name: daily
                batch_size: 10
                concurrency: 3
                stages:
                  - type: textdrop
                    path: ${DROP}
                  - type: jsonl
                    path: ${OUT:-out}/articles.jsonl
                """, file: "pipeline.yaml")
        #expect(definition.name == "daily")
        #expect(
            definition.settings
                == PipelineSettings.with {
                    $0.name = "daily"; $0.batchSize = 10; $0.concurrency = 3
                })
        #expect(definition.source.type.typeName == "textdrop")
        let source = try #require(definition.source.options as? TextDropSource.Options)
        #expect(source.path == "samples")
        #expect(source.extensions == ["txt"])
        #expect(definition.sinks.map { ($0.options as? JSONLSink.Options)?.path } == ["out/articles.jsonl"])
    }

    /// Each broken pipeline of the shared list (which the schema tests also check) is refused
    /// with its one error, at the offending line and column.
    @Test(arguments: BrokenPipeline.refusedByTheLoader)
    func errorsPointAtTheOffendingLine(broken: BrokenPipeline) {
        #expect(errors(broken.yaml) == [broken.error])
    }

    @Test func theConfigHashIsTheSHA256OfTheTextAsWritten() throws {
        let text = "name: hashed\nstages:\n  - type: textdrop\n    path: ${DROP}\n  - type: jsonl\n    path: out.jsonl\n"
        let definition = try loader.load(yaml: text, file: "hashed.yaml")
        // `printf '…' | sha256sum` of the same text.
        #expect(definition.configHash == "3d69c6e70b747f690db3e69d767943eb2d5d21dfe5438c11ce46cd3cf66b0294")
        let otherInput = try PipelineLoader(environment: ["DROP": "elsewhere"]).load(yaml: text, file: "hashed.yaml")
        #expect(otherInput.configHash == definition.configHash, "variables are not part of the configuration")
        let edited = try loader.load(yaml: text.replacingOccurrences(of: "out.jsonl", with: "all.jsonl"), file: "hashed.yaml")
        #expect(edited.configHash != definition.configHash)
    }

    @Test func aliasBombIsRejectedBeforeExpanding() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "name: bomb\nstages: []\n"
        #expect(errors(yaml).count == 1)
        #expect(errors(yaml).first?.hasPrefix("pipeline.yaml:1:1: pipeline file expands to more than 20000 nodes") == true)
    }

    @Test func deepNestingIsRejected() {
        let yaml = "name: deep\nstages: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
        #expect(errors(yaml).first?.contains("nests deeper than 32 levels") == true)
    }

    @Test func missingFileIsNamed() {
        #expect(throws: ConfigErrors([ConfigError(file: "/nonexistent.yaml", line: 0, column: 0, message: "pipeline file does not exist")])) {
            try loader.load(path: "/nonexistent.yaml")
        }
    }

    @Test func shippedPipelinesValidate() throws {
        let folder = TestPaths.repository.appendingPathComponent("pipelines")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".tests.yaml") }
        #expect(names.count >= 3)
        for name in names {
            let path = folder.appendingPathComponent(name).path
            let environment = [
                "INPUT": TestPaths.repository.appendingPathComponent("samples").path, "DATABASE_URL": "postgres://copydesk@db/news?schema=copydesk",
            ]
            let definition = try PipelineLoader(environment: environment)
                .load(path: path)
            _ = try PipelineRunner(definition: definition)
        }
    }
}
