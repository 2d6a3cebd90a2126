import Yams

/// Decodes one YAML mapping against a list of ``OptionSpec``s: expands `${VAR}` references,
/// converts each value to its declared type, applies defaults and reports unknown keys, wrong
/// types and missing required options at their `file:line:column`.
struct OptionDecoder {
    /// Pipeline file name used in errors.
    let file: String
    /// Expands environment references in scalar values.
    let interpolation: EnvironmentInterpolation

    /// Decoded values with the positions of the keys that were written.
    struct Decoded {
        var values: [String: OptionValue] = [:]
        var positions: [String: SourcePosition] = [:]
    }

    /// Decodes `mapping`; keys in `reserved` are left to the caller, every other key must be
    /// declared in `specs`. `owner` names the mapping in messages (`stage 'textdrop'`). Every
    /// problem is appended to `errors` and decoding goes on with the next key; an option whose
    /// value is invalid gets its default, so later checks see well-typed values.
    func decode(_ mapping: Node.Mapping, specs: [OptionSpec], reserved: Set<String>, owner: String,
                errors: inout [ConfigError]) -> Decoded {
        var decoded = Decoded()
        var written: Set<String> = []
        let byName = Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0) })
        for (keyNode, valueNode) in mapping {
            do throws(ConfigError) {
                let key = try plainString(keyNode, what: "key")
                if reserved.contains(key) { continue }
                guard let spec = byName[key] else {
                    throw error(at: keyNode, "unknown option '\(key)' for \(owner)" + Self.hint(for: key, among: specs.map(\.name) + reserved.sorted()))
                }
                written.insert(key)
                decoded.values[key] = try value(valueNode, spec: spec)
                decoded.positions[key] = position(of: valueNode)
            } catch {
                errors.append(error)
            }
        }
        for spec in specs where decoded.values[spec.name] == nil {
            if let fallback = spec.defaultValue {
                decoded.values[spec.name] = fallback
            } else if !written.contains(spec.name) {
                errors.append(ConfigError(file: file, at: mapping.mark.map(Self.position),
                                          message: "\(owner) is missing required option '\(spec.name)' (\(spec.kind.name): \(spec.doc))"))
            }
        }
        return decoded
    }

    /// Converts one value node to the option's type.
    func value(_ node: Node, spec: OptionSpec) throws(ConfigError) -> OptionValue {
        switch spec.kind {
        case .string:
            return .string(try scalar(node, spec: spec))
        case .choice(let allowed):
            let text = try scalar(node, spec: spec)
            guard allowed.contains(text) else {
                throw error(at: node, "\(spec.name): '\(text)' is not one of \(allowed.joined(separator: ", "))")
            }
            return .string(text)
        case .integer(let range):
            let text = try scalar(node, spec: spec)
            guard let number = Int(text.replacingOccurrences(of: "_", with: "")) else {
                throw error(at: node, "\(spec.name): expected an integer, found '\(text)'")
            }
            guard range.contains(number) else {
                throw error(at: node, "\(spec.name): \(number) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            return .integer(number)
        case .number(let range):
            let text = try scalar(node, spec: spec)
            guard let number = Double(text), number.isFinite else {
                throw error(at: node, "\(spec.name): expected a number, found '\(text)'")
            }
            guard range.contains(number) else {
                throw error(at: node, "\(spec.name): \(number) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            return .number(number)
        case .boolean:
            let text = try scalar(node, spec: spec)
            switch text.lowercased() {
            case "true", "yes", "on": return .boolean(true)
            case "false", "no", "off": return .boolean(false)
            default: throw error(at: node, "\(spec.name): expected true or false, found '\(text)'")
            }
        case .strings:
            if case .sequence(let items) = node {
                var strings: [String] = []
                for item in items { strings.append(try scalar(item, spec: spec)) }
                return .strings(strings)
            }
            return .strings([try scalar(node, spec: spec)])
        }
    }

    /// A scalar value with environment references expanded.
    func scalar(_ node: Node, spec: OptionSpec) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error(at: node, "\(spec.name): expected \(spec.kind.name), found a \(Self.shape(of: node))")
        }
        do {
            return try interpolation.expand(scalar.string)
        } catch {
            throw self.error(at: node, "\(spec.name): \(error)")
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
        let a = Array(a.utf8), b = Array(b.utf8)
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
