import Foundation

/// One metric family of the Prometheus text exposition format (version 0.0.4): a name, a help
/// text, a type and its samples, written in the order they were added.
///
/// The metrics file is written with this rather than a metrics registry because a registry
/// emits its families in hash order, and a monitoring file read by people and diffed by tools
/// must list the same families in the same order on every run.
public struct MetricFamily: Sendable, Equatable {
    /// What kind of value a family holds.
    public enum Kind: String, Sendable {
        /// A value that only grows over the life of the file (across runs).
        case counter
        /// A value that may go up or down: every per-run figure.
        case gauge
    }

    /// One sample: its labels in order and its value.
    public struct Sample: Sendable, Equatable {
        /// Label names and values, in output order.
        public var labels: [(String, String)]
        /// The value.
        public var value: Double

        /// Creates a sample.
        public init(labels: [(String, String)], value: Double) {
            self.labels = labels
            self.value = value
        }

        /// Two samples are equal when their labels and values are.
        public static func == (lhs: Sample, rhs: Sample) -> Bool {
            lhs.value == rhs.value && lhs.labels.elementsEqual(rhs.labels) { $0 == $1 }
        }
    }

    /// The family's name (`copydesk_run_articles`); counters end in `_total`.
    public let name: String
    /// One line saying what the value means.
    public let help: String
    /// Counter or gauge.
    public let kind: Kind
    /// The samples, in output order.
    public private(set) var samples: [Sample] = []

    /// Creates an empty family.
    public init(_ name: String, _ kind: Kind, help: String) {
        precondition(kind != .counter || name.hasSuffix("_total"), "a counter's name ends in _total")
        self.name = name
        self.kind = kind
        self.help = help
    }

    /// Adds a sample.
    public mutating func add(_ value: Double, _ labels: [(String, String)]) {
        samples.append(Sample(labels: labels, value: value))
    }

    /// The family in the text format: `# HELP`, `# TYPE`, then one line per sample.
    public var text: String {
        var lines = ["# HELP \(name) \(Self.escapeHelp(help))", "# TYPE \(name) \(kind.rawValue)"]
        for sample in samples { lines.append("\(series(sample.labels)) \(Self.format(sample.value))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The series a sample line starts with: `name{label="value",...}`, or the bare name.
    public func series(_ labels: [(String, String)]) -> String {
        let pairs = labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",")
        return pairs.isEmpty ? name : "\(name){\(pairs)}"
    }

    /// The values of the sample lines of a metrics file, by series; comments and lines that are
    /// not `series value` are passed over.
    public static func values(in text: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space])] = value
        }
        return values
    }

    /// A value as the format writes it: whole numbers without a fraction, `NaN`, `+Inf`, `-Inf`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Escapes `\` and line feeds in help text.
    private static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Escapes `\`, `"` and line feeds in a label value.
    private static func escapeLabel(_ text: String) -> String {
        escapeHelp(text).replacingOccurrences(of: "\"", with: "\\\"")
    }
}
