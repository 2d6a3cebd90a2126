import Foundation

/// What `scripts/bench/trafilatura_html.py` reports for one Python extractor run over a
/// development set: its speed and the text it extracted from each page.
struct HTMLComparisonRun: Decodable {
    /// The text extracted from one page.
    struct Page: Decodable {
        /// The page's name in the index.
        var name: String
        /// The extracted body; empty when the tool found none.
        var text: String
    }

    /// The tool's distribution name.
    var tool: String
    /// The tool's installed version.
    var version: String
    /// Pages of one pass.
    var pages: Int
    /// Bytes of HTML of one pass.
    var bytes: Int
    /// Passes over all pages.
    var passes: Int
    /// Wall seconds spent inside the extraction calls, over all passes.
    var seconds: Double
    /// Process CPU seconds spent inside the extraction calls, over all passes.
    var cpuSeconds: Double
    /// The first pass's texts, in index order.
    var results: [Page]

    private enum CodingKeys: String, CodingKey {
        case tool, version, pages, bytes, passes, seconds, results
        case cpuSeconds = "cpu_seconds"
    }

    /// Why a run gave no figures.
    struct Failure: Error, CustomStringConvertible {
        /// The reason, for the skip line.
        var description: String
    }

    /// Runs the script with `python` and `tool` (`trafilatura` or `readability`) over the pages
    /// of `index`, repeating passes until `minSeconds` of extraction.
    static func run(python: String, tool: String, index: String, minSeconds: Double) -> Result<HTMLComparisonRun, Failure> {
        fflush(nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["scripts/bench/trafilatura_html.py", index, "--tool", tool, "--min-seconds", String(minSeconds)]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            return .failure(Failure(description: "cannot run \(python): \(error)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let status = process.terminationStatus
            return .failure(Failure(description: status == 3 ? "\(tool) not installed" : "the script exited with \(status)"))
        }
        do {
            return .success(try JSONDecoder().decode(HTMLComparisonRun.self, from: data))
        } catch {
            return .failure(Failure(description: "unreadable output: \(error)"))
        }
    }
}
