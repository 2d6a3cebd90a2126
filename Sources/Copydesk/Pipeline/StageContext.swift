import Foundation
import Logging

/// What a stage gets from the run that builds it: a logger and the run's settings.
public struct StageContext: Sendable {
    /// Logger labelled with the stage's type.
    public var logger: Logger
    /// Settings of the whole run.
    public var run: RunSettings

    /// Creates a context.
    public init(logger: Logger = Logger(label: "copydesk"), run: RunSettings = RunSettings()) {
        self.logger = logger
        self.run = run
    }
}

/// Settings that apply to every stage of one run, set from the command line.
public struct RunSettings: Sendable, Equatable {
    /// Reprocessing an archive: stages with history apply their `on_reprocess` policy.
    public var reprocess: Bool
    /// Unique id of this run, used to tag state written during it.
    public var runID: String

    /// Creates run settings; each run gets a fresh id unless one is given.
    public init(reprocess: Bool = false, runID: String = UUID().uuidString.lowercased()) {
        self.reprocess = reprocess
        self.runID = runID
    }
}
