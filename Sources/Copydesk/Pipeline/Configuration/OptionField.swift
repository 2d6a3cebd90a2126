import Yams

/// One declared option: its YAML key, the property it sets, its value type and its doc line.
///
/// Fields are made with the typed constructors below (``string(_:_:required:writes:doc:)``,
/// ``integer(_:_:in:doc:)``, ``choice(_:_:doc:)``, ...), which tie the key to a property of
/// the options type; the default is the property's initial value, so it is written once.
public struct OptionField<Root: DeclaredOptions>: Sendable {
    /// YAML key, snake_case.
    public let name: String
    /// Value type.
    public let kind: OptionKind
    /// One-line description for `copydesk stages` and the docs.
    public let doc: String
    /// Whether the pipeline file must set this option (its initial value is only a placeholder).
    public let isRequired: Bool
    /// How the pipeline writes the path this option names, when it names one.
    public let writes: WrittenPathUse?
    /// How messages name that path (`the quarantine file`), when the declaration says.
    public let label: String?
    /// The property the option sets.
    let keyPath: PartialKeyPath<Root> & Sendable
    /// Converts a YAML value and stores it in the options.
    let assign: @Sendable (inout Root, Node, OptionDecoder) throws(ConfigError) -> Void
    /// The option's value as YAML would show it.
    let render: @Sendable (Root) -> String
    /// The option's value as a JSON value of its type (the pipeline schema's `default`).
    let json: @Sendable (Root) -> JSONValue
    /// The path the option names, for options that name one.
    let path: @Sendable (Root) -> String?

    private init(
        _ name: String, _ kind: OptionKind, _ keyPath: PartialKeyPath<Root> & Sendable, doc: String,
        isRequired: Bool = false, writes: WrittenPathUse? = nil, label: String? = nil,
        assign: @escaping @Sendable (inout Root, Node, OptionDecoder) throws(ConfigError) -> Void,
        render: @escaping @Sendable (Root) -> String, json: @escaping @Sendable (Root) -> JSONValue,
        path: @escaping @Sendable (Root) -> String? = { _ in nil }
    ) {
        self.name = name
        self.kind = kind
        self.doc = doc
        self.isRequired = isRequired
        self.writes = writes
        self.label = label
        self.keyPath = keyPath
        self.assign = assign
        self.render = render
        self.json = json
        self.path = path
    }

    /// The option's default as YAML would show it, or `nil` when the option is required.
    public var defaultText: String? { isRequired ? nil : render(Root()) }

    /// The option's default as a JSON value of its type, or `nil` when the option is required.
    public var defaultValue: JSONValue? { isRequired ? nil : json(Root()) }

    /// A string option; `writes` marks one that names a path the pipeline writes.
    public static func string(
        _ name: String, _ keyPath: WritableKeyPath<Root, String> & Sendable, required: Bool = false,
        writes: WrittenPathUse? = nil, doc: String
    ) -> Self {
        let kind = OptionKind.string
        return Self(
            name, kind, keyPath, doc: doc, isRequired: required, writes: writes,
            assign: { options, node, decoder throws(ConfigError) in options[keyPath: keyPath] = try decoder.scalar(node, key: name, kind: kind) },
            render: { Self.quoted($0[keyPath: keyPath]) }, json: { .string($0[keyPath: keyPath]) }, path: { $0[keyPath: keyPath] })
    }

    /// An optional path the pipeline writes: an empty value (the default) stands for none.
    /// `label` names the path in messages (`the quarantine file`).
    public static func path(
        _ name: String, _ keyPath: WritableKeyPath<Root, String?> & Sendable, writes: WrittenPathUse, label: String, doc: String
    ) -> Self {
        let kind = OptionKind.string
        return Self(
            name, kind, keyPath, doc: doc, writes: writes, label: label,
            assign: { options, node, decoder throws(ConfigError) in
                let text = try decoder.scalar(node, key: name, kind: kind)
                options[keyPath: keyPath] = text.isEmpty ? nil : text
            },
            render: { Self.quoted($0[keyPath: keyPath] ?? "") }, json: { .string($0[keyPath: keyPath] ?? "") }, path: { $0[keyPath: keyPath] })
    }

    /// A whole number within `range`; `_` may group digits (`100_000`).
    public static func integer(_ name: String, _ keyPath: WritableKeyPath<Root, Int> & Sendable, in range: ClosedRange<Int>, doc: String) -> Self {
        let kind = OptionKind.integer(range)
        return Self(
            name, kind, keyPath, doc: doc,
            assign: { options, node, decoder throws(ConfigError) in
                let text = try decoder.scalar(node, key: name, kind: kind)
                guard let number = Int(text.replacingOccurrences(of: "_", with: "")) else {
                    throw decoder.error(at: node, "\(name): expected an integer, found '\(text)'")
                }
                guard range.contains(number) else {
                    throw decoder.error(at: node, "\(name): \(number) is outside \(range.lowerBound)...\(range.upperBound)")
                }
                options[keyPath: keyPath] = number
            },
            render: { String($0[keyPath: keyPath]) }, json: { .integer(Int64($0[keyPath: keyPath])) })
    }

    /// A decimal number within `range`.
    public static func number(_ name: String, _ keyPath: WritableKeyPath<Root, Double> & Sendable, in range: ClosedRange<Double>, doc: String) -> Self
    {
        let kind = OptionKind.number(range)
        return Self(
            name, kind, keyPath, doc: doc,
            assign: { options, node, decoder throws(ConfigError) in
                let text = try decoder.scalar(node, key: name, kind: kind)
                guard let number = Double(text), number.isFinite else {
                    throw decoder.error(at: node, "\(name): expected a number, found '\(text)'")
                }
                guard range.contains(number) else {
                    throw decoder.error(at: node, "\(name): \(number) is outside \(range.lowerBound)...\(range.upperBound)")
                }
                options[keyPath: keyPath] = number
            },
            render: { String($0[keyPath: keyPath]) }, json: { .number($0[keyPath: keyPath]) })
    }

    /// `true` or `false` (also `yes`/`no`, `on`/`off`: ``OptionKind/trueWords`` and ``OptionKind/falseWords``).
    public static func boolean(_ name: String, _ keyPath: WritableKeyPath<Root, Bool> & Sendable, doc: String) -> Self {
        let kind = OptionKind.boolean
        return Self(
            name, kind, keyPath, doc: doc,
            assign: { options, node, decoder throws(ConfigError) in
                let text = try decoder.scalar(node, key: name, kind: kind)
                let word = text.lowercased()
                if OptionKind.trueWords.contains(word) {
                    options[keyPath: keyPath] = true
                } else if OptionKind.falseWords.contains(word) {
                    options[keyPath: keyPath] = false
                } else {
                    throw decoder.error(at: node, "\(name): expected true or false, found '\(text)'")
                }
            },
            render: { String($0[keyPath: keyPath]) }, json: { .bool($0[keyPath: keyPath]) })
    }

    /// A list of strings: a YAML sequence, or one string for a one-item list.
    public static func strings(_ name: String, _ keyPath: WritableKeyPath<Root, [String]> & Sendable, doc: String) -> Self {
        let kind = OptionKind.strings
        return Self(
            name, kind, keyPath, doc: doc,
            assign: { options, node, decoder throws(ConfigError) in
                guard case .sequence(let items) = node else {
                    options[keyPath: keyPath] = [try decoder.scalar(node, key: name, kind: kind)]
                    return
                }
                var strings: [String] = []
                for item in items { strings.append(try decoder.scalar(item, key: name, kind: kind)) }
                options[keyPath: keyPath] = strings
            },
            render: { "[" + $0[keyPath: keyPath].joined(separator: ", ") + "]" }, json: { .array($0[keyPath: keyPath].map(JSONValue.string)) })
    }

    /// One value of a string enumeration, written as its raw value.
    public static func choice<Choice: RawRepresentable<String> & CaseIterable & Sendable>(
        _ name: String, _ keyPath: WritableKeyPath<Root, Choice> & Sendable, doc: String
    ) -> Self {
        let allowed = Choice.allCases.map(\.rawValue)
        let kind = OptionKind.choice(allowed)
        return Self(
            name, kind, keyPath, doc: doc,
            assign: { options, node, decoder throws(ConfigError) in
                let text = try decoder.scalar(node, key: name, kind: kind)
                guard let choice = Choice(rawValue: text) else {
                    throw decoder.error(at: node, "\(name): '\(text)' is not one of \(allowed.joined(separator: ", "))")
                }
                options[keyPath: keyPath] = choice
            },
            render: { $0[keyPath: keyPath].rawValue }, json: { .string($0[keyPath: keyPath].rawValue) })
    }

    /// A string in a format of its own: `parse` reads it (`nil` for text it does not accept,
    /// reported with `format`), `render` writes it back for the docs.
    public static func formatted<Value: Sendable>(
        _ name: String, _ keyPath: WritableKeyPath<Root, Value> & Sendable, format: String,
        parse: @escaping @Sendable (String) -> Value?, render: @escaping @Sendable (Value) -> String, doc: String
    ) -> Self {
        let kind = OptionKind.formatted(format)
        return Self(
            name, kind, keyPath, doc: doc,
            assign: { options, node, decoder throws(ConfigError) in
                let text = try decoder.scalar(node, key: name, kind: kind)
                guard let value = parse(text) else { throw decoder.error(at: node, "\(name): expected \(format), found '\(text)'") }
                options[keyPath: keyPath] = value
            },
            render: { Self.quoted(render($0[keyPath: keyPath])) }, json: { .string(render($0[keyPath: keyPath])) })
    }

    /// A mapping of strings to strings (`{title: headline, text: body}`) whose keys must be among
    /// `keys`: an unknown key, a value that is not a non-empty string or a value that is not a
    /// mapping is reported at its `file:line:column`. Shown in the docs with its keys sorted.
    public static func mapping(
        _ name: String, _ keyPath: WritableKeyPath<Root, [String: String]> & Sendable, keys: [String], doc: String
    ) -> Self {
        let kind = OptionKind.mapping(keys: keys)
        return Self(
            name, kind, keyPath, doc: doc,
            assign: { options, node, decoder throws(ConfigError) in
                guard case .mapping(let mapping) = node else {
                    throw decoder.error(at: node, "\(name): expected a mapping of strings to strings, found a \(OptionDecoder.shape(of: node))")
                }
                var values: [String: String] = [:]
                for (keyNode, valueNode) in mapping {
                    let key = try decoder.plainString(keyNode, what: "key of \(name)")
                    guard keys.contains(key) else {
                        throw decoder.error(at: keyNode, "\(name): unknown field '\(key)'" + OptionDecoder.hint(for: key, among: keys))
                    }
                    let value = try decoder.scalar(valueNode, key: "\(name).\(key)", kind: .string)
                    guard !value.isEmpty else { throw decoder.error(at: valueNode, "\(name).\(key): expected a field name, found an empty string") }
                    values[key] = value
                }
                options[keyPath: keyPath] = values
            },
            render: { options in
                let values = options[keyPath: keyPath]
                return "{" + values.keys.sorted().map { "\($0): \(values[$0] ?? "")" }.joined(separator: ", ") + "}"
            }, json: { .object($0[keyPath: keyPath].mapValues(JSONValue.string)) })
    }

    /// An empty string shows as `""`.
    private static func quoted(_ text: String) -> String { text.isEmpty ? "\"\"" : text }
}
