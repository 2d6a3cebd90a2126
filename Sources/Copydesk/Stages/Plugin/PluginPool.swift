import Synchronization

/// The children of one `exec` stage: one per batch being processed at once (so `workers: N`
/// gives up to N), started at first need and reused batch after batch. A child that failed a
/// batch is stopped and not handed out again; the next batch starts a new one.
final class PluginPool: Sendable {
    private let command: [String]
    private let idle = Mutex<[PluginProcess]>([])

    /// A pool of children running `command`.
    init(command: [String]) {
        self.command = command
    }

    /// Runs `body` with an idle child, or a new one; the child goes back to the pool when
    /// `body` returns, and is stopped when it throws.
    func withChild<T>(_ body: (PluginProcess) throws -> T) throws -> T {
        let child = try idle.withLock { $0.popLast() } ?? PluginProcess(command: command)
        do {
            let result = try body(child)
            idle.withLock { $0.append(child) }
            return result
        } catch {
            child.stop()
            throw error
        }
    }

    /// Stops every idle child: each gets the end of its input and a moment to exit.
    func stopAll() {
        let children = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle
        }
        for child in children { child.stop() }
    }
}
