import Foundation
import Testing

/// The README's block reading every output with DuckDB and pandas (`Tests/client-readers`), run
/// on the default pipeline's output for the shipped samples: every column of the JSON lines, the
/// CSV files and the SQLite tables comes out with its declared type, the columns that are null
/// in every row included, and DuckDB selects every column of every table without quoting.
@Suite("DuckDB and pandas read the outputs", .enabled(if: CLIRunner.isAvailable, "the copydesk binary is built with the tests"))
struct ClientReaderTests {
    /// The pinned DuckDB and pandas, and the script that installs them and runs the README's block.
    static let tool = PythonTool("DuckDB and pandas", script: "client-readers/readers.py", environment: "client-readers")

    /// What the script found.
    struct Report: Decodable {
        /// The outputs read: `records`, then every table of `datapackage.json`.
        let checked: [String]
        /// The columns null in every row, by reader and table (`csv/articles`).
        let nullColumns: [String: [String]]
        /// Types that differ from the declared ones, missing columns and failed SELECTs.
        let problems: [String]

        private enum CodingKeys: String, CodingKey {
            case checked, problems
            case nullColumns = "null_columns"
        }
    }

    @Test(tool.required)
    func everyOutputReadsWithItsDeclaredTypes() throws {
        let out = try TestPaths.temporaryDirectory()
        let run = try CLIRunner.run(["run", "pipelines/default.yaml"], environment: ["OUT": out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let python = try Self.tool.python.get()
        let binaries = URL(fileURLWithPath: CLIRunner.binary).deletingLastPathComponent().path
        let check = try ProcessOutput.run(
            python, [Self.tool.script, "check", TestPaths.repository.appendingPathComponent("README.md").path, out.path],
            environment: ["PATH": "\(binaries):/usr/bin:/bin", "HOME": NSTemporaryDirectory()])
        #expect(check.status == 0, "\(check.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(check.stdout.split(separator: "\n").last.map(String.init)?.utf8 ?? "".utf8))
        #expect(report.problems == [], "\(report.problems.joined(separator: "\n"))")
        #expect(report.checked == ["records", "articles", "paragraphs", "sentences", "entities", "quotes", "amounts", "dates"])
        for reader in ["csv", "sqlite"] {
            let nullColumns = Set(report.nullColumns["\(reader)/articles"] ?? [])
            #expect(nullColumns.isSuperset(of: ["url", "duplicate_of", "similarity"]), "\(reader): \(nullColumns.sorted())")
        }
        #expect(Set(report.nullColumns["jsonl/records"] ?? []).isSuperset(of: ["url", "duplicate_of", "similarity"]))
    }
}
