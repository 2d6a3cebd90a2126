import Foundation

/// How a run ended, for exit codes, the JSON report and the metrics file.
public enum RunOutcome: Sendable {
    /// Every file read and every output committed.
    case success(RunSummary)
    /// Outputs committed, but more records were quarantined than `max_quarantined` allows.
    case tooManyQuarantined(RunSummary, limit: QuarantineLimit)
    /// A stop request ended intake early; what was read is committed.
    case interrupted(RunSummary)
    /// The run failed; no output was committed.
    case failed(any Error)

    /// Classifies a finished run against the pipeline's quarantine limit.
    public init(summary: RunSummary, limit: QuarantineLimit) {
        if summary.interrupted {
            self = .interrupted(summary)
        } else if limit.isExceeded(quarantined: summary.quarantined, records: summary.articlesRead + summary.recordsRejected) {
            self = .tooManyQuarantined(summary, limit: limit)
        } else {
            self = .success(summary)
        }
    }

    /// The summary, when the run got as far as committing.
    public var summary: RunSummary? {
        switch self {
        case .success(let summary), .tooManyQuarantined(let summary, _), .interrupted(let summary): summary
        case .failed: nil
        }
    }

    /// The process exit status.
    public var exitStatus: ExitStatus {
        switch self {
        case .success: .success
        case .tooManyQuarantined: .partialFailure
        case .interrupted: .interrupted
        case .failed(let error): ExitStatus.classify(error)
        }
    }

    /// Every value of `status`, in a fixed order.
    public static let statuses = ["success", "partial", "interrupted", "failed"]

    /// `success`, `partial`, `interrupted` or `failed`.
    public var status: String {
        switch self {
        case .success: "success"
        case .tooManyQuarantined: "partial"
        case .interrupted: "interrupted"
        case .failed: "failed"
        }
    }

    /// One line for stderr about how the run ended, when it did not simply succeed.
    public var message: String? {
        switch self {
        case .success: nil
        case .tooManyQuarantined(let summary, let limit):
            "\(summary.quarantined) records quarantined, more than max_quarantined \(limit): see the quarantine file"
        case .interrupted(let summary):
            "interrupted: \(summary.files.finished) files read and committed, \(summary.files.total - summary.files.finished - summary.files.skipped) left; rerun to continue"
        case .failed(let error):
            ExitStatus.classify(error) == .interrupted ? "interrupted: no output was written; previous output is intact" : "\(error)"
        }
    }
}
