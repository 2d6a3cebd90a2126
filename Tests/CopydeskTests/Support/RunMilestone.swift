import Foundation

/// Points in a running pipeline that tests wait for before interrupting it, so an interruption
/// lands mid-run however fast the machine is instead of after a guessed delay.
enum RunMilestone {
    /// Blocks the calling thread until the atomic temporary file behind `output`
    /// (`.NAME.tmp-PID`, see `AtomicFileWriter`) holds at least `bytes` bytes: the sink is
    /// writing and has not committed. Returns false if that does not happen within `timeout`.
    ///
    /// It polls without suspending: a suspended task can wait behind other suites' work on a
    /// busy machine until the run under test has already finished.
    static func temporaryOutput(of output: String, reaches bytes: Int, timeout: Duration = .seconds(120)) -> Bool {
        let folder = (output as NSString).deletingLastPathComponent
        let prefix = ".\((output as NSString).lastPathComponent).tmp-"
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
                let size = (try? FileManager.default.attributesOfItem(atPath: (folder as NSString).appendingPathComponent(name))[.size] as? Int) ?? 0
                if size >= bytes { return true }
            }
            usleep(20_000)
        }
        return false
    }
}
