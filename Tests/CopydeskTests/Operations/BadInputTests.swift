import Foundation
import Testing

@testable import Copydesk

/// The bad-input suite: each case builds a drop or a pipeline that is broken in one way, runs
/// the real binary, and checks that the process neither crashes nor loses the good article,
/// exits with the documented code, and names the culprit.
@Suite("bad input", .serialized, .enabled(if: CLIRunner.isAvailable))
struct BadInputTests {
    /// One broken situation.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// Expected exit code.
        let status: Int32
        /// Text that must appear on stderr (the culprit's name).
        let culprit: String
        /// Whether the good article must be in the output.
        let keepsGoodArticle: Bool
        /// Builds the situation in `folder`; returns the pipeline file and the environment.
        let setUp: @Sendable (URL) throws -> (pipeline: String, environment: [String: String])
        var testDescription: String { name }
    }

    static let good =
        " date 2024-03-01 World\nThe good article\nA genuine summary.\nOSLO (Reuters) - The good article survives every broken neighbour, officials said.\nIt has a second paragraph.\n"

    /// A drop holding the good article and `broken` (file name → bytes), run through the default pipeline.
    static func drop(_ broken: [String: Data]) -> @Sendable (URL) throws -> (pipeline: String, environment: [String: String]) {
        { folder in
            let drop = folder.appendingPathComponent("drop")
            try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
            try good.write(to: drop.appendingPathComponent("000_good.txt"), atomically: true, encoding: .utf8)
            for (name, bytes) in broken { try bytes.write(to: drop.appendingPathComponent(name)) }
            return ("pipelines/default.yaml", ["INPUT": drop.path, "OUT": folder.appendingPathComponent("out").path])
        }
    }

    /// A pipeline file with `yaml` as its text.
    static func pipeline(_ yaml: String, environment: [String: String] = [:])
        -> @Sendable (URL) throws -> (pipeline: String, environment: [String: String])
    {
        { folder in
            let file = folder.appendingPathComponent("broken.yaml")
            try yaml.write(to: file, atomically: true, encoding: .utf8)
            return (file.path, environment.merging(["OUT": folder.appendingPathComponent("out").path]) { $1 })
        }
    }

    static let samples = TestPaths.repository.appendingPathComponent("samples").path

    static let cases: [Case] = [
        Case(
            name: "binary file", status: 0, culprit: "noise.txt", keepsGoodArticle: true,
            setUp: drop(["noise.txt": Data((0..<4_096).map { UInt8(($0 * 7919) % 256) })])),
        Case(name: "empty file", status: 0, culprit: "empty.txt", keepsGoodArticle: true, setUp: drop(["empty.txt": Data()])),
        Case(
            name: "whitespace-only file", status: 0, culprit: "blank.txt", keepsGoodArticle: true,
            setUp: drop(["blank.txt": Data("\n   \n\t\n".utf8)])),
        Case(
            name: "a 50 MB single line", status: 0, culprit: "oneline.txt", keepsGoodArticle: true,
            setUp: drop(["oneline.txt": Data(repeating: UInt8(ascii: "a"), count: 50_000_000)])),
        Case(
            name: "UTF-16 file", status: 0, culprit: "utf16.txt", keepsGoodArticle: true,
            setUp: drop(["utf16.txt": " date 2024-03-02 World\nTitle\nSummary\nBody text here.\n".data(using: .utf16)!])),
        Case(
            name: "Latin-1 file", status: 0, culprit: "latin1.txt", keepsGoodArticle: true,
            setUp: drop(["latin1.txt": " date 2024-03-02 World\nCaf\u{E9} reopens\nSummary.\nThe caf\u{E9} reopened.\n".data(using: .isoLatin1)!])),
        Case(
            name: "malformed header date", status: 0, culprit: "baddate.txt", keepsGoodArticle: true,
            setUp: drop(["baddate.txt": Data(" date 2024-02-30 World\nTitle\nSummary\nBody.\n".utf8)])),
        Case(
            name: "article without a body", status: 0, culprit: "nobody.txt", keepsGoodArticle: true,
            setUp: drop(["nobody.txt": Data(" date 2024-03-02 World\nTitle only\n".utf8)])),
        Case(
            name: "text before any header", status: 0, culprit: "noheader.txt", keepsGoodArticle: true,
            setUp: drop(["noheader.txt": Data("Just some text\nwithout a header.\n".utf8)])),
        Case(
            name: "a named pipe where a file is expected", status: 0, culprit: "pipe.txt: textdrop: is not a regular file", keepsGoodArticle: true,
            setUp: { folder in
                let made = try drop([:])(folder)
                #expect(mkfifo(made.environment["INPUT"]! + "/pipe.txt", 0o644) == 0)
                return made
            }),
        Case(
            name: "dangling symbolic link", status: 0, culprit: "dangling.txt: textdrop: cannot be opened", keepsGoodArticle: true,
            setUp: { folder in
                let made = try drop([:])(folder)
                try FileManager.default.createSymbolicLink(
                    atPath: made.environment["INPUT"]! + "/dangling.txt", withDestinationPath: "/nonexistent/target.txt")
                return made
            }),
        Case(
            name: "input path that does not exist", status: 3, culprit: "/nonexistent/drop", keepsGoodArticle: false,
            setUp: { folder in ("pipelines/default.yaml", ["INPUT": "/nonexistent/drop", "OUT": folder.appendingPathComponent("out").path]) }),
        Case(
            name: "pipeline file that does not exist", status: 2, culprit: "/nonexistent/pipeline.yaml", keepsGoodArticle: false,
            setUp: { _ in ("/nonexistent/pipeline.yaml", [:]) }),
        Case(
            name: "YAML syntax error", status: 2, culprit: "broken.yaml:3:", keepsGoodArticle: false,
            setUp: pipeline("name: x\nstages: [\n  - type: textdrop\n")),
        Case(
            name: "deeply nested YAML", status: 2, culprit: "nests deeper than 32 levels", keepsGoodArticle: false,
            setUp: pipeline("name: deep\nstages: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n")),
        Case(
            name: "YAML alias bomb", status: 2, culprit: "expands to more than", keepsGoodArticle: false,
            setUp: pipeline(
                (1...9).reduce("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n") { yaml, level in
                    yaml + "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
                } + "name: bomb\nstages: []\n")),
        Case(
            name: "unknown stage type", status: 2, culprit: "broken.yaml:5:11: unknown stage type 'sentiment'", keepsGoodArticle: false,
            setUp: pipeline("name: x\nstages:\n  - type: textdrop\n    path: \(samples)\n  - type: sentiment\n  - type: jsonl\n    path: o.jsonl\n")),
        Case(
            name: "unset environment variable", status: 2, culprit: "environment variable DROP_DIR is not set", keepsGoodArticle: false,
            setUp: pipeline("name: x\nstages:\n  - type: textdrop\n    path: ${DROP_DIR}\n  - type: jsonl\n    path: o.jsonl\n")),
        Case(
            name: "output under a regular file (unwritable)", status: 5, culprit: "blocker", keepsGoodArticle: false,
            setUp: { folder in
                let made = try drop([:])(folder)
                try Data("not a directory".utf8).write(to: folder.appendingPathComponent("blocker"))
                return (made.pipeline, made.environment.merging(["OUT": folder.appendingPathComponent("blocker/out").path]) { $1 })
            }),
        Case(
            name: "JSON lines with broken records", status: 0, culprit: "export.jsonl:2", keepsGoodArticle: true,
            setUp: { folder in
                let export = folder.appendingPathComponent("export.jsonl")
                let lines = [
                    #"{"title": "The good article", "text": "OSLO (Reuters) - The good article survives every broken neighbour, officials said.\nIt has a second paragraph."}"#,
                    #"{"title": "broken", "text": "#, #"{"text": null}"#, #"[1, 2, 3]"#, "\u{FEFF}garbage",
                ]
                try lines.joined(separator: "\n").write(to: export, atomically: true, encoding: .utf8)
                let yaml =
                    "name: j\nquarantine: \(folder.path)/out/quarantine.jsonl\nstages:\n  - {type: jsonl, path: \"\(export.path)\"}\n  - {type: normalize}\n  - {type: jsonl, path: \"\(folder.path)/out/articles.jsonl\"}\n"
                let file = folder.appendingPathComponent("j.yaml")
                try yaml.write(to: file, atomically: true, encoding: .utf8)
                return (file.path, [:])
            }),
        Case(
            name: "bad option value", status: 2, culprit: "broken.yaml:6:16: threshold: 7.0 is outside 0.05...1.0", keepsGoodArticle: false,
            setUp: pipeline(
                "name: x\nstages:\n  - type: textdrop\n    path: \(samples)\n  - type: dedupe\n    threshold: 7\n  - type: jsonl\n    path: o.jsonl\n"
            )),
    ]

    @Test(arguments: cases)
    func neverCrashesNeverLosesTheGoodArticleAndNamesTheCulprit(_ situation: Case) throws {
        let folder = try TestPaths.temporaryDirectory()
        let (pipeline, environment) = try situation.setUp(folder)
        let result = try CLIRunner.run(["run", pipeline], environment: environment)
        #expect(!result.crashed, "the process died of a signal")
        #expect(result.status == situation.status, "\(result.stderr)")
        #expect(result.stderr.contains(situation.culprit), "\(result.stderr)")
        let output = folder.appendingPathComponent("out/articles.jsonl")
        if situation.keepsGoodArticle {
            let text = try String(contentsOf: output, encoding: .utf8)
            #expect(text.contains("The good article survives every broken neighbour"))
        }
        let leftovers =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path))?.filter { $0.contains(".tmp-") } ?? []
        #expect(leftovers.isEmpty)
    }

    @Test func exitCodesForPartialFailureAndLocking() throws {
        let folder = try TestPaths.temporaryDirectory()
        let out = folder.appendingPathComponent("out").path
        let yaml =
            "name: strict\nmax_quarantined: 0\nquarantine: \(out)/q.jsonl\nstages:\n  - {type: textdrop, path: \"\(TestPaths.fixture("messy"))\"}\n  - {type: jsonl, path: \"\(out)/articles.jsonl\"}\n"
        let file = folder.appendingPathComponent("strict.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let partial = try CLIRunner.run(["run", file.path])
        #expect(partial.status == 4, "\(partial.stderr)")
        #expect(partial.stderr.contains("6 records quarantined, more than max_quarantined 0"))

        let held = try RunLock(protecting: out + "/articles.jsonl")
        defer { held.release() }
        let locked = try CLIRunner.run(["run", file.path])
        #expect(locked.status == 75, "\(locked.stderr)")
        #expect(locked.stderr.contains(".articles.jsonl.lock is locked by another run (pid \(getpid())"))
    }

    @Test func aDryRunPrintsAndWritesNothing() throws {
        let out = try TestPaths.temporaryDirectory().appendingPathComponent("out").path
        let result = try CLIRunner.run(["run", "--dry-run", "3", "pipelines/daily-cron.yaml"], environment: ["OUT": out])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(try JSONDecoder().decode(Article.self, from: Data(lines[0].utf8)).sentences.isEmpty == false)
        #expect(result.stderr.contains("dry run: jsonl: \(out)/articles.jsonl would receive 3 articles; nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aDryRunNamesAPostgreSQLSinkWithoutItsPasswordAndConnectsNowhere() throws {
        let folder = try TestPaths.temporaryDirectory()
        let file = folder.appendingPathComponent("pg.yaml")
        let yaml = """
            name: pg
            stages:
              - {type: textdrop, path: samples}
              - {type: postgres, url: 'postgres://copydesk:s3cret@127.0.0.1:1/news?schema=copydesk'}
            """
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["run", "--dry-run", "2", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("dry run: postgres: postgres://copydesk:***@127.0.0.1:1/news?schema=copydesk would receive 2 articles"))
        #expect(!result.stderr.contains("s3cret"))
    }
}
