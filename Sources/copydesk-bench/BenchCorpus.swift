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
        try drop(named: "drop-\(articles)", settings: .init(articles: articles), work: work)
    }

    /// A wire drop of `files` files holding one short article each (4–6 body paragraphs, mostly
    /// 1–3 KB), 30% of them edited copies of an earlier one and none exact copies (seed 42),
    /// generated on first use.
    static func wireDrop(files: Int, work: String) throws -> Drop {
        let settings = CorpusGenerator.Settings(
            articles: files, exactDuplicates: 0, nearDuplicates: 0.3, articlesPerFile: 1, paragraphs: 4...6)
        return try drop(named: "wire-\(files)", settings: settings, work: work)
    }

    /// The drop of the sharded-run benchmark: `articles` short articles (4–6 body paragraphs),
    /// 10 a file, 10% exact and 20% edited copies of an earlier article anywhere in the drop
    /// (seed 42), generated on first use.
    static func shardDrop(articles: Int, work: String) throws -> Drop {
        let settings = CorpusGenerator.Settings(
            articles: articles, exactDuplicates: 0.1, nearDuplicates: 0.2, articlesPerFile: 10, paragraphs: 4...6)
        return try drop(named: "shard-drop-\(articles)", settings: settings, work: work)
    }

    /// The drop `settings` describe, in the directory `name` under `work`, generated on first
    /// use; a hidden marker holding its size tells a complete drop from an interrupted one.
    private static func drop(named name: String, settings: CorpusGenerator.Settings, work: String) throws -> Drop {
        let directory = (work as NSString).appendingPathComponent(name)
        let marker = (directory as NSString).appendingPathComponent(".complete")
        if let bytes = try? String(contentsOfFile: marker, encoding: .utf8), let count = Int(bytes) {
            return Drop(directory: directory, bytes: count)
        }
        try? FileManager.default.removeItem(atPath: directory)
        let manifest = try CorpusGenerator(settings: settings).write(to: directory)
        try String(manifest.bytes).write(toFile: marker, atomically: true, encoding: .utf8)
        return Drop(directory: directory, bytes: manifest.bytes)
    }
}
