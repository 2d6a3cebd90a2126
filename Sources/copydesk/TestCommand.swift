import ArgumentParser
import Copydesk
import Foundation

/// `copydesk test PIPELINE.yaml [TESTS.yaml]`: runs a pipeline's test cases and reports each,
/// like a test runner: `ok` or `FAIL` with what differed, then `N passed, M failed`.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a pipeline's test cases (inline inputs, expectations on the records) and report each.",
        discussion: """
            TESTS.yaml defaults to the pipeline's file with .tests.yaml for .yaml beside it. Each case runs \
            in a temporary folder of its own (INPUT and OUT point there; every state store the pipeline \
            names is a new file there). Exit codes: 0 every case passed, 1 a case failed, 2 the pipeline \
            or the tests file is invalid. docs/testing.md describes the tests file.
            """
    )

    @Argument(help: "Pipeline YAML file.")
    var pipeline: String

    @Argument(help: "Tests file (default: PIPELINE.tests.yaml beside the pipeline).")
    var tests: String?

    func run() async throws {
        let file = tests ?? Self.defaultTests(for: pipeline)
        do {
            var reader = PipelineTestReader(file: file)
            let suite = try reader.read()
            if let named = suite.pipeline {
                let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
                let expected = URL(fileURLWithPath: named, relativeTo: folder).standardizedFileURL.path
                guard expected == URL(fileURLWithPath: pipeline).standardizedFileURL.path else {
                    Terminal.error("\(file): its cases are written for \(named), not for \(pipeline)")
                    throw ExitCode(ExitStatus.configError.rawValue)
                }
            }
            let runner = PipelineTestRunner(
                pipeline: pipeline, environment: ProcessInfo.processInfo.environment.merging(suite.environment) { $1 })
            var (passed, failed) = (0, 0)
            print("\(pipeline): \(suite.cases.count) case\(suite.cases.count == 1 ? "" : "s") from \(file)")
            for testCase in suite.cases {
                let result = try await runner.run(testCase)
                if result.passed {
                    passed += 1
                    print("  ok    \(result.name)")
                } else {
                    failed += 1
                    print("  FAIL  \(result.name)")
                    for failure in result.failures { print("        \(failure)") }
                }
            }
            print("\(passed) passed, \(failed) failed")
            if failed > 0 { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(ExitStatus.classify(error).rawValue)
        }
    }

    /// `pipelines/default.tests.yaml` for `pipelines/default.yaml`.
    static func defaultTests(for pipeline: String) -> String {
        let base = pipeline.hasSuffix(".yaml") ? String(pipeline.dropLast(5)) : pipeline.hasSuffix(".yml") ? String(pipeline.dropLast(4)) : pipeline
        return base + ".tests.yaml"
    }
}
