import Foundation
import Testing

/// Python's `jsonschema` package, a real JSON Schema validator, run on pipeline files by
/// `Tests/schema-validator/validate.py`. The package (pinned, with PyYAML) lives in a virtual
/// environment under `.build/schema-validator`, which the script makes from PyPI the first time;
/// without python3, its `venv` module or PyPI the tests that need it are skipped, saying why.
enum SchemaValidator {
    /// The pinned jsonschema and PyYAML, and the script that installs and runs them.
    static let tool = PythonTool("jsonschema", script: "schema-validator/validate.py", environment: "schema-validator")
    /// The script.
    static var script: String { tool.script }
    /// A python that has the validator.
    static var python: Result<String, PythonTool.Unavailable> { tool.python }
    /// The trait of suites that run the validator: skipped when it is unavailable.
    static let required = tool.required

    /// What the validator reports for one document.
    struct Report: Decodable {
        /// The document's name.
        let file: String
        /// Each error as an editor would show it (for a stage entry, the errors of the stage type
        /// its `type` names), when the document is YAML data.
        let errors: [Finding]?
        /// Why the document is not YAML data (a syntax error, a key given twice).
        let yamlError: String?

        private enum CodingKeys: String, CodingKey {
            case file, errors
            case yamlError = "yaml_error"
        }
    }

    /// One schema error.
    struct Finding: Decodable {
        /// Where, as a JSON pointer (`/stages/0/path`; empty for the whole document).
        let path: String
        /// What jsonschema says.
        let message: String
    }

    /// Checks `schema` against the draft-07 meta-schema, then each document (YAML text, by
    /// name) against `schema`; the reports come by name.
    static func check(schema: String, documents: [(name: String, yaml: String)]) throws -> [String: Report] {
        let python = try python.get()
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schemaFile = folder.appendingPathComponent("pipeline.schema.json")
        try schema.write(to: schemaFile, atomically: true, encoding: .utf8)
        var files: [String: String] = [:]
        for (index, document) in documents.enumerated() {
            let file = folder.appendingPathComponent("\(index).yaml").path
            try document.yaml.write(toFile: file, atomically: true, encoding: .utf8)
            files[file] = document.name
        }
        let run = try ProcessOutput.run(python, [script, "check", schemaFile.path] + files.keys.sorted())
        guard run.status == 0 else { throw PythonTool.Unavailable(description: "validate.py check failed (\(run.status)): \(run.stderr)") }
        var reports: [String: Report] = [:]
        for line in run.stdout.split(separator: "\n") {
            let report = try JSONDecoder().decode(Report.self, from: Data(line.utf8))
            reports[files[report.file] ?? report.file] = report
        }
        return reports
    }
}
