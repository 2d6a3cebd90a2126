import Foundation

/// Printing benchmark figures and reading the process's peak memory and CPU time.
enum BenchReport {
    /// Prints `name: key value, key value`.
    static func line(_ name: String, _ figures: [(String, String)]) {
        print("\(name): " + figures.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    }

    /// Peak resident set size of this process so far, in MB.
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// CPU time this process has used so far (user and system), in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
