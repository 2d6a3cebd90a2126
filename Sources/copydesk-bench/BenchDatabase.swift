import Foundation

/// The PostgreSQL server the benchmarks measure against, when one is given: `--postgres URL`, or
/// `COPYDESK_BENCH_DATABASE_URL` (which `make bench` sets to a throw-away server it starts with
/// `scripts/postgres-test-server.sh`). Each measurement writes into a schema of its own, named
/// after the case and the moment it starts, so a run never reads an earlier run's rows; the
/// schemas are left on the server, which is why a throw-away server is the one to use.
enum BenchDatabase {
    /// The variable `make bench` sets.
    static let environmentVariable = "COPYDESK_BENCH_DATABASE_URL"

    /// The server URL given, from the option or else the environment; `nil` when neither is set.
    static func url(option: String?) -> String? {
        let given = option ?? ProcessInfo.processInfo.environment[environmentVariable]
        return given.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `url` pointed at a new schema for `name` (`bench_<name>_<unix seconds>`), replacing any
    /// `schema=` it names.
    static func fresh(_ url: String, for name: String) -> String {
        let schema = "bench_\(name)_\(Int(Date().timeIntervalSince1970))"
        guard let question = url.firstIndex(of: "?") else { return url + "?schema=" + schema }
        let kept = url[url.index(after: question)...].split(separator: "&").filter { !$0.hasPrefix("schema=") }
        return String(url[..<question]) + "?" + (kept + ["schema=" + schema]).joined(separator: "&")
    }
}
