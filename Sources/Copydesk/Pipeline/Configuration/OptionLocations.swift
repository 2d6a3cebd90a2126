/// Where a stage's options are written in the pipeline file, so a problem found when the stage
/// is built still points at `file:line:column`.
public struct OptionLocations: Sendable {
    /// The pipeline file.
    public let file: String
    /// Where the stage's entry starts.
    public let stagePosition: SourcePosition?
    /// Where each written key's value is, by key.
    let positions: [String: SourcePosition]

    /// Creates locations (the loader and tests use this); options built in code have none.
    public init(file: String = "<code>", stagePosition: SourcePosition? = nil, positions: [String: SourcePosition] = [:]) {
        self.file = file
        self.stagePosition = stagePosition
        self.positions = positions
    }

    /// Where the option `key` is written, or where the stage starts when it was defaulted.
    public func position(of key: String) -> SourcePosition? {
        positions[key] ?? stagePosition
    }

    /// An error pointing at the option `key`.
    public func invalid(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, at: position(of: key), message: "\(key): \(message)")
    }

    /// An error pointing at the option stored at `keyPath` of `Options`.
    public func invalid<Options: DeclaredOptions>(_ keyPath: PartialKeyPath<Options>, _ message: String) -> ConfigError {
        invalid(Options.key(of: keyPath), message)
    }
}
