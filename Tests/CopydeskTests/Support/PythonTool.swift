import Foundation
import Testing

/// Pinned Python packages a test runs (jsonschema, frictionless, DuckDB and pandas), installed by
/// a script's `setup VENV` command (`Tests/python/pinned_venv.py`) into a virtual environment
/// under `.build/`, once per test run. Without python3, its `venv` module or PyPI the tests that
/// need the packages are skipped, saying why.
struct PythonTool: Sendable {
    /// Why the packages cannot be run.
    struct Unavailable: Error, CustomStringConvertible {
        /// The reason, as the skipped test prints it.
        let description: String
    }

    /// What the packages are, for messages (`jsonschema`).
    let name: String
    /// The script that installs them (`setup VENV`) and runs them.
    let script: String
    /// A python that has them, or why there is none.
    let python: Result<String, Unavailable>

    /// Sets up the packages of `script` (under `Tests/`) in `.build/ENVIRONMENT`, printing the
    /// reason once when that fails.
    init(_ name: String, script: String, environment: String) {
        self.name = name
        self.script = TestPaths.repository.appendingPathComponent("Tests/\(script)").path
        python = Self.setUp(script: self.script, environment: TestPaths.repository.appendingPathComponent(".build/\(environment)").path)
        if case .failure(let reason) = python { print("skipped: \(name) is unavailable: \(reason)") }
    }

    /// The trait of tests that run the packages: skipped when they are unavailable.
    var required: ConditionTrait {
        let available = (try? python.get()) != nil
        return .enabled("\(name) is unavailable (the reason is printed above: python3, its venv module or PyPI)") { available }
    }

    /// Runs `script setup environment`, which installs the packages when missing.
    private static func setUp(script: String, environment: String) -> Result<String, Unavailable> {
        let setup: ProcessOutput
        do {
            setup = try ProcessOutput.run("/usr/bin/env", ["python3", script, "setup", environment])
        } catch {
            return .failure(Unavailable(description: "cannot start python3: \(error)"))
        }
        if setup.status == 127 { return .failure(Unavailable(description: "no python3 on PATH")) }
        guard setup.status == 0, let path = setup.stdout.split(separator: "\n").last.map(String.init) else {
            return .failure(Unavailable(description: setup.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return .success(path)
    }
}
