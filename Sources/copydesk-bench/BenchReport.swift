import Foundation

/// Printing benchmark figures and reading the process's peak memory and CPU time.
enum BenchReport {
    /// Prints `name: key value, key value`.
    static func line(_ name: String, _ figures: [(String, String)]) {
        print("\(name): " + figures.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    }

    /// Peak resident set size of this process since the last ``resetPeakResident()`` (since it
    /// started when there was none), in MB: Linux's `VmHWM`, else the peak `getrusage` knows.
    static func peakResidentMegabytes() -> Double {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).dropLast(3))
        {
            return kilobytes / 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Starts the peak resident set size over from the current size (Linux), so the next
    /// ``peakResidentMegabytes()`` is the peak of what ran in between, not of earlier cases.
    static func resetPeakResident() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// CPU time this process has used so far (user and system), in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
