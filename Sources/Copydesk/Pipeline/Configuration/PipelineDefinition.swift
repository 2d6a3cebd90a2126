/// A validated pipeline: settings and stages with their decoded options, ready to build.
///
/// Produced by ``PipelineLoader`` from a YAML file; nothing here has touched the input yet.
public struct PipelineDefinition: Sendable {
    /// The pipeline's `name:`.
    public var name: String { settings.name }
    /// The file it was loaded from.
    public var file: String
    /// SHA-256 (hex) of the pipeline file's text as written, before `${VAR}` substitution:
    /// recorded in run history so runs of a changed pipeline can be told apart.
    public var configHash: String
    /// Pipeline-level settings.
    public var settings: PipelineSettings
    /// Where the settings are written, for errors found after loading.
    public var settingLocations: OptionLocations
    /// The source stage.
    public var source: StageDefinition<any SourceStage>
    /// Transform stages in order.
    public var transforms: [StageDefinition<any TransformStage>]
    /// Sink stages; every sink receives every article.
    public var sinks: [StageDefinition<any SinkStage>]
    /// The pipeline file's text, so errors found after loading (a stage rejecting its options)
    /// can show the offending line; empty for pipelines built in code.
    public var text: String
    /// The text of every file the pipeline includes (`include:`), by file, for the same use.
    public var includedTexts: [String: String] = [:]

    /// Creates a definition (the loader and tests use this).
    public init(
        file: String, configHash: String, settings: PipelineSettings, settingLocations: OptionLocations = OptionLocations(),
        source: StageDefinition<any SourceStage>, transforms: [StageDefinition<any TransformStage>],
        sinks: [StageDefinition<any SinkStage>], text: String = ""
    ) {
        self.file = file
        self.configHash = configHash
        self.settings = settings
        self.settingLocations = settingLocations
        self.source = source
        self.transforms = transforms
        self.sinks = sinks
        self.text = text
    }

    /// The state store the `ledger` setting names, if any; one this build cannot use is a
    /// ``ConfigError`` pointing at the setting.
    public func ledgerLocation() throws(ConfigError) -> StateStoreLocation? {
        guard let ledger = settings.ledger else { return nil }
        do throws(StateStoreLocation.Unsupported) {
            return try StateStoreLocation(ledger)
        } catch {
            throw settingLocations.invalid(\PipelineSettings.ledger, error.message)
        }
    }
}

extension PipelineDefinition {
    /// The options of the first stage whose options are of type `Options` (the first `sqlite`
    /// sink's, the first `dedupe`'s), for commands that read back what a pipeline wrote.
    public func firstOptions<Options: DeclaredOptions>(_ type: Options.Type) -> Options? {
        ([source.options] + transforms.map(\.options) + sinks.map(\.options)).lazy.compactMap { $0 as? Options }.first
    }
}
