import Foundation

/// One running child of an `exec` stage: a long-lived process that reads JSON lines on its
/// standard input and answers each with one JSON line on its standard output.
///
/// ``exchange(_:lines:timeout:)`` writes a batch and reads the answers in one `poll` loop over
/// the child's standard input, output and error, so a child that answers while it is still
/// being fed never deadlocks on a full pipe, and the batch's deadline covers both. What the
/// child writes on standard error is kept (the last 4 KB) to explain a failure.
final class PluginProcess: @unchecked Sendable {
    /// Why a batch failed; the child is not used again.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the tail of the child's standard error.
        let description: String
    }

    private let process = Process()
    private let input: Int32
    private let output: Int32
    private let errors: Int32
    private let command: [String]
    private var errorTail: [UInt8] = []
    private var pending: [UInt8] = []
    private static let tailLimit = 4_096

    /// Starts `command` (the first element is found on `PATH` when it has no slash) in the
    /// current directory, with this process's environment.
    init(command: [String]) throws {
        Self.ignoreBrokenPipes
        self.command = command
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--"] + command
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start \(command.joined(separator: " ")): \(error)")
        }
        input = stdin.fileHandleForWriting.fileDescriptor
        output = stdout.fileHandleForReading.fileDescriptor
        errors = stderr.fileHandleForReading.fileDescriptor
        for descriptor in [input, output, errors] { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) }
        // Keep the pipes' far ends from leaking: the child has its own copies.
        try? stdin.fileHandleForReading.close()
        try? stdout.fileHandleForWriting.close()
        try? stderr.fileHandleForWriting.close()
        pipes = [stdin, stdout, stderr]
    }

    /// The pipes, which own the descriptors and close them when the child is let go.
    private var pipes: [Pipe] = []

    deinit { stop() }

    /// A write to a child that has exited must fail with `EPIPE`, not end Copydesk.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Writes `batch` (one JSON line per record, each ending in a newline) and returns the
    /// first `lines` lines the child writes back, without their newlines, or fails when the
    /// child exits, closes its output, writes more than asked or does not answer within
    /// `timeout`.
    func exchange(_ batch: [UInt8], lines expected: Int, timeout: Duration) throws -> [[UInt8]] {
        let deadline = ContinuousClock.now + timeout
        var written = 0
        var lines: [[UInt8]] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var errorsOpen = true
        while lines.count < expected {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw failure("no answer within \(timeout) (\(lines.count) of \(expected) records answered)") }
            var descriptors = [pollfd(fd: output, events: Int16(POLLIN), revents: 0)]
            if errorsOpen { descriptors.append(pollfd(fd: errors, events: Int16(POLLIN), revents: 0)) }
            if written < batch.count { descriptors.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            let milliseconds = Int32(min(left.components.seconds * 1_000 + left.components.attoseconds / 1_000_000_000_000_000 + 1, 60_000))
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready < 0 && errno != EINTR { throw failure("poll failed: \(String(cString: strerror(errno)))") }
            guard ready > 0 else { continue }
            for descriptor in descriptors where descriptor.revents != 0 {
                switch descriptor.fd {
                case input:
                    let count = batch.withUnsafeBytes { write(input, $0.baseAddress! + written, $0.count - written) }
                    if count < 0 && errno != EAGAIN { throw failure("stopped reading its input (\(String(cString: strerror(errno))))") }
                    written += max(0, count)
                case output:
                    let count = read(output, &chunk, chunk.count)
                    if count == 0 { throw failure("closed its output (\(lines.count) of \(expected) records answered)") }
                    if count > 0 { take(chunk[..<count], into: &lines) }
                default:
                    let count = read(errors, &chunk, chunk.count)
                    if count == 0 { errorsOpen = false }
                    if count > 0 { keepError(chunk[..<count]) }
                }
            }
        }
        if lines.count > expected || !pending.isEmpty {
            throw failure("wrote more lines than the \(expected) records it was sent")
        }
        return lines
    }

    /// Closes the child's input, so it can end on its own, and makes sure it is gone: after a
    /// grace period, SIGKILL.
    func stop() {
        guard process.isRunning else { return }
        try? pipes.first?.fileHandleForWriting.close()
        let deadline = ContinuousClock.now + .seconds(2)
        while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The failure `what` with the child's exit status, if it ended, and its last words on
    /// standard error; the child is killed.
    private func failure(_ what: String) -> Failure {
        var tail = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(errors, &tail, tail.count)
            guard count > 0 else { break }
            keepError(tail[..<count])
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let status =
            process.terminationReason == .uncaughtSignal
            ? "killed by signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
        let stderr = String(decoding: errorTail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let name = command.joined(separator: " ")
        return Failure(description: "plugin '\(name)' \(what); \(status)" + (stderr.isEmpty ? "" : "; its standard error ended with: \(stderr)"))
    }

    /// Splits what arrived into lines, keeping an unfinished line for the next read.
    private func take(_ bytes: ArraySlice<UInt8>, into lines: inout [[UInt8]]) {
        pending.append(contentsOf: bytes)
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(Array(pending[start..<newline]))
            start = newline + 1
        }
        pending.removeFirst(start)
    }

    private func keepError(_ bytes: ArraySlice<UInt8>) {
        errorTail.append(contentsOf: bytes)
        if errorTail.count > Self.tailLimit { errorTail.removeFirst(errorTail.count - Self.tailLimit) }
    }
}
