import Foundation
import Logging

/// A swift-log handler writing one readable line per message on stderr:
/// `2024-02-08T10:00:00Z warning copydesk: drop/export.jsonl:3: jsonl: not valid JSON [bad_json]`.
///
/// The `path`, `member` and `line` fields come first as a location (`path[member]:line: `), as
/// compilers write theirs, then the `stage`; a `reason` follows the message in brackets; every
/// other field follows as `key=value`, by name.
struct PlainLogHandler: LogHandler {
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
        var fields = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        var text = "\(Date().ISO8601Format()) \(event.level.rawValue) \(label): "
        if let path = fields.removeValue(forKey: "path") {
            text += "\(path)"
            if let member = fields.removeValue(forKey: "member") { text += "[\(member)]" }
            if let line = fields.removeValue(forKey: "line") { text += ":\(line)" }
            text += ": "
        }
        if let stage = fields.removeValue(forKey: "stage") { text += "\(stage): " }
        text += event.message.description
        if let reason = fields.removeValue(forKey: "reason") { text += " [\(reason)]" }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { text += " \(name)=\(Self.plain(value))" }
        FileHandle.standardError.write(Data((text + "\n").utf8))
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
