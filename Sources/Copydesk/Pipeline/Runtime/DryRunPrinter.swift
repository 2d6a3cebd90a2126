import Foundation

/// Stands in for every sink in a dry run: prints each article as the JSON line the sinks would
/// receive, then one line per sink saying what it would have written, and writes no file.
actor DryRunPrinter: SinkStage {
    static let typeName = "dry-run"
    static let summary = "Prints what the sinks would write."

    private let destinations: [String]
    private var count = 0

    /// Creates a printer standing in for `sinks`.
    init(destinations sinks: [any SinkStage]) {
        destinations = sinks.map { "\(type(of: $0).typeName): " + $0.destination }
    }

    init(options: NoOptions, context: StageContext) throws {
        self.init(destinations: [])
    }

    func write(_ articles: [Article]) throws {
        var lines = JSONByteWriter()
        for article in articles {
            try lines.write(article)
            lines.lineBreak()
        }
        FileHandle.standardOutput.write(lines.withBytes { Data($0) })
        count += articles.count
    }

    func commit() {
        for destination in destinations {
            FileHandle.standardError.write(Data("dry run: \(destination) would receive \(count) articles; nothing was written\n".utf8))
        }
    }

    func discard() {}

    /// A dry run writes nothing.
    var outputs: [String] { [] }
}
