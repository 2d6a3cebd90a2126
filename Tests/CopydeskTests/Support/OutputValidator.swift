import Foundation
import Testing

/// Real validators of Copydesk's outputs, run by `Tests/output-validator/validate.py`: the
/// `frictionless` command on the CSV tables and their `datapackage.json`, and Python's
/// `jsonschema` on JSON-lines records. The packages are installed the first time when python3
/// lacks them (a virtual environment under `.build/output-validator`, else python3's own);
/// without python3 or PyPI the tests that need them are skipped, saying why.
enum OutputValidator {
    /// The pinned frictionless and jsonschema, and the script that installs and runs them.
    static let tool = PythonTool("frictionless and jsonschema", script: "output-validator/validate.py", environment: "output-validator")
    /// The script.
    static var script: String { tool.script }
    /// A python that has the validators.
    static var python: Result<String, PythonTool.Unavailable> { tool.python }
    /// The trait of suites that run the validators: skipped when they are unavailable.
    static let required = tool.required

    /// One problem a validator found.
    struct Finding: Decodable, CustomStringConvertible {
        /// Where: a resource (`paragraphs`) or a line of the records (`3`).
        let place: String
        /// The validator's kind of error (`type-error`, `foreign-key`), when it has kinds.
        let type: String?
        /// What the validator says.
        let message: String

        var description: String { "\(place): \(type.map { "\($0): " } ?? "")\(message)" }
    }

    /// What `frictionless validate` reports for a data package: whether it is valid, and every
    /// error of the package and of its resources.
    struct PackageReport {
        /// Whether frictionless found the package and its data valid.
        let valid: Bool
        /// The resources checked, by name.
        let resources: [String]
        /// Every error, the package's first.
        let errors: [Finding]
    }

    /// Runs `frictionless validate --json` on the descriptor at `path`.
    static func validatePackage(_ path: String) throws -> PackageReport {
        let run = try ProcessOutput.run(try python.get(), ["-m", "frictionless", "validate", "--json", path])
        guard let report = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
            let valid = report["valid"] as? Bool
        else { throw PythonTool.Unavailable(description: "frictionless validate printed no report (\(run.status)): \(run.stdout)\(run.stderr)") }
        #expect(run.status == (valid ? 0 : 1), "frictionless validate exits 0 exactly when valid")
        func findings(_ errors: Any?, _ place: String) -> [Finding] {
            ((errors as? [[String: Any]]) ?? []).map {
                Finding(place: place, type: $0["type"] as? String, message: $0["message"] as? String ?? "\($0)")
            }
        }
        var errors = findings(report["errors"], "package")
        var resources: [String] = []
        for task in (report["tasks"] as? [[String: Any]]) ?? [] {
            let name = task["name"] as? String ?? "?"
            resources.append(name)
            errors += findings(task["errors"], name)
        }
        return PackageReport(valid: valid, resources: resources, errors: errors)
    }

    /// What the records check reports: how many lines it read and what was wrong with them.
    struct RecordsReport: Decodable {
        /// Lines read.
        let lines: Int
        /// Every error, by line.
        let errors: [RecordError]
        /// The jsonschema validator class the schema's `$schema` chose.
        let validator: String
    }

    /// One record's error.
    struct RecordError: Decodable, CustomStringConvertible {
        /// 1-based line of the record.
        let line: Int
        /// Where in the record, as a JSON pointer.
        let path: String
        /// What jsonschema says.
        let message: String

        var description: String { "line \(line) \(path): \(message)" }
    }

    /// Checks `schema` (JSON text) against its meta-schema, then every line of the JSON-lines
    /// file at `path` against it.
    static func validateRecords(_ path: String, schema: String) throws -> RecordsReport {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schemaFile = folder.appendingPathComponent("record.schema.json").path
        try schema.write(toFile: schemaFile, atomically: true, encoding: .utf8)
        let run = try ProcessOutput.run(try python.get(), [script, "records", schemaFile, path])
        guard run.status == 0 else { throw PythonTool.Unavailable(description: "validate.py records failed (\(run.status)): \(run.stderr)") }
        return try JSONDecoder().decode(RecordsReport.self, from: Data(run.stdout.utf8))
    }
}
