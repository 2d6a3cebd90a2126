import Yams

/// Decodes one YAML mapping into a ``DeclaredOptions`` type: expands `${VAR}` references,
/// converts each value to its declared type, keeps the defaults of keys not written and reports
/// unknown keys, wrong types and missing required options at their `file:line:column`.
struct OptionDecoder {
    /// Pipeline file name used in errors.
    let file: String
    /// Expands environment references in scalar values.
    let interpolation: EnvironmentInterpolation

    /// Decodes `mapping` into `Options`, starting from its defaults; keys in `reserved` are left
    /// to the caller, every other key must be declared. `owner` names the mapping in messages
    /// (`stage 'textdrop'`). Every problem is appended to `errors` and decoding goes on with the
    /// next key; an option whose value is invalid keeps its default, so later checks see
    /// well-typed values.
    ///
    /// With `base`, decoding starts from options decoded earlier (in another file: an included
    /// stage or pipeline) instead of the defaults: the keys of `mapping` replace theirs, and the
    /// locations keep the base's file, each key written here marked as written in this file.
    func decode<Options: DeclaredOptions>(
        _ mapping: Node.Mapping, as type: Options.Type, reserved: Set<String>, owner: String,
        over base: (options: Options, locations: OptionLocations)? = nil, errors: inout [ConfigError]
    ) -> (options: Options, locations: OptionLocations) {
        var options = base?.options ?? Options()
        var positions: [String: SourcePosition] = base?.locations.positions ?? [:]
        var keyFiles: [String: String] = base?.locations.keyFiles ?? [:]
        let fields = Options.fields
        for (keyNode, valueNode) in mapping {
            do throws(ConfigError) {
                let key = try plainString(keyNode, what: "key")
                if reserved.contains(key) { continue }
                guard let field = fields.first(where: { $0.name == key }) else {
                    throw error(
                        at: keyNode, "unknown option '\(key)' for \(owner)" + Self.hint(for: key, among: fields.map(\.name) + reserved.sorted()))
                }
                positions[key] = position(of: valueNode)
                if let base, base.locations.file != file { keyFiles[key] = file } else { keyFiles[key] = nil }
                try field.assign(&options, valueNode, self)
            } catch {
                errors.append(error)
            }
        }
        if let base {
            return (
                options,
                OptionLocations(file: base.locations.file, stagePosition: base.locations.stagePosition, positions: positions, keyFiles: keyFiles)
            )
        }
        for field in fields where field.isRequired && positions[field.name] == nil {
            errors.append(
                ConfigError(
                    file: file, at: mapping.mark.map(Self.position),
                    message: "\(owner) is missing required option '\(field.name)' (\(field.kind.name): \(field.doc))"))
        }
        return (options, OptionLocations(file: file, stagePosition: mapping.mark.map(Self.position), positions: positions))
    }

    /// A scalar value with environment references expanded; `key` and `kind` name the option
    /// in errors.
    func scalar(_ node: Node, key: String, kind: OptionKind) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error(at: node, "\(key): expected \(kind.name), found a \(Self.shape(of: node))")
        }
        do {
            return try interpolation.expand(scalar.string)
        } catch {
            throw self.error(at: node, "\(key): \(error)")
        }
    }

    /// A key or other plain scalar, without interpolation.
    func plainString(_ node: Node, what: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error(at: node, "expected a \(what), found a \(Self.shape(of: node))")
        }
        return scalar.string
    }

    /// A configuration error at a node.
    func error(at node: Node, _ message: String) -> ConfigError {
        ConfigError(file: file, at: position(of: node), message: message)
    }

    /// A node's 1-based position.
    func position(of node: Node) -> SourcePosition? {
        node.mark.map(Self.position)
    }

    static func position(_ mark: Mark) -> SourcePosition {
        SourcePosition(line: mark.line, column: mark.column)
    }

    static func shape(of node: Node) -> String {
        switch node {
        case .scalar: "scalar"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    /// ` (did you mean 'x'?)` when a known key is one or two edits away.
    static func hint(for key: String, among known: [String]) -> String {
        let close = known.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }
        if let close { return " (did you mean '\(close.0)'?)" }
        return known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))"
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
