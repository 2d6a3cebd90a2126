/// Where a stage's options are written in the pipeline file, so a problem found when the stage
/// is built still points at `file:line:column`.
public struct OptionLocations: Sendable {
    /// The pipeline file.
    public let file: String
    /// Where the stage's entry starts.
    public let stagePosition: SourcePosition?
    /// Where each written key's value is, by key.
    let positions: [String: SourcePosition]
    /// The file of each key written in another file than `file` (an option overridden by the
    /// pipeline that includes the stage, a setting of an included pipeline).
    let keyFiles: [String: String]

    /// Creates locations (the loader and tests use this); options built in code have none.
    public init(
        file: String = "<code>", stagePosition: SourcePosition? = nil, positions: [String: SourcePosition] = [:], keyFiles: [String: String] = [:]
    ) {
        self.file = file
        self.stagePosition = stagePosition
        self.positions = positions
        self.keyFiles = keyFiles
    }

    /// The file the option `key` is written in.
    public func file(of key: String) -> String {
        keyFiles[key] ?? file
    }

    /// Where the option `key` is written, or where the stage starts when it was defaulted.
    public func position(of key: String) -> SourcePosition? {
        positions[key] ?? stagePosition
    }

    /// An error pointing at the option `key`.
    public func invalid(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file(of: key), at: position(of: key), message: "\(key): \(message)")
    }

    /// An error pointing at the option stored at `keyPath` of `Options`.
    public func invalid<Options: DeclaredOptions>(_ keyPath: PartialKeyPath<Options>, _ message: String) -> ConfigError {
        invalid(Options.key(of: keyPath), message)
    }
}
