import Foundation

/// Runs the built `copydesk` binary as a cron job would, capturing exit status and output.
enum CLIRunner {
    /// The debug binary `make test` builds.
    static let binary = TestPaths.repository.appendingPathComponent(".build/debug/copydesk").path

    /// Whether the binary exists (it is built with the tests).
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// What a finished run returned.
    struct Result {
        /// Exit status, or the signal number when `crashed`.
        var status: Int32
        /// Whether the process died of a signal instead of exiting.
        var crashed: Bool
        /// Standard output.
        var stdout: String
        /// Standard error.
        var stderr: String
    }

    /// Starts `copydesk arguments…` with `environment` (plus PATH) in the repository folder,
    /// its standard input read from the file `input` when given.
    static func start(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
        process.currentDirectoryURL = TestPaths.repository
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let input { process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input)) }
        try process.run()
        return (process, out, err)
    }

    /// Runs `copydesk arguments…` to the end, its standard input read from `input` when given.
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Result {
        let (process, out, err) = try start(arguments, environment: environment, input: input)
        // Standard error is drained on its own thread, so a run that logs more than a pipe holds
        // cannot block while standard output is being read.
        let stderrReader = PipeDrain(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = stderrReader.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, crashed: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own.
final class PipeDrain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    /// Starts reading `handle` to its end.
    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Waits for the end of the pipe and returns what was read.
    func wait() -> Data {
        done.wait()
        return data
    }
}
