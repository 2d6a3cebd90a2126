import Logging

extension RunSummary {
    /// The summary as the named fields of the `run finished` log line: counts, seconds, the
    /// files read and the outputs written, and each stage's counters.
    public var logFields: Logger.Metadata {
        [
            "pipeline": "\(pipeline)", "run_id": "\(runID)", "elapsed_seconds": .stringConvertible(elapsed.seconds),
            "articles_read": .stringConvertible(articlesRead), "articles_written": .stringConvertible(articlesWritten),
            "duplicates": .stringConvertible(duplicates), "filtered": .stringConvertible(filtered),
            "quarantined": .stringConvertible(quarantined), "records_rejected": .stringConvertible(recordsRejected),
            "files_listed": .stringConvertible(files.total), "files_read": .stringConvertible(files.finished),
            "files_skipped": .stringConvertible(files.skipped), "balanced": .stringConvertible(isBalanced),
            "interrupted": .stringConvertible(interrupted), "outputs": .array(outputs.map { "\(Self.describe(output: $0))" }),
            "state_stores": .array(stateStores.map { "\($0)" }), "stages": .array(stages.map { .dictionary($0.logFields) }),
        ]
    }
}

extension StageReport {
    /// The stage's counters as named log fields (`stage`, `role`, `in`, `out`, …, `busy_seconds`).
    public var logFields: Logger.Metadata {
        [
            "stage": "\(name)", "role": "\(role.rawValue)", "in": .stringConvertible(counters.articlesIn),
            "out": .stringConvertible(counters.articlesOut), "duplicates": .stringConvertible(counters.duplicates),
            "filtered": .stringConvertible(counters.filtered), "quarantined": .stringConvertible(counters.quarantined),
            "busy_seconds": .stringConvertible(counters.busy.seconds), "preparing_seconds": .stringConvertible(counters.preparing.seconds),
        ]
    }
}
