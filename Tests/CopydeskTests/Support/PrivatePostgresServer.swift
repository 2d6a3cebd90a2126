import Foundation
import Testing

/// A PostgreSQL server of one test's own, started by `scripts/postgres-test-server.sh --state
/// DIR`, for tests that stop the server under a run: the shared server stays up for the others.
struct PrivatePostgresServer {
    /// The folder the script keeps this server's bookkeeping in.
    let state: String
    /// The server's database, as `postgres://user:password@127.0.0.1:port/copydesk_test`.
    let url: String

    /// Starts a new server; fails the test with the script's output when it cannot.
    static func start() throws -> PrivatePostgresServer {
        let state = try TestPaths.temporaryDirectory().appendingPathComponent("postgres").path
        try script(state, "start")
        let env = try String(contentsOfFile: state + "/env", encoding: .utf8)
        let url = try #require(env.split(separator: "=", maxSplits: 1).last).trimmingCharacters(in: .whitespacesAndNewlines)
        return PrivatePostgresServer(state: state, url: url)
    }

    /// Stops the server at once, as a crash would; its data stays for `resume()`.
    func pause() throws { try Self.script(state, "pause") }

    /// Starts the paused server again on the same port with the same data.
    func resume() throws { try Self.script(state, "resume") }

    /// Stops the server and deletes its data.
    func stop() { try? Self.script(state, "stop") }

    /// Runs the script with `--state state command`; throws its output when it fails. The
    /// output goes to a file, not a pipe: the server the script starts inherits it and keeps it
    /// open, so a pipe would never reach its end.
    private static func script(_ state: String, _ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [TestPaths.repository.appendingPathComponent("scripts/postgres-test-server.sh").path, "--state", state, command]
        let outputPath = try TestPaths.temporaryDirectory().appendingPathComponent("postgres-test-server.log").path
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        try output.close()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "postgres-test-server.sh \(command) failed: \(text)")
    }
}
