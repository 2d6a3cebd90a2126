import Copydesk
import Foundation
import Logging

/// Writing to the terminal: logger set-up, messages on stderr and the live progress line.
enum Terminal {
    /// Whether stderr is an interactive terminal.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A logger writing to stderr at the level the flags ask for.
    static func logger(quiet: Bool, verbose: Bool, format: LogFormat = .plain) -> Logger {
        var logger = Logger(label: "copydesk") { label -> any LogHandler in
            StderrLogHandler(label: label, format: format)
        }
        logger.logLevel = quiet ? .error : verbose ? .debug : .info
        return logger
    }

    /// Prints `copydesk: error: message` on stderr.
    static func error(_ message: String) {
        line("copydesk: error: \(message)")
    }

    /// Prints a line on stderr.
    static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Redraws a one-line progress report twice a second until cancelled.
    static func showProgress(of runner: PipelineRunner) async {
        let clock = ContinuousClock()
        let start = clock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(500))
            let text = ProgressLine.render(
                runner.statistics.map(\.snapshot), names: runner.statistics.map(\.name),
                files: runner.intake.counts, elapsed: clock.now - start)
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
