import Crypto
import Foundation
import Yams

/// Reads a pipeline YAML file into a validated ``PipelineDefinition``.
///
/// The file is composed into a node tree first, so every error can name the `file:line:column`
/// of the offending key or value; then the top-level settings and each stage's options are
/// decoded against their declarations, and the paths the pipeline writes are checked for
/// clashes. A YAML syntax error stops there; every later problem is collected, so one pass
/// reports them all, like a compiler.
public struct PipelineLoader: Sendable {
    /// Stage types the file may name.
    public var registry: StageRegistry
    /// Variables for `${VAR}` references.
    public var environment: [String: String]
    /// What `{shard}` in a value stands for: the shard of a sharded run's task, 0 otherwise.
    public var shard: Int

    /// The most YAML nodes a pipeline file may expand to; stops alias bombs early.
    static let nodeLimit = 20_000
    /// The deepest nesting a pipeline file may have.
    static let depthLimit = 32

    /// The stages of a pipeline file as far as they could be read.
    private struct Stages {
        var source: StageDefinition<any SourceStage>?
        var transforms: [StageDefinition<any TransformStage>] = []
        var sinks: [StageDefinition<any SinkStage>] = []
    }

    /// Creates a loader.
    public init(registry: StageRegistry = .standard, environment: [String: String] = ProcessInfo.processInfo.environment, shard: Int = 0) {
        self.registry = registry
        self.environment = environment
        self.shard = shard
    }

    /// Loads and validates the pipeline file at `path`; every error is a ``ConfigErrors``.
    public func load(path: String) throws -> PipelineDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (check permissions)" : "does not exist"
            throw ConfigErrors([ConfigError(file: path, line: 0, column: 0, message: "pipeline file \(reason)")])
        }
        guard let yaml = String(validating: data, as: UTF8.self) else {
            throw ConfigErrors([ConfigError(file: path, line: 0, column: 0, message: "pipeline file is not valid UTF-8")])
        }
        return try load(yaml: yaml, file: path)
    }

    /// Loads and validates pipeline YAML text; `file` names it in errors. Every error is a
    /// ``ConfigErrors`` listing each problem in the file.
    public func load(yaml: String, file: String) throws -> PipelineDefinition {
        let root: Node
        do throws(ConfigError) {
            root = try compose(yaml, file: file)
        } catch {
            throw ConfigErrors([error], text: yaml)
        }
        var errors: [ConfigError] = []
        var includes = PipelineIncludes()
        let definition = read(root, yaml: yaml, file: file, includes: &includes, errors: &errors)
        guard let definition, errors.isEmpty else { throw ConfigErrors(errors, text: yaml, included: includes.texts) }
        return definition
    }

    /// Reads the composed file, appending every problem to `errors`; the definition is `nil`
    /// when the file is too broken to assemble one.
    private func read(_ root: Node, yaml: String, file: String, includes: inout PipelineIncludes, errors: inout [ConfigError]) -> PipelineDefinition?
    {
        let decoder = OptionDecoder(file: file, interpolation: EnvironmentInterpolation(environment: environment, shard: shard))
        guard case .mapping(let mapping) = root else {
            errors.append(decoder.error(at: root, "a pipeline file is a mapping with 'name' and 'stages'"))
            return nil
        }
        let layer = includes.layer(mapping, decoder: decoder, stack: [(file as NSString).standardizingPath], errors: &errors)
        let (settings, settingLocations) = layer.settings
        var stages = Stages()
        if let entries = layer.stages {
            stages = assemble(entries: entries, settings: settings, errors: &errors)
        } else if mapping["stages"] == nil {
            errors.append(
                ConfigError(file: file, at: mapping.mark.map(OptionDecoder.position), message: "the pipeline is missing required key 'stages'"))
        }
        errors +=
            OutputPathConflicts(
                file: file, settings: settings, settingLocations: settingLocations,
                transforms: stages.transforms, sinks: stages.sinks
            ).errors
        guard let source = stages.source else { return nil }
        // The hash covers what the pipeline is made of: its own text and every included file's.
        var hashed = Data(yaml.utf8)
        for included in includes.order { hashed += Data("\u{0}\(included)\u{0}\(includes.texts[included] ?? "")".utf8) }
        var definition = PipelineDefinition(
            file: file, configHash: ArticleID.hex(SHA256.hash(data: hashed)), settings: settings,
            settingLocations: settingLocations, source: source, transforms: stages.transforms, sinks: stages.sinks, text: yaml)
        definition.includedTexts = includes.texts
        return definition
    }

    /// Reads every stage entry, appending each problem to `errors` and going on with the next
    /// entry. Checks over the whole list (a required earlier stage, a closing sink) are left out
    /// once an entry could not be placed, since they would only repeat its error.
    private func assemble(entries: [PipelineIncludes.StageEntry], settings: PipelineSettings, errors: inout [ConfigError]) -> Stages {
        var stages = Stages()
        var skippedEntry = false
        for (index, included) in entries.enumerated() {
            let (entry, decoder, overrides) = (included.node, included.decoder, included.overrides)
            guard case .mapping(let mapping) = entry else {
                errors.append(decoder.error(at: entry, "each stage is a mapping with a 'type' key"))
                skippedEntry = true
                continue
            }
            guard let typeNode = mapping["type"] else {
                errors.append(decoder.error(at: entry, "stage \(index + 1) is missing 'type'"))
                skippedEntry = true
                continue
            }
            let typeName: String
            do throws(ConfigError) {
                typeName = try decoder.plainString(typeNode, what: "stage type")
            } catch {
                errors.append(error)
                skippedEntry = true
                continue
            }
            let workers = workerCount(mapping, decoder: decoder, errors: &errors)
            if index == 0 {
                guard let type = registry.source(named: typeName) else {
                    let message =
                        registry.transform(named: typeName) != nil || registry.sink(named: typeName) != nil
                        ? "the first stage must be a source (\(names(registry.sources))), found '\(typeName)'"
                        : "unknown source type '\(typeName)'" + OptionDecoder.hint(for: typeName, among: registry.sources.map { $0.typeName })
                    errors.append(decoder.error(at: typeNode, message))
                    skippedEntry = true
                    continue
                }
                stages.source = Self.source(type, mapping: mapping, decoder: decoder, overrides: overrides, errors: &errors)
                rejectWorkers(workers, mapping: mapping, decoder: decoder, typeName: typeName, errors: &errors)
            } else if let type = registry.transform(named: typeName), stages.sinks.isEmpty || registry.sink(named: typeName) == nil {
                if !stages.sinks.isEmpty {
                    errors.append(decoder.error(at: typeNode, "transform '\(typeName)' comes after a sink; sinks close the pipeline"))
                }
                let (definition, stateless, required) = Self.transform(
                    type, mapping: mapping, decoder: decoder, overrides: overrides, errors: &errors)
                if !stateless, let workers, workers > 1, let node = mapping[StageEntryKeys.workersKey] {
                    let reason = type.isStateless ? "needs its batches in input order with these options" : "keeps state across batches"
                    errors.append(decoder.error(at: node, "workers: '\(typeName)' \(reason) and runs on one worker"))
                }
                let earlier = Set(stages.transforms.map(\.typeName))
                if !skippedEntry, let missing = required.first(where: { !earlier.contains($0) }) {
                    errors.append(decoder.error(at: typeNode, "'\(typeName)' needs a '\(missing)' stage before it"))
                }
                var placed = definition
                placed.workers = stateless ? (workers ?? settings.workersPerTransform) : 1
                stages.transforms.append(placed)
            } else if let type = registry.sink(named: typeName) {
                stages.sinks.append(Self.sink(type, mapping: mapping, decoder: decoder, overrides: overrides, errors: &errors))
                rejectWorkers(workers, mapping: mapping, decoder: decoder, typeName: typeName, errors: &errors)
            } else {
                let known = registry.transforms.map { $0.typeName } + registry.sinks.map { $0.typeName }
                errors.append(decoder.error(at: typeNode, "unknown stage type '\(typeName)'" + OptionDecoder.hint(for: typeName, among: known)))
                skippedEntry = true
            }
        }
        if stages.sinks.isEmpty, !skippedEntry, let last = entries.last {
            errors.append(last.decoder.error(at: last.node, "the pipeline has no sink: end it with one of \(names(registry.sinks))"))
        }
        return stages
    }

    private static func source<S: SourceStage>(
        _ type: S.Type, mapping: Node.Mapping, decoder: OptionDecoder, overrides: [(mapping: Node.Mapping, decoder: OptionDecoder)],
        errors: inout [ConfigError]
    ) -> StageDefinition<any SourceStage> {
        let (options, locations) = decode(S.self, mapping: mapping, decoder: decoder, overrides: overrides, errors: &errors)
        return StageDefinition(source: type, options: options, locations: locations)
    }

    /// The options of a stage entry, then the options including files override in it, each
    /// decoded with its own file's decoder so its errors point there.
    private static func decode<S: Stage>(
        _ type: S.Type, mapping: Node.Mapping, decoder: OptionDecoder, overrides: [(mapping: Node.Mapping, decoder: OptionDecoder)],
        errors: inout [ConfigError]
    ) -> (options: S.Options, locations: OptionLocations) {
        var decoded = decoder.decode(mapping, as: S.Options.self, reserved: reservedKeys, owner: "stage '\(S.typeName)'", errors: &errors)
        for override in overrides {
            decoded = override.decoder.decode(
                override.mapping, as: S.Options.self, reserved: [], owner: "the override of stage '\(S.typeName)'", over: decoded, errors: &errors)
        }
        return decoded
    }

    /// A transform entry on one worker, whether its options let it run on several, and the
    /// stages its options need before it.
    private static func transform<S: TransformStage>(
        _ type: S.Type, mapping: Node.Mapping, decoder: OptionDecoder, overrides: [(mapping: Node.Mapping, decoder: OptionDecoder)],
        errors: inout [ConfigError]
    ) -> (definition: StageDefinition<any TransformStage>, isStateless: Bool, requiredEarlier: [String]) {
        let (options, locations) = decode(S.self, mapping: mapping, decoder: decoder, overrides: overrides, errors: &errors)
        return (
            StageDefinition(transform: type, options: options, locations: locations), S.isStateless(with: options),
            S.requiredEarlierStages(with: options)
        )
    }

    private static func sink<S: SinkStage>(
        _ type: S.Type, mapping: Node.Mapping, decoder: OptionDecoder, overrides: [(mapping: Node.Mapping, decoder: OptionDecoder)],
        errors: inout [ConfigError]
    ) -> StageDefinition<any SinkStage> {
        let (options, locations) = decode(S.self, mapping: mapping, decoder: decoder, overrides: overrides, errors: &errors)
        return StageDefinition(sink: type, options: options, locations: locations)
    }

    /// Keys every stage entry takes besides its own options.
    private static let reservedKeys = Set(["type"] + StageEntryKeys.fields.map(\.name))

    private func workerCount(_ mapping: Node.Mapping, decoder: OptionDecoder, errors: inout [ConfigError]) -> Int? {
        guard let node = mapping[StageEntryKeys.workersKey] else { return nil }
        do throws(ConfigError) {
            return try StageEntryKeys.workers(node, decoder: decoder)
        } catch {
            errors.append(error)
            return nil
        }
    }

    private func rejectWorkers(_ workers: Int?, mapping: Node.Mapping, decoder: OptionDecoder, typeName: String, errors: inout [ConfigError]) {
        if let workers, workers > 1, let node = mapping[StageEntryKeys.workersKey] {
            errors.append(decoder.error(at: node, "workers: '\(typeName)' reads or writes in order and runs on one worker"))
        }
    }

    private func names(_ types: [any Stage.Type]) -> String {
        types.map { $0.typeName }.joined(separator: ", ")
    }

    private func compose(_ yaml: String, file: String) throws(ConfigError) -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.configError(error, file: file)
        } catch {
            throw ConfigError(file: file, line: 0, column: 0, message: "\(error)")
        }
        guard let root else { throw ConfigError(file: file, line: 0, column: 0, message: "pipeline file is empty") }
        var budget = Self.nodeLimit
        guard Self.withinLimits(root, depth: 0, budget: &budget) else {
            throw ConfigError(
                file: file, line: 1, column: 1,
                message: "pipeline file expands to more than \(Self.nodeLimit) nodes or nests deeper than \(Self.depthLimit) levels (alias bomb?)")
        }
        return root
    }

    /// Whether `node` stays within the node budget and the depth limit (no alias bomb).
    static func withinLimits(_ node: Node, depth: Int, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0, depth <= depthLimit else { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let items):
            for item in items where !withinLimits(item, depth: depth + 1, budget: &budget) { return false }
            return true
        case .mapping(let pairs):
            for (key, value) in pairs {
                guard withinLimits(key, depth: depth + 1, budget: &budget), withinLimits(value, depth: depth + 1, budget: &budget) else {
                    return false
                }
            }
            return true
        }
    }

    static func configError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return ConfigError(file: file, line: mark.line, column: mark.column, message: "YAML: \(prefix)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "YAML: duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return ConfigError(file: file, line: 0, column: 0, message: "YAML: \(error)")
        }
    }
}
