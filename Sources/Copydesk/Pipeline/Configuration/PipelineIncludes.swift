import Foundation
import Yams

/// The files a pipeline file includes (`include:`), read once each and kept with their text,
/// so every error inside one points at its own `file:line:column` and shows its own line.
///
/// Two forms, resolved relative to the including file:
/// - top level, `include: base.yaml` (or a list): the included pipeline's settings are the
///   starting point, the including file's settings replace them key by key, and its stages are
///   used unless the including file lists its own;
/// - in `stages:`, `- include: blocks/clean.yaml`, with an optional `override:` mapping of stage
///   type to options: the block's stages (a YAML list of stage entries, or a pipeline file's
///   `stages:`) stand in its place, the overridden options replaced in each stage of that type.
/// Includes may include others; a file including itself, directly or not, is an error.
struct PipelineIncludes {
    /// A stage entry to decode, with the decoder of the file it is written in and the options
    /// that including files override in it (innermost first).
    struct StageEntry {
        /// The entry's mapping node.
        let node: Node
        /// The decoder of its file.
        let decoder: OptionDecoder
        /// Overridden options: each a mapping decoded, with its own file's decoder, over the
        /// entry's options.
        var overrides: [(mapping: Node.Mapping, decoder: OptionDecoder)] = []
    }

    /// The most files one chain of includes may go through.
    static let depthLimit = 16

    /// Every included file's text, by file, for error messages.
    private(set) var texts: [String: String] = [:]
    /// The included files, in the order they were first read, for the configuration hash.
    private(set) var order: [String] = []

    /// The settings layers and stage entries of the pipeline `mapping` (read with `decoder`),
    /// its top-level includes applied beneath it, starting over `base`.
    mutating func layer(
        _ mapping: Node.Mapping, decoder: OptionDecoder, over base: (options: PipelineSettings, locations: OptionLocations)? = nil,
        stack: [String], errors: inout [ConfigError]
    ) -> (settings: (options: PipelineSettings, locations: OptionLocations), stages: [StageEntry]?) {
        var below = base
        var stages: [StageEntry]?
        if let node = mapping["include"] {
            for (path, pathNode) in paths(node, decoder: decoder, errors: &errors) {
                guard let included = open(path, at: pathNode, decoder: decoder, stack: stack, errors: &errors) else { continue }
                guard case .mapping(let inner) = included.root else {
                    errors.append(included.decoder.error(at: included.root, "an included pipeline is a mapping of settings and stages"))
                    continue
                }
                let layer = layer(inner, decoder: included.decoder, over: below, stack: stack + [included.decoder.file], errors: &errors)
                below = layer.settings
                if let inherited = layer.stages { stages = inherited }
            }
        }
        let settings = decoder.decode(
            mapping, as: PipelineSettings.self, reserved: ["stages", "include"], owner: "the pipeline", over: below, errors: &errors)
        if let node = mapping["stages"] { stages = entries(node, decoder: decoder, stack: stack, errors: &errors) }
        return (settings, stages)
    }

    /// The stage entries of a `stages:` list, stage blocks expanded; `nil` when it is not a
    /// non-empty list.
    mutating func entries(_ node: Node, decoder: OptionDecoder, stack: [String], errors: inout [ConfigError]) -> [StageEntry]? {
        guard case .sequence(let items) = node, !items.isEmpty else {
            errors.append(decoder.error(at: node, "'stages' must be a non-empty list of stages"))
            return nil
        }
        var result: [StageEntry] = []
        for item in items {
            guard case .mapping(let mapping) = item, let includeNode = mapping["include"], mapping["type"] == nil else {
                result.append(StageEntry(node: item, decoder: decoder))
                continue
            }
            result += block(mapping, include: includeNode, decoder: decoder, stack: stack, errors: &errors)
        }
        return result
    }

    /// The entries of the stage block an `- include:` entry names, with its overrides.
    private mutating func block(
        _ mapping: Node.Mapping, include includeNode: Node, decoder: OptionDecoder, stack: [String], errors: inout [ConfigError]
    ) -> [StageEntry] {
        var overrides: [(type: String, node: Node, mapping: Node.Mapping)] = []
        for (key, value) in mapping {
            switch key.string {
            case "include": continue
            case "override":
                guard case .mapping(let byType) = value else {
                    errors.append(decoder.error(at: value, "override: expected a mapping of stage types to the options they replace"))
                    continue
                }
                for (typeNode, options) in byType {
                    guard let type = typeNode.string, case .mapping(let optionMapping) = options else {
                        errors.append(decoder.error(at: typeNode, "override: each stage type maps to the options it replaces"))
                        continue
                    }
                    overrides.append((type, typeNode, optionMapping))
                }
            default:
                errors.append(decoder.error(at: key, "unknown key '\(key.string ?? "")' in a stage block: expected include and override"))
            }
        }
        let path: String
        do throws(ConfigError) {
            path = try decoder.scalar(includeNode, key: "include", kind: .string)
        } catch {
            errors.append(error)
            return []
        }
        guard let included = open(path, at: includeNode, decoder: decoder, stack: stack, errors: &errors) else { return [] }
        var list = included.root
        if case .mapping(let pipeline) = included.root {
            guard let stages = pipeline["stages"] else {
                errors.append(included.decoder.error(at: included.root, "a stage block is a list of stages, or a pipeline with stages"))
                return []
            }
            list = stages
        }
        guard var inner = entries(list, decoder: included.decoder, stack: stack + [included.decoder.file], errors: &errors) else { return [] }
        for override in overrides {
            let matching = inner.indices.filter { inner[$0].node.mapping?["type"]?.string == override.type }
            if matching.isEmpty {
                errors.append(decoder.error(at: override.node, "override: \(path) has no '\(override.type)' stage"))
            }
            for index in matching { inner[index].overrides.append((override.mapping, decoder)) }
        }
        return inner
    }

    /// The paths an `include:` value names: one, or a list.
    private func paths(_ node: Node, decoder: OptionDecoder, errors: inout [ConfigError]) -> [(String, Node)] {
        let items: [Node]
        if case .sequence(let list) = node { items = Array(list) } else { items = [node] }
        return items.compactMap { item in
            do throws(ConfigError) {
                return (try decoder.scalar(item, key: "include", kind: .string), item)
            } catch {
                errors.append(error)
                return nil
            }
        }
    }

    /// Reads and composes the file `path` names (relative to the file of `decoder`), or records
    /// why it cannot be read; its errors will name it, and its text is kept.
    private mutating func open(_ path: String, at node: Node, decoder: OptionDecoder, stack: [String], errors: inout [ConfigError]) -> (
        root: Node, decoder: OptionDecoder
    )? {
        let folder = (decoder.file as NSString).deletingLastPathComponent
        let file = ((path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)) as NSString).standardizingPath
        if stack.contains(file) {
            errors.append(decoder.error(at: node, "include: \(path) includes itself: " + (stack + [file]).joined(separator: " → ")))
            return nil
        }
        guard stack.count < Self.depthLimit else {
            errors.append(decoder.error(at: node, "include: more than \(Self.depthLimit) files deep"))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            let reason = FileManager.default.fileExists(atPath: file) ? "cannot be read as UTF-8 text" : "does not exist"
            errors.append(decoder.error(at: node, "include: \(file) \(reason)"))
            return nil
        }
        if texts[file] == nil {
            texts[file] = text
            order.append(file)
        }
        do {
            guard let root = try Yams.compose(yaml: text) else {
                errors.append(ConfigError(file: file, line: 0, column: 0, message: "an included file is empty"))
                return nil
            }
            var budget = PipelineLoader.nodeLimit
            guard PipelineLoader.withinLimits(root, depth: 0, budget: &budget) else {
                errors.append(
                    ConfigError(
                        file: file, line: 1, column: 1,
                        message:
                            "the file expands to more than \(PipelineLoader.nodeLimit) nodes or nests deeper than \(PipelineLoader.depthLimit) levels (alias bomb?)"
                    ))
                return nil
            }
            return (root, OptionDecoder(file: file, interpolation: decoder.interpolation))
        } catch let error as YamlError {
            errors.append(PipelineLoader.configError(error, file: file))
        } catch {
            errors.append(ConfigError(file: file, line: 0, column: 0, message: "\(error)"))
        }
        return nil
    }
}
