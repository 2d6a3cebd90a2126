import Foundation

/// Points in a running pipeline that tests wait for before interrupting it, so an interruption
/// lands mid-run however fast the machine is instead of after a guessed delay.
enum RunMilestone {
    /// Waits until the atomic temporary file behind `output` (`.NAME.tmp-PID`, see
    /// `AtomicFileWriter`) holds at least `bytes` bytes: the sink is writing and has not
    /// committed. Returns false if that does not happen within `timeout`.
    static func temporaryOutput(of output: String, reaches bytes: Int, timeout: Duration = .seconds(120)) async throws -> Bool {
        let folder = (output as NSString).deletingLastPathComponent
        let prefix = ".\((output as NSString).lastPathComponent).tmp-"
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names where name.hasPrefix(prefix) {
                let size = (try? FileManager.default.attributesOfItem(atPath: (folder as NSString).appendingPathComponent(name))[.size] as? Int) ?? 0
                if size >= bytes { return true }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
