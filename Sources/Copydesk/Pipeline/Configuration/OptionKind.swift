/// The value type of one option, as docs and error messages describe it.
public enum OptionKind: Sendable, Equatable {
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
    /// A string in a format of its own, described in words (`a count or a percentage`).
    case formatted(String)
    /// A YAML mapping of strings to strings whose keys come from a fixed set.
    case mapping(keys: [String])

    /// The words a boolean option reads as `true`, whatever their case.
    public static let trueWords = ["true", "yes", "on"]
    /// The words a boolean option reads as `false`, whatever their case.
    public static let falseWords = ["false", "no", "off"]

    /// How the type reads in docs and error messages.
    public var name: String {
        switch self {
        case .string: "string"
        case .integer(let range): "integer (\(range.lowerBound)...\(range.upperBound))"
        case .number(let range): "number (\(range.lowerBound)...\(range.upperBound))"
        case .boolean: "boolean"
        case .strings: "list of strings"
        case .choice(let values): "one of " + values.joined(separator: ", ")
        case .formatted(let description): description
        case .mapping(let keys): "mapping of strings to strings (keys: " + keys.joined(separator: ", ") + ")"
        }
    }
}
