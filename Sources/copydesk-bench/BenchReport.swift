import Foundation

/// Printing benchmark figures and reading the process's peak memory.
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
}
