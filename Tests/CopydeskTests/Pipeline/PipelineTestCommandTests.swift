import Foundation
import Testing

@testable import Copydesk

/// `copydesk test`: the shipped pipelines' own cases pass, and a failing case is reported with
/// what differed, in the exact form users read.
@Suite("copydesk test", .enabled(if: CLIRunner.isAvailable))
struct PipelineTestCommandTests {
    /// Every shipped pipeline that has a tests file beside it.
    static let shipped: [String] = {
        let folder = TestPaths.repository.appendingPathComponent("pipelines").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".tests.yaml") }.sorted().map { "pipelines/" + $0.replacingOccurrences(of: ".tests.yaml", with: ".yaml") }
    }()

    @Test func everyShippedPipelineHasCases() {
        let pipelines = ((try? FileManager.default.contentsOfDirectory(atPath: TestPaths.repository.appendingPathComponent("pipelines").path)) ?? [])
            .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".tests.yaml") }.map { "pipelines/" + $0 }
        #expect(Set(Self.shipped) == Set(pipelines), "a tests file beside every shipped pipeline")
    }

    @Test(arguments: shipped)
    func theShippedCasesPass(pipeline: String) throws {
        let result = try CLIRunner.run(["test", pipeline], environment: ["HOME": NSTemporaryDirectory()])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix(" passed, 0 failed\n"), "\(result.stdout)")
    }

    @Test func failingCasesAreReportedWithWhatDifferedAndExitOne() throws {
        let folder = try TestPaths.temporaryDirectory().path
        let tests = folder + "/default.tests.yaml"
        try """
        cases:
          - name: right about the title, wrong about the rest
            articles:
              - date: 2024-06-02
                section: Sport
                title: Late goal sends Ghent into the cup final
                text: |
                  GHENT, June 2 - A header in stoppage time sent Ghent into the cup final on Sunday.
                  The home side had trailed for most of the second half before their captain levelled.
            expect:
              - file: article-1.txt
                title: Late goal sends Ghent into the cup final
                section: Business
                sentences: 7
                entities: [{text: Bruges, type: location}]
                duplicate_of: set
          - name: a duplicate expected where there is none
            articles:
              - {date: 2024-06-02, title: One, text: "ROME, June 2 - Parliament passed the budget on Sunday after a long night of votes."}
              - {date: 2024-06-02, title: Two, text: "OSLO, June 2 - Snow closed the mountain roads on Sunday, the transport ministry said."}
            expect:
              - {file: article-2.txt, outcome: duplicate}
              - {file: article-3.txt, outcome: written}
          - name: passes
            articles:
              - {date: 2024-06-02, title: One, text: "ROME, June 2 - Parliament passed the budget on Sunday after a long night of votes."}
            expect:
              - {file: article-1.txt, outcome: written, date: 2024-06-02, text_contains: [Parliament passed the budget]}
        """.write(toFile: tests, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["test", "pipelines/default.yaml", tests])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                pipelines/default.yaml: 3 cases from \(tests)
                  FAIL  right about the title, wrong about the rest
                        article-1.txt, article 1: section: expected "Business", got "Sport"
                        article-1.txt, article 1: sentences: expected 7, got 2
                        article-1.txt, article 1: entities: expected to include Bruges (location); found: GHENT (location)
                        article-1.txt, article 1: duplicate_of: expected set, got none
                  FAIL  a duplicate expected where there is none
                        article-2.txt, article 1: outcome: expected duplicate, got written
                        article-3.txt, article 1: the source read 0 articles from article-3.txt
                  ok    passes
                1 passed, 2 failed

                """)
    }

    @Test func aBrokenTestsFileIsReportedAtItsLinesAndExitsTwo() throws {
        let tests = try TestPaths.temporaryDirectory().path + "/broken.tests.yaml"
        try """
        cases:
          - name: typo
            files: {a.txt: "x"}
            expect:
              - file: a.txt
                titel: Something
                sentences: many
        """.write(toFile: tests, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["test", "pipelines/default.yaml", tests])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(tests):6:9: unknown expectation 'titel'"), "\(result.stderr)")
        #expect(result.stderr.contains("\(tests):7:20: sentences: expected a number"), "\(result.stderr)")
    }
}
