import Foundation
import Synchronization

/// An exclusive lock on a file a run writes (an output or a state store), so two runs that
/// share one never run at once. The lock is `flock(2)` on a hidden `.<name>.lock` beside the
/// file: the kernel releases it when the holding process dies, so a stale lock left by a killed
/// run is taken over by the next run. The lock file names the holder (pid, host, start time)
/// for the message. It is the lock of an SQLite state store
/// (``StateStoreLocation/acquireLock(wait:)``).
public final class RunLock: StateStoreLock {
    /// The lock file.
    public let path: String
    private let descriptor: Int32
    private let released = Atomic<Bool>(false)

    /// Another run holds the lock.
    public struct Held: Error, CustomStringConvertible {
        /// The lock file.
        public let path: String
        /// Who holds it, as written in the lock file.
        public let holder: String
        /// The message as printed.
        public var description: String {
            "\(path) is locked by another run (\(holder.isEmpty ? "holder unknown" : holder)); it is released when that run ends"
        }
    }

    /// The lock file cannot be created (the output's directory cannot be written).
    public struct Unavailable: Error, CustomStringConvertible {
        /// The lock file.
        public let path: String
        /// Why.
        public let reason: String
        /// The message as printed.
        public var description: String { "\(path): cannot create the lock file: \(reason)" }
    }

    /// The lock file guarding `protected`.
    public static func lockFile(for protected: String) -> String {
        let url = URL(fileURLWithPath: protected)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock").path
    }

    /// Locks the file guarding `protected`, failing at once with ``Held`` when another run has it.
    public init(protecting protected: String) throws {
        path = Self.lockFile(for: protected)
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Unavailable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw Held(path: path, holder: holder)
        }
        let holder = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = holder.withCString { write(descriptor, $0, strlen($0)) }
    }

    /// Locks the file guarding `protected`, polling for up to `wait` while another run holds it.
    public static func acquire(protecting protected: String, wait: Duration) async throws -> RunLock {
        let deadline = ContinuousClock.now + wait
        while true {
            do {
                return try RunLock(protecting: protected)
            } catch is Held where ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    deinit {
        release()
    }

    /// Releases the lock (also done when the lock is deallocated or the process ends). The
    /// lock file stays, empty, so a waiting run always locks the same file.
    public func release() {
        guard !released.exchange(true, ordering: .relaxed) else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
