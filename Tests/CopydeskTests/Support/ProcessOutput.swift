import Foundation

/// What a finished helper process printed, and its exit status.
struct ProcessOutput {
    /// Exit status.
    let status: Int32
    /// Standard output.
    let stdout: String
    /// Standard error.
    let stderr: String

    /// Runs `executable arguments…` to its end in `directory` (the repository folder by
    /// default), with `environment` (this process's by default). Standard error is read after
    /// standard output, so it must stay short (a tool's messages, not a log).
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, in directory: URL = TestPaths.repository
    ) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
