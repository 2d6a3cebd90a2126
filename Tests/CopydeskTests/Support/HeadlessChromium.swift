import Foundation
import Glibc
import Testing

/// A real browser for tests of self-contained HTML pages (the run report): Chromium, run
/// headless on a page on disk, for a screenshot, the DOM after the page's scripts ran, or the
/// errors the page's scripts produced. Debian's `chromium` package is installed by
/// `scripts/test-tools.sh`; without a Chromium the suites that need one are skipped, saying why.
///
/// Each call starts its own Chromium with a fresh profile and home in a temporary directory and
/// ends it: no first-run or crash dialogs, no background requests, no sandbox (the tests may run
/// as root). A call that takes longer than its timeout (`timeout`, a minute, by default) kills
/// Chromium's process group and throws; so does a failed run, with what Chromium printed.
enum HeadlessChromium {
    /// The program names looked for on `PATH`, in this order (as `scripts/test-tools.sh` does).
    static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// How long one call may take by default before Chromium is killed, in seconds.
    static let timeout: Double = 60

    /// The flags of every run: headless, as root in a container (no sandbox, no GPU, shared
    /// memory in /tmp rather than a small /dev/shm), and quiet (no first-run dialogs, crash
    /// reporter, extensions or background requests).
    static let flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
        "--disable-breakpad", "--disable-crash-reporter", "--disable-extensions", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--mute-audio",
    ]

    /// The Chromium binary, or nil (the tests that need it are skipped; why is printed once).
    static let binary: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/snap/bin"]
        for name in names {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        print(
            "skipped: Chromium is not installed (none of \(names.joined(separator: ", ")) on PATH; scripts/test-tools.sh installs Debian's chromium)")
        return nil
    }()

    /// The trait of suites that open pages in Chromium: skipped when it is not installed.
    static let required = ConditionTrait.enabled("Chromium is not installed (scripts/test-tools.sh installs Debian's chromium)") {
        binary != nil
    }

    /// Why a Chromium call failed: what went wrong, with the end of what Chromium printed.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong, then Chromium's standard error (its D-Bus complaints left out).
        let description: String

        init(_ problem: String, stderr: String = "") {
            let lines = stderr.split(separator: "\n").filter { !$0.contains("dbus") && !$0.contains("D-Bus") }
            let tail = lines.suffix(40).joined(separator: "\n")
            description = tail.isEmpty ? problem : "\(problem); Chromium's stderr:\n\(tail)"
        }
    }

    // MARK: - Calls

    /// A PNG screenshot of the page in the file `file`, in a window of `size` (width, height).
    static func screenshot(of file: URL, size: (Int, Int), timeout: Double = timeout) throws -> Data {
        try withScratch { scratch in
            let png = scratch.appendingPathComponent("screenshot.png")
            let arguments = ["--screenshot=\(png.path)", "--window-size=\(size.0),\(size.1)", try pageURL(file)]
            let run = try run(arguments, in: scratch, timeout: timeout)
            guard let data = try? Data(contentsOf: png), !data.isEmpty else { throw Failure("Chromium wrote no screenshot", stderr: run.stderr) }
            return data
        }
    }

    /// The page's DOM as HTML, after its scripts ran (with up to two seconds of their timers).
    static func renderedDOM(of file: URL, timeout: Double = timeout) throws -> String {
        try withScratch { scratch in
            let run = try run(["--virtual-time-budget=2000", "--dump-dom", try pageURL(file)], in: scratch, timeout: timeout)
            guard run.stdout.contains("<") else { throw Failure("Chromium printed no DOM", stderr: run.stderr) }
            return run.stdout
        }
    }

    /// The errors the page's scripts produced while it loaded and `settle` seconds after:
    /// uncaught exceptions and rejections (`Uncaught Error: x (page.html:3)`), `console.error`
    /// and `console.assert` failures (`console.error: x (page.html:2)`), and the browser's own
    /// errors about the page (`error: Failed to load resource: … (page.html)`), in the order they
    /// came. Read over the DevTools protocol on a pipe (`--remote-debugging-pipe`), as it alone
    /// tells an error from a log line.
    static func consoleErrors(of file: URL, settle: Double = 0.5, timeout: Double = timeout) throws -> [String] {
        let url = try pageURL(file)
        return try withScratch { scratch in
            let browser = try Launched(arguments: ["--remote-debugging-pipe", "about:blank"], in: scratch, devTools: true, timeout: timeout)
            defer { browser.end() }
            do {
                var session = DevToolsSession(browser: browser)
                return try session.errors(loading: url, settle: settle)
            } catch let failure as Failure {
                throw Failure(failure.description, stderr: browser.stderr)
            }
        }
    }

    // MARK: - Running Chromium

    /// What a finished Chromium printed.
    struct Finished {
        let stdout: String
        let stderr: String
    }

    /// Runs Chromium with `arguments` after the common flags, to its end, in `scratch`.
    private static func run(_ arguments: [String], in scratch: URL, timeout: Double) throws -> Finished {
        let browser = try Launched(arguments: arguments, in: scratch, devTools: false, timeout: timeout)
        defer { browser.end() }
        let status = try browser.wait()
        guard status == 0 else { throw Failure("Chromium exited with status \(status)", stderr: browser.stderr) }
        return Finished(stdout: browser.stdout, stderr: browser.stderr)
    }

    /// The `file://` URL of an existing file.
    private static func pageURL(_ file: URL) throws -> String {
        guard FileManager.default.isReadableFile(atPath: file.path) else { throw Failure("no page at \(file.path)") }
        return file.standardizedFileURL.absoluteString
    }

    /// Runs `body` with a new temporary directory, removed afterwards.
    private static func withScratch<T>(_ body: (URL) throws -> T) throws -> T {
        let scratch = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try body(scratch)
    }

    /// A started Chromium, in a process group of its own, its output going to files in
    /// `scratch`; with `devTools`, fds 3 and 4 are one end of a socket pair whose other end is
    /// `channel` (the protocol's pipe).
    final class Launched {
        let pid: pid_t
        /// How long it may run, in seconds, and until when.
        let timeout: Double
        let deadline: Date
        let scratch: URL
        /// Our end of the DevTools socket pair, or -1.
        let channel: Int32
        private var exited = false
        private var ended = false

        /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's
        /// Glibc module does not declare; nil without it (Chromium then inherits open files).
        private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()

        init(arguments: [String], in scratch: URL, devTools: Bool, timeout: Double) throws {
            guard let binary = HeadlessChromium.binary else { throw Failure("Chromium is not installed") }
            self.scratch = scratch
            let profile = scratch.appendingPathComponent("profile")
            try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
            let argv = [binary] + HeadlessChromium.flags + ["--user-data-dir=\(profile.path)"] + arguments

            var ends: [Int32] = [-1, -1]
            if devTools {
                guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
                    throw Failure("socketpair failed: \(String(cString: strerror(errno)))")
                }
            }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, scratch.appendingPathComponent("stdout").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, scratch.appendingPathComponent("stderr").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            if devTools {
                posix_spawn_file_actions_adddup2(&actions, ends[1], 3)
                posix_spawn_file_actions_adddup2(&actions, ends[1], 4)
            }
            // Nothing else of this process (other tests' pipes) is left open in Chromium.
            _ = Self.closeFrom?(&actions, devTools ? 5 : 3)
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
            posix_spawnattr_setpgroup(&attributes, 0)
            var defaults = sigset_t()
            sigemptyset(&defaults)
            sigaddset(&defaults, SIGPIPE)
            posix_spawnattr_setsigdefault(&attributes, &defaults)

            // A home of its own, so that its crash database and caches stay in `scratch`.
            let home = scratch.appendingPathComponent("home")
            var environment = ProcessInfo.processInfo.environment
            environment["HOME"] = home.path
            environment["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
            environment["XDG_CACHE_HOME"] = home.appendingPathComponent(".cache").path
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)

            var cArguments = argv.map { strdup($0) }
            cArguments.append(nil)
            var cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") }
            cEnvironment.append(nil)
            defer {
                for string in cArguments + cEnvironment { free(string) }
            }
            var pid: pid_t = 0
            let status = posix_spawn(&pid, binary, &actions, &attributes, cArguments, cEnvironment)
            if devTools { close(ends[1]) }
            guard status == 0 else {
                if devTools { close(ends[0]) }
                throw Failure("cannot start \(binary): \(String(cString: strerror(status)))")
            }
            self.pid = pid
            self.channel = devTools ? ends[0] : -1
            self.timeout = timeout
            self.deadline = Date().addingTimeInterval(timeout)
        }

        var stdout: String { (try? String(contentsOf: scratch.appendingPathComponent("stdout"), encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }

        /// Waits for Chromium to exit, until the deadline; its exit status, or -signal.
        func wait() throws -> Int32 {
            while true {
                var status: Int32 = 0
                let result = waitpid(pid, &status, WNOHANG)
                if result == pid {
                    exited = true
                    if status & 0x7F == 0 { return (status >> 8) & 0xFF }
                    return -(status & 0x7F)
                }
                if result < 0 && errno != EINTR { throw Failure("waitpid failed: \(String(cString: strerror(errno)))") }
                if Date() >= deadline {
                    end()
                    throw Failure("Chromium did not finish within \(timeout.formatted()) s and was killed", stderr: stderr)
                }
                usleep(10_000)
            }
        }

        /// Kills whatever is left of Chromium's process group, reaps it and closes the channel.
        func end() {
            guard !ended else { return }
            ended = true
            kill(-pid, SIGKILL)
            if !exited {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                exited = true
            }
            if channel >= 0 { close(channel) }
        }
    }

    // MARK: - The DevTools protocol

    /// A DevTools protocol connection to a Chromium started with `--remote-debugging-pipe`:
    /// JSON messages, each ended by a NUL byte.
    private struct DevToolsSession {
        let browser: Launched
        private var buffer: [UInt8] = []
        private var lastID = 0
        /// The events that came while waiting for answers.
        private var events: [[String: Any]] = []

        init(browser: Launched) { self.browser = browser }

        /// Opens `url` in a new tab and collects its errors until `settle` seconds after its load event.
        mutating func errors(loading url: String, settle: Double) throws -> [String] {
            let target = try call("Target.createTarget", ["url": "about:blank"])
            guard let targetID = target["targetId"] as? String else { throw Failure("Target.createTarget gave no targetId") }
            let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true])
            guard let session = attached["sessionId"] as? String else { throw Failure("Target.attachToTarget gave no sessionId") }
            for domain in ["Runtime", "Log", "Page"] { _ = try call("\(domain).enable", session: session) }
            let navigation = try call("Page.navigate", ["url": url], session: session)
            if let problem = navigation["errorText"] as? String { throw Failure("Chromium could not open \(url): \(problem)") }
            var loaded = events.contains { $0["method"] as? String == "Page.loadEventFired" }
            while !loaded {
                guard let message = try receive(until: browser.deadline) else {
                    throw Failure("the page did not load within \(browser.timeout.formatted()) s")
                }
                events.append(message)
                loaded = message["method"] as? String == "Page.loadEventFired"
            }
            let quiet = min(Date().addingTimeInterval(settle), browser.deadline)
            while let message = try receive(until: quiet) { events.append(message) }
            let errors = events.filter { $0["sessionId"] as? String == session }.compactMap { Self.error(in: $0) }
            _ = try? send("Browser.close", [:], session: nil)
            _ = try? browser.wait()
            return errors
        }

        /// The error an event reports, if it is one.
        private static func error(in event: [String: Any]) -> String? {
            let params = event["params"] as? [String: Any] ?? [:]
            switch event["method"] as? String {
            case "Runtime.exceptionThrown":
                let details = params["exceptionDetails"] as? [String: Any] ?? [:]
                let text = details["text"] as? String ?? "Uncaught"
                let exception = (details["exception"] as? [String: Any]).flatMap(describe)
                let message = exception?.split(separator: "\n").first.map { "\(text) \($0)" } ?? text
                return message + location(details["url"], details["lineNumber"])
            case "Runtime.consoleAPICalled":
                let type = params["type"] as? String ?? ""
                guard type == "error" || type == "assert" else { return nil }
                let arguments = (params["args"] as? [[String: Any]] ?? []).compactMap(describe).joined(separator: " ")
                let frame = ((params["stackTrace"] as? [String: Any])?["callFrames"] as? [[String: Any]])?.first ?? [:]
                return "console.\(type): \(arguments)" + location(frame["url"], frame["lineNumber"])
            case "Log.entryAdded":
                let entry = params["entry"] as? [String: Any] ?? [:]
                guard entry["level"] as? String == "error" else { return nil }
                return "error: \(entry["text"] as? String ?? "")" + location(entry["url"], entry["lineNumber"])
            default:
                return nil
            }
        }

        /// A remote object as the console would print it.
        private static func describe(_ object: [String: Any]) -> String? {
            if let value = object["value"] as? String { return value }
            if let description = object["description"] as? String { return description }
            if let value = object["value"] { return "\(value)" }
            return object["type"] as? String
        }

        /// ` (page.html:3)`: the file name and 1-based line of a location, when there is one.
        private static func location(_ url: Any?, _ line: Any?) -> String {
            guard let url = url as? String, !url.isEmpty else { return "" }
            let name = URL(string: url)?.lastPathComponent ?? url
            guard let line = line as? Int else { return " (\(name))" }
            return " (\(name):\(line + 1))"
        }

        /// Sends a command and waits for its answer's `result`, keeping the events that come first.
        private mutating func call(_ method: String, _ params: [String: Any] = [:], session: String? = nil) throws -> [String: Any] {
            let id = try send(method, params, session: session)
            while true {
                guard let message = try receive(until: browser.deadline) else { throw Failure("no answer to \(method)") }
                guard message["id"] as? Int == id else {
                    events.append(message)
                    continue
                }
                if let error = message["error"] as? [String: Any] { throw Failure("\(method) failed: \(error["message"] ?? error)") }
                return message["result"] as? [String: Any] ?? [:]
            }
        }

        private mutating func send(_ method: String, _ params: [String: Any], session: String?) throws -> Int {
            lastID += 1
            var message: [String: Any] = ["id": lastID, "method": method, "params": params]
            if let session { message["sessionId"] = session }
            var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
            bytes.append(0)
            var sent = 0
            while sent < bytes.count {
                let count = bytes[sent...].withUnsafeBytes { Glibc.send(browser.channel, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw Failure("cannot send \(method) to Chromium: \(String(cString: strerror(errno)))") }
                sent += count
            }
            return lastID
        }

        /// The next message, or nil when none came before `deadline`; throws when Chromium
        /// closed the pipe.
        private mutating func receive(until deadline: Date) throws -> [String: Any]? {
            while true {
                if let end = buffer.firstIndex(of: 0) {
                    let message = Array(buffer[..<end])
                    buffer.removeSubrange(...end)
                    guard let object = try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any] else {
                        throw Failure("Chromium sent a message that is not a JSON object")
                    }
                    return object
                }
                let wait = deadline.timeIntervalSinceNow
                guard wait > 0 else { return nil }
                var descriptor = pollfd(fd: browser.channel, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, Int32(min(wait * 1000, 1000).rounded(.up)))
                if ready < 0 && errno != EINTR { throw Failure("poll failed: \(String(cString: strerror(errno)))") }
                guard ready > 0 else { continue }
                var chunk = [UInt8](repeating: 0, count: 65536)
                let count = chunk.withUnsafeMutableBytes { recv(browser.channel, $0.baseAddress, $0.count, 0) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw Failure("Chromium closed the DevTools pipe") }
                buffer += chunk[..<count]
            }
        }
    }
}
