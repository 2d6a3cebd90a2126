/// The validated options of one stage as written in the pipeline file, with defaults applied.
///
/// Values were checked against the stage's ``OptionSpec`` list, so the typed accessors cannot
/// fail for a declared option. A stage that finds a value it cannot use (a glob with no match, an
/// unwritable directory) reports it with ``invalid(_:_:)``, which points at the option's line.
public struct StageOptions: Sendable {
    /// The pipeline file the options came from.
    public let file: String
    /// Where the stage's entry starts.
    public let stagePosition: SourcePosition?
    private let values: [String: OptionValue]
    private let positions: [String: SourcePosition]

    /// Creates options from decoded values (the loader and tests use this).
    public init(file: String, stagePosition: SourcePosition?, values: [String: OptionValue], positions: [String: SourcePosition] = [:]) {
        self.file = file
        self.stagePosition = stagePosition
        self.values = values
        self.positions = positions
    }

    /// Builds options for a stage from plain values, applying the stage's defaults; for tests
    /// and programs that build pipelines without a YAML file.
    public static func defaults<S: Stage>(for stage: S.Type, _ overrides: [String: OptionValue] = [:]) -> StageOptions {
        var values: [String: OptionValue] = [:]
        for spec in S.options {
            if let value = overrides[spec.name] ?? spec.defaultValue { values[spec.name] = value }
        }
        return StageOptions(file: "<code>", stagePosition: nil, values: values)
    }

    /// The raw value of an option, if set or defaulted.
    public func value(_ name: String) -> OptionValue? { values[name] }

    /// A string or choice option.
    public func string(_ name: String) -> String {
        guard case .string(let value)? = values[name] else { undeclared(name) }
        return value
    }

    /// A whole-number option.
    public func integer(_ name: String) -> Int {
        guard case .integer(let value)? = values[name] else { undeclared(name) }
        return value
    }

    /// A decimal option.
    public func number(_ name: String) -> Double {
        switch values[name] {
        case .number(let value)?: return value
        case .integer(let value)?: return Double(value)
        default: undeclared(name)
        }
    }

    /// A boolean option.
    public func boolean(_ name: String) -> Bool {
        guard case .boolean(let value)? = values[name] else { undeclared(name) }
        return value
    }

    /// A list-of-strings option.
    public func strings(_ name: String) -> [String] {
        guard case .strings(let value)? = values[name] else { undeclared(name) }
        return value
    }

    /// Where the option's value is written (or where the stage starts when it was defaulted).
    public func position(of name: String) -> SourcePosition? {
        positions[name] ?? stagePosition
    }

    /// An error pointing at the option's value (or the stage when the option was defaulted).
    public func invalid(_ name: String, _ message: String) -> ConfigError {
        ConfigError(file: file, at: position(of: name), message: "\(name): \(message)")
    }

    private func undeclared(_ name: String) -> Never {
        preconditionFailure("option '\(name)' is read with the wrong type or was never declared")
    }
}
