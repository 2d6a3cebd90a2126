import BenchSupport
import Foundation

/// Generated drops kept under the bench working directory and reused between runs.
enum BenchCorpus {
    /// A generated drop on disk.
    struct Drop {
        /// Its directory.
        var directory: String
        /// Total bytes of its files.
        var bytes: Int
    }

    /// The drop of `articles` articles (seed 42), generated on first use.
    static func drop(articles: Int, work: String) throws -> Drop {
        let directory = (work as NSString).appendingPathComponent("drop-\(articles)")
        let marker = (directory as NSString).appendingPathComponent(".complete")
        if let bytes = try? String(contentsOfFile: marker, encoding: .utf8), let count = Int(bytes) {
            return Drop(directory: directory, bytes: count)
        }
        try? FileManager.default.removeItem(atPath: directory)
        let manifest = try CorpusGenerator(settings: .init(articles: articles)).write(to: directory)
        try String(manifest.bytes).write(toFile: marker, atomically: true, encoding: .utf8)
        return Drop(directory: directory, bytes: manifest.bytes)
    }
}
