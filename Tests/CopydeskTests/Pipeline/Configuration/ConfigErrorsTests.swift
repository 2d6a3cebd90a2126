import Foundation
import Testing

@testable import Copydesk

@Suite("every configuration error at once")
struct ConfigErrorsTests {
    let loader = PipelineLoader(environment: [:])

    /// What loading `yaml` as `pipeline.yaml` throws.
    func loadErrors(_ yaml: String) -> ConfigErrors? {
        do {
            _ = try loader.load(yaml: yaml, file: "pipeline.yaml")
            return nil
        } catch {
            return error as? ConfigErrors
        }
    }

    @Test func everyErrorIsReportedInFileOrderWithItsLineAndCaret() throws {
        let yaml = """
            name: many
            batch_size: lots
            max_quarantined: some
            colour: blue
            stages:
              - type: textdrop
                path: ${MISSING}
              - type: dedupe
                workers: 3
                treshold: 0.5
              - type: extract
              - type: jsonl
                path: out/a.jsonl
              - type: normalize
              - type: sqlite
                fts: maybe
            """
        let errors = try #require(loadErrors(yaml))
        let expected: [(line: Int, column: Int, message: String)] = [
            (2, 13, "batch_size: expected an integer, found 'lots'"),
            (3, 18, "max_quarantined: expected a count (100) or a percentage (5%), found 'some'"),
            (4, 1, "unknown option 'colour' for the pipeline"),
            (7, 11, "path: environment variable MISSING is not set"),
            (9, 14, "workers: 'dedupe' keeps state across batches and runs on one worker"),
            (10, 5, "unknown option 'treshold' for stage 'dedupe' (did you mean 'threshold'?)"),
            (11, 11, "'extract' needs a 'segment' stage before it"),
            (14, 11, "transform 'normalize' comes after a sink; sinks close the pipeline"),
            (15, 5, "stage 'sqlite' is missing required option 'path'"),
            (16, 10, "fts: expected true or false, found 'maybe'"),
        ]
        #expect(errors.errors.map { "\($0.line):\($0.column)" } == expected.map { "\($0.line):\($0.column)" })
        for (error, wanted) in zip(errors.errors, expected) {
            #expect(error.message.hasPrefix(wanted.message), "\(error)")
        }
        let sourceLines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rendered = errors.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rendered.count == expected.count * 3)
        for (index, wanted) in expected.enumerated() where index * 3 + 2 < rendered.count {
            #expect(rendered[index * 3].hasPrefix("pipeline.yaml:\(wanted.line):\(wanted.column): \(wanted.message)"))
            #expect(rendered[index * 3 + 1] == sourceLines[wanted.line - 1])
            #expect(rendered[index * 3 + 2] == String(repeating: " ", count: wanted.column - 1) + "^")
        }
    }

    @Test func atMostFiftyErrorsArePrinted() throws {
        let unknown = (0..<60).map { "    option\($0): 1\n" }.joined()
        let errors = try #require(
            loadErrors("name: x\nstages:\n  - type: textdrop\n    path: samples\n\(unknown)  - type: jsonl\n    path: o.jsonl\n"))
        #expect(errors.errors.count == 60)
        let rendered = errors.description.split(separator: "\n").map(String.init)
        #expect(rendered.count == ConfigErrors.shownLimit * 3 + 1)
        #expect(rendered.last == "10 more errors not shown")
        #expect(rendered[(ConfigErrors.shownLimit - 1) * 3].hasPrefix("pipeline.yaml:54:5: unknown option 'option49'"))
    }

    @Test func errorsWithoutAPositionOrSourceLinePrintTheMessageOnly() {
        let errors = ConfigErrors([
            ConfigError(file: "p.yaml", line: 2, column: 3, message: "late"),
            ConfigError(file: "p.yaml", line: 0, column: 0, message: "whole file"),
        ])
        #expect(errors.description == "p.yaml: whole file\np.yaml:2:3: late")
    }

    @Test func theCaretKeepsTheLinesTabs() {
        let errors = ConfigErrors([ConfigError(file: "p.yaml", line: 1, column: 4, message: "here")], text: "\t\tab: 1\n")
        #expect(errors.description == "p.yaml:1:4: here\n\t\tab: 1\n\t\t ^")
    }

    @Test func aSyntaxErrorIsTheOnlyErrorAndPointsAtItsLine() throws {
        let errors = try #require(loadErrors("name: x\nbatch_size: lots\nstages: [\n"))
        #expect(errors.errors.count == 1)
        #expect(errors.description.hasPrefix("pipeline.yaml:4:1: YAML:"))
    }

    @Test func everyStageThatRejectsItsOptionsIsReportedBeforeAMissingInput() throws {
        let yaml = """
            name: x
            stages:
              - type: textdrop
                path: /nonexistent/drop
              - type: dedupe
                hash_count: 100
              - type: segment
                language: tlh
              - type: csv
                directory: out/tables
                tables: [articles, people]
            """
        let definition = try loader.load(yaml: yaml, file: "pipeline.yaml")
        let thrown = #expect(throws: ConfigErrors.self) { try PipelineRunner(definition: definition) }
        let errors = try #require(thrown)
        #expect(
            errors.errors.map { "\($0.line):\($0.column): \($0.message.prefix(while: { $0 != ":" }))" }
                == ["6:17: hash_count", "8:15: language", "11:13: tables"])
        #expect(errors.description.contains("\n    language: tlh\n              ^\n"))
        #expect(ExitStatus.classify(errors) == .configError)
    }

    @Test func aMissingInputAloneIsAnInputError() async throws {
        let definition = try loader.load(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: /nonexistent/drop\n  - type: jsonl\n    path: o.jsonl\n",
            file: "pipeline.yaml")
        let thrown = await #expect(throws: InputError.self) { try await PipelineRunner(definition: definition).run() }
        #expect(thrown.map { ExitStatus.classify($0) } == .inputError)
    }
}
