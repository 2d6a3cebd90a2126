import Foundation
import Logging

/// A swift-log handler writing one JSON object a line on stderr, for log shippers and `jq`.
///
/// Every line has `timestamp`, `level`, `label` and `message`; the log call's fields follow as
/// keys of their own, typed: `path`, `member`, `stage` and `reason` as strings, `line`, `offset`
/// and counts as numbers, `outputs` as an array, `stages` as an array of objects.
/// `{"level":"warning","line":3,"message":"not valid JSON","path":"drop/export.jsonl","reason":"bad_json","stage":"jsonl",…}`.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private let label: String

    /// Creates a handler for `label`.
    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: Any] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { object[key] = Self.json(value) }
        object["timestamp"] = Date().ISO8601Format()
        object["level"] = event.level.rawValue
        object["label"] = label
        object["message"] = event.message.description
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(0x0A)
        FileHandle.standardError.write(data)
    }

    /// A field's value as JSON: numbers and booleans stay numbers and booleans.
    static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible):
            switch convertible {
            case let number as Int: number
            case let number as Double: number.isFinite ? number : "\(number)"
            case let flag as Bool: flag
            default: convertible.description
            }
        case .array(let values): values.map(json)
        case .dictionary(let fields): fields.mapValues(json)
        }
    }
}
