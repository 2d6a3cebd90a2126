import Foundation
import Logging

/// A log line for people:
/// `2024-02-08T10:00:00Z warning copydesk: drop/export.jsonl:3: jsonl: not valid JSON [bad_json]`.
///
/// The `path`, `member` and `line` fields come first as a location (`path[member]:line: `), as
/// compilers write theirs, then the `stage`; a `reason` follows the message in brackets; every
/// other field follows as `key=value`, by name.
enum PlainLogLine {
    /// The line.
    static func text(label: String, level: Logger.Level, message: String, fields: Logger.Metadata) -> String? {
        var fields = fields
        var text = "\(Date().ISO8601Format()) \(level.rawValue) \(label): "
        if let path = fields.removeValue(forKey: "path") {
            text += "\(path)"
            if let member = fields.removeValue(forKey: "member") { text += "[\(member)]" }
            if let line = fields.removeValue(forKey: "line") { text += ":\(line)" }
            text += ": "
        }
        if let stage = fields.removeValue(forKey: "stage") { text += "\(stage): " }
        text += message
        if let reason = fields.removeValue(forKey: "reason") { text += " [\(reason)]" }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { text += " \(name)=\(plain(value))" }
        return text
    }

    /// A field's value as plain text: quoted when it holds a space, lists joined by commas.
    static func plain(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text.contains(" ") || text.isEmpty ? "\"\(text)\"" : text
        case .stringConvertible(let convertible): plain(.string(convertible.description))
        case .array(let values): values.map(plain).joined(separator: ",")
        case .dictionary(let fields): "{" + fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(plain($0.value))" }.joined(separator: " ") + "}"
        }
    }
}
