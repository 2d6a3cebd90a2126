import ArgumentParser
import Foundation

/// Runs an installed command-line tool (`zip`, `tar`, `gzip`) found on `PATH`, for benchmarks
/// that prepare their input with the same tools that make real drops.
enum SystemTool {
    /// Runs `tool` with `arguments` in `directory`, its output passed through; throws when the
    /// tool cannot be started or exits with a status other than 0.
    static func run(_ tool: String, _ arguments: [String], in directory: String) throws {
        fflush(nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("\(([tool] + arguments).joined(separator: " ")) exited with status \(process.terminationStatus) in \(directory)")
        }
    }
}
