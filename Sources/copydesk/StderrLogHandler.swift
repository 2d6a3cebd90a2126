import Foundation
import Logging

/// A swift-log handler writing one line per message on stderr, in the format `--log-format`
/// names: ``PlainLogLine`` or ``JSONLogLine``. The logger's own fields and the call's are
/// merged, the call's winning.
struct StderrLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private let label: String
    private let format: LogFormat

    /// Creates a handler for `label` writing `format`.
    init(label: String, format: LogFormat) {
        self.label = label
        self.format = format
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        let message = event.message.description
        let line =
            switch format {
            case .plain: PlainLogLine.text(label: label, level: event.level, message: message, fields: fields)
            case .json: JSONLogLine.text(label: label, level: event.level, message: message, fields: fields)
            }
        guard let line else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
