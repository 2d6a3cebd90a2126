/// The declaration of one YAML option of a stage: its key, type, default and one-line doc.
///
/// A stage lists its options once; that list drives decoding, validation, `copydesk stages`
/// and `docs/stages.md`.
public struct OptionSpec: Sendable {
    /// The value types an option can take.
    public enum Kind: Sendable, Equatable {
        /// Any string.
        case string
        /// A whole number within a range.
        case integer(ClosedRange<Int>)
        /// A decimal number within a range.
        case number(ClosedRange<Double>)
        /// `true` or `false`.
        case boolean
        /// A list of strings (a YAML sequence, or a single string for a one-item list).
        case strings
        /// One string out of a fixed set.
        case choice([String])

        /// How the type reads in docs and error messages.
        public var name: String {
            switch self {
            case .string: "string"
            case .integer(let range): "integer (\(range.lowerBound)...\(range.upperBound))"
            case .number(let range): "number (\(range.lowerBound)...\(range.upperBound))"
            case .boolean: "boolean"
            case .strings: "list of strings"
            case .choice(let values): "one of " + values.joined(separator: ", ")
            }
        }
    }

    /// YAML key, snake_case.
    public let name: String
    /// Value type.
    public let kind: Kind
    /// Value used when the key is absent; `nil` makes the option required.
    public let defaultValue: OptionValue?
    /// One-line description for `copydesk stages` and the docs.
    public let doc: String

    /// Declares an option; omit `default` to make it required.
    public init(_ name: String, _ kind: Kind, default defaultValue: OptionValue? = nil, doc: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.doc = doc
    }

    /// Whether the pipeline file must set this option.
    public var isRequired: Bool { defaultValue == nil }
}

/// A decoded option value.
public enum OptionValue: Sendable, Equatable, CustomStringConvertible {
    /// A string or choice.
    case string(String)
    /// A whole number.
    case integer(Int)
    /// A decimal number.
    case number(Double)
    /// A flag.
    case boolean(Bool)
    /// A list of strings.
    case strings([String])

    /// The value as YAML would show it.
    public var description: String {
        switch self {
        case .string(let value): value.isEmpty ? "\"\"" : value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .boolean(let value): String(value)
        case .strings(let values): "[" + values.joined(separator: ", ") + "]"
        }
    }
}
