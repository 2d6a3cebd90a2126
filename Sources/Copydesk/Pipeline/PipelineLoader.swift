import Foundation
import Crypto
import Yams

/// Reads a pipeline YAML file into a validated ``PipelineDefinition``.
///
/// The file is composed into a node tree first, so every error can name the `file:line:column`
/// of the offending key or value; then the top-level settings and each stage's options are
/// decoded against their declarations.
public struct PipelineLoader: Sendable {
    /// Stage types the file may name.
    public var registry: StageRegistry
    /// Variables for `${VAR}` references.
    public var environment: [String: String]

    /// The most YAML nodes a pipeline file may expand to; stops alias bombs early.
    static let nodeLimit = 20_000
    /// The deepest nesting a pipeline file may have.
    static let depthLimit = 32

    /// Creates a loader.
    public init(registry: StageRegistry = .standard, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.registry = registry
        self.environment = environment
    }

    /// Loads and validates the pipeline file at `path`; every error is a ``ConfigError``.
    public func load(path: String) throws -> PipelineDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (check permissions)" : "does not exist"
            throw ConfigError(file: path, line: 0, column: 0, message: "pipeline file \(reason)")
        }
        guard let yaml = String(validating: data, as: UTF8.self) else {
            throw ConfigError(file: path, line: 0, column: 0, message: "pipeline file is not valid UTF-8")
        }
        return try load(yaml: yaml, file: path)
    }

    /// Loads and validates pipeline YAML text; `file` names it in errors. Every error is a
    /// ``ConfigError``.
    public func load(yaml: String, file: String) throws -> PipelineDefinition {
        let root = try compose(yaml, file: file)
        let decoder = OptionDecoder(file: file, interpolation: EnvironmentInterpolation(environment: environment))
        guard case .mapping(let mapping) = root else {
            throw decoder.error(at: root, "a pipeline file is a mapping with 'name' and 'stages'")
        }
        let nameSpec = OptionSpec("name", .string, doc: "Pipeline name, used in summaries and run history.")
        var specs = PipelineSettings.options
        specs.append(nameSpec)
        let top = try decoder.decode(mapping, specs: specs, reserved: ["stages"], owner: "the pipeline")
        guard let stagesNode = mapping["stages"] else {
            throw ConfigError(file: file, at: mapping.mark.map(OptionDecoder.position), message: "the pipeline is missing required key 'stages'")
        }
        guard case .sequence(let entries) = stagesNode, !entries.isEmpty else {
            throw decoder.error(at: stagesNode, "'stages' must be a non-empty list of stages")
        }
        guard case .string(let name)? = top.values["name"], case .integer(let batchSize)? = top.values["batch_size"],
              case .integer(let concurrency)? = top.values["concurrency"], case .integer(let buffer)? = top.values["buffer"],
              case .string(let quarantine)? = top.values["quarantine"], case .string(let maxQuarantined)? = top.values["max_quarantined"],
              case .string(let ledger)? = top.values["ledger"], case .string(let report)? = top.values["report"],
              case .string(let metrics)? = top.values["metrics"], case .integer(let lockWait)? = top.values["lock_wait"],
              case .integer(let minArticles)? = top.values["min_articles"]
        else { preconditionFailure("pipeline settings decoded with unexpected types") }
        guard let limit = QuarantineLimit(maxQuarantined) else {
            let node = mapping["max_quarantined"] ?? root
            throw decoder.error(at: node, "max_quarantined: expected a count (100) or a percentage (5%), found '\(maxQuarantined)'")
        }
        let settings = PipelineSettings(
            batchSize: batchSize,
            concurrency: concurrency == 0 ? ProcessInfo.processInfo.activeProcessorCount : concurrency,
            buffer: buffer,
            quarantine: quarantine.isEmpty ? nil : quarantine,
            maxQuarantined: limit,
            ledger: ledger.isEmpty ? nil : ledger,
            report: report.isEmpty ? nil : report,
            metrics: metrics.isEmpty ? nil : metrics,
            lockWait: .seconds(lockWait),
            minArticles: minArticles)
        return try assemble(entries: Array(entries), decoder: decoder, name: name, file: file, settings: settings,
                            configHash: ArticleID.hex(SHA256.hash(data: Data(yaml.utf8))))
    }

    private func assemble(entries: [Node], decoder: OptionDecoder, name: String, file: String, settings: PipelineSettings,
                          configHash: String) throws -> PipelineDefinition {
        var source: StageDefinition<any SourceStage.Type>?
        var transforms: [StageDefinition<any TransformStage.Type>] = []
        var sinks: [StageDefinition<any SinkStage.Type>] = []
        for (index, entry) in entries.enumerated() {
            guard case .mapping(let mapping) = entry else {
                throw decoder.error(at: entry, "each stage is a mapping with a 'type' key")
            }
            guard let typeNode = mapping["type"] else {
                throw decoder.error(at: entry, "stage \(index + 1) is missing 'type'")
            }
            let typeName = try decoder.plainString(typeNode, what: "stage type")
            let workers = try workerCount(mapping, decoder: decoder)
            if index == 0 {
                guard let type = registry.source(named: typeName) else {
                    let message = registry.transform(named: typeName) != nil || registry.sink(named: typeName) != nil
                        ? "the first stage must be a source (\(names(registry.sources))), found '\(typeName)'"
                        : "unknown source type '\(typeName)'" + OptionDecoder.hint(for: typeName, among: registry.sources.map { $0.typeName })
                    throw decoder.error(at: typeNode, message)
                }
                let options = try stageOptions(type, mapping: mapping, decoder: decoder)
                try rejectWorkers(workers, mapping: mapping, decoder: decoder, typeName: typeName)
                source = StageDefinition(type: type, options: options)
            } else if let type = registry.transform(named: typeName), sinks.isEmpty || registry.sink(named: typeName) == nil {
                guard sinks.isEmpty else {
                    throw decoder.error(at: typeNode, "transform '\(typeName)' comes after a sink; sinks close the pipeline")
                }
                let options = try stageOptions(type, mapping: mapping, decoder: decoder)
                if !type.isStateless, let workers, workers > 1, let node = mapping["workers"] {
                    throw decoder.error(at: node, "workers: '\(typeName)' keeps state across batches and runs on one worker")
                }
                let earlier = Set(transforms.map { $0.type.typeName })
                if let missing = type.requiredEarlierStages.first(where: { !earlier.contains($0) }) {
                    throw decoder.error(at: typeNode, "'\(typeName)' needs a '\(missing)' stage before it")
                }
                let count = type.isStateless ? (workers ?? settings.concurrency) : 1
                transforms.append(StageDefinition(type: type, options: options, workers: count))
            } else if let type = registry.sink(named: typeName) {
                let options = try stageOptions(type, mapping: mapping, decoder: decoder)
                try rejectWorkers(workers, mapping: mapping, decoder: decoder, typeName: typeName)
                sinks.append(StageDefinition(type: type, options: options))
            } else {
                let known = registry.transforms.map { $0.typeName } + registry.sinks.map { $0.typeName }
                throw decoder.error(at: typeNode, "unknown stage type '\(typeName)'" + OptionDecoder.hint(for: typeName, among: known))
            }
        }
        guard let source else { preconditionFailure("non-empty stage list without a first stage") }
        guard !sinks.isEmpty else {
            throw decoder.error(at: entries[entries.count - 1], "the pipeline has no sink: end it with one of \(names(registry.sinks))")
        }
        return PipelineDefinition(name: name, file: file, configHash: configHash, settings: settings, source: source,
                                  transforms: transforms, sinks: sinks)
    }

    private func stageOptions(_ type: any Stage.Type, mapping: Node.Mapping, decoder: OptionDecoder) throws -> StageOptions {
        let decoded = try decoder.decode(mapping, specs: type.options, reserved: ["type", "workers"], owner: "stage '\(type.typeName)'")
        return StageOptions(file: decoder.file, stagePosition: mapping.mark.map(OptionDecoder.position),
                            values: decoded.values, positions: decoded.positions)
    }

    private func workerCount(_ mapping: Node.Mapping, decoder: OptionDecoder) throws(ConfigError) -> Int? {
        guard let node = mapping["workers"] else { return nil }
        let spec = OptionSpec("workers", .integer(1...256), doc: "Workers running this stage.")
        guard case .integer(let count) = try decoder.value(node, spec: spec) else { return nil }
        return count
    }

    private func rejectWorkers(_ workers: Int?, mapping: Node.Mapping, decoder: OptionDecoder, typeName: String) throws(ConfigError) {
        if let workers, workers > 1, let node = mapping["workers"] {
            throw decoder.error(at: node, "workers: '\(typeName)' reads or writes in order and runs on one worker")
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
            throw ConfigError(file: file, line: 1, column: 1, message: "pipeline file expands to more than \(Self.nodeLimit) nodes or nests deeper than \(Self.depthLimit) levels (alias bomb?)")
        }
        return root
    }

    private static func withinLimits(_ node: Node, depth: Int, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0, depth <= depthLimit else { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let items):
            for item in items where !withinLimits(item, depth: depth + 1, budget: &budget) { return false }
            return true
        case .mapping(let pairs):
            for (key, value) in pairs {
                guard withinLimits(key, depth: depth + 1, budget: &budget), withinLimits(value, depth: depth + 1, budget: &budget) else { return false }
            }
            return true
        }
    }

    private static func configError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return ConfigError(file: file, line: mark.line, column: mark.column, message: "YAML: \(prefix)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(file: file, line: context.mark.line, column: context.mark.column,
                               message: "YAML: duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return ConfigError(file: file, line: 0, column: 0, message: "YAML: \(error)")
        }
    }
}
