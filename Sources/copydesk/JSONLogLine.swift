import Foundation
import Logging

/// A log line as one JSON object, for log shippers and `jq`.
///
/// Every line has `timestamp`, `level`, `label` and `message`; the fields follow as keys of their
/// own, typed: `path`, `member`, `stage` and `reason` as strings, `line`, `offset` and counts as
/// numbers, `outputs` as an array, `stages` as an array of objects.
/// `{"level":"warning","line":3,"message":"not valid JSON","path":"drop/export.jsonl","reason":"bad_json","stage":"jsonl",…}`.
enum JSONLogLine {
    /// The line, keys sorted; `nil` if it cannot be encoded.
    static func text(label: String, level: Logger.Level, message: String, fields: Logger.Metadata) -> String? {
        var object: [String: Any] = fields.mapValues(json)
        object["timestamp"] = Date().ISO8601Format()
        object["level"] = level.rawValue
        object["label"] = label
        object["message"] = message
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: data, as: UTF8.self)
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
