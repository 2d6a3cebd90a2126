/// The process exit codes of `copydesk`, one per class of outcome, so cron jobs and
/// schedulers can tell failures apart.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// The run completed.
    case success = 0
    /// Something unexpected went wrong (a bug or an unclassified error).
    case failure = 1
    /// The pipeline file or a command-line argument is invalid; no work was done.
    case configError = 2
    /// The input could not be read at all (missing path, unlistable directory).
    case inputError = 3
    /// The run finished but quarantined more records than `max_quarantined` allows.
    case partialFailure = 4
    /// An output, or a state store on a server, could not be written or reached; previous
    /// outputs were left intact.
    case outputError = 5
    /// The source read fewer articles than `min_articles`; nothing was committed.
    case tooFewArticles = 6
    /// The command line is invalid (an unknown flag, a missing argument); nothing was done.
    case usage = 64
    /// Another run holds the lock on the same state or output, or a phase of a sharded run
    /// started before the phase it needs completed.
    case locked = 75
    /// The run was interrupted by SIGINT or SIGTERM.
    case interrupted = 130

    /// The status for an error that ended a run.
    public static func classify(_ error: any Error) -> ExitStatus {
        switch error {
        case is ConfigErrors, is ConfigError, is ShardJobMismatch: .configError
        case is InputError: .inputError
        case is TooFewArticles: .tooFewArticles
        case is AtomicFileWriter.Failure, is SinkError, is RunLock.Unavailable, is PostgresError, is ScratchFile.Failure: .outputError
        case is CancellationError: .interrupted
        case is RunLock.Held, is ShardsNotReady: .locked
        default: .failure
        }
    }
}
