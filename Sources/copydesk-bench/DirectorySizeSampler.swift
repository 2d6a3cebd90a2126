import Foundation
import Synchronization

/// Watches a directory from a thread of its own and keeps the largest total size of the files
/// in it seen: the scratch disk of the `cluster` phase, whose folder exists only while the
/// phase decides. Sizes are sampled, so a peak shorter than the interval can be missed.
final class DirectorySizeSampler: Sendable {
    private let path: String
    private let interval: TimeInterval
    private let state = Mutex<(largest: Int, stopped: Bool)>((0, false))
    private let finished = DispatchSemaphore(value: 0)

    /// Starts sampling `path` (which need not exist yet) every `interval` seconds.
    init(path: String, interval: TimeInterval = 0.05) {
        self.path = path
        self.interval = interval
        Thread { [self] in
            while !state.withLock({ $0.stopped }) {
                let size = Self.size(of: path)
                state.withLock { $0.largest = max($0.largest, size) }
                Thread.sleep(forTimeInterval: interval)
            }
            finished.signal()
        }.start()
    }

    /// Stops sampling and returns the largest total size seen, in bytes.
    func stop() -> Int {
        state.withLock { $0.stopped = true }
        finished.wait()
        return state.withLock { $0.largest }
    }

    /// The total size of the regular files directly in `directory`, 0 when it does not exist.
    private static func size(of directory: String) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        return names.reduce(0) { total, name in
            var info = stat()
            guard stat((directory as NSString).appendingPathComponent(name), &info) == 0 else { return total }
            return total + Int(info.st_size)
        }
    }
}
