/// The options of a stage, or of the pipeline, declared once.
///
/// A conforming type is a plain struct: its stored properties carry the defaults (`init()`
/// gives every default), and ``fields`` names each YAML key with the property it sets, its
/// value type and a one-line doc. Decoding, validation, `copydesk stages`, `docs/stages.md`
/// and the path-clash checks all read that one list, so no option name or default is written
/// anywhere else.
public protocol DeclaredOptions: Sendable {
    /// Every option at its default.
    init()
    /// The YAML keys, in the order the docs list them.
    static var fields: [OptionField<Self>] { get }
}

extension DeclaredOptions {
    /// The YAML key of the option stored at `keyPath`; the declaration is the only place the
    /// key is spelled, so a stage names its options by property in errors.
    public static func key(of keyPath: PartialKeyPath<Self>) -> String {
        guard let field = fields.first(where: { $0.keyPath == keyPath }) else {
            preconditionFailure("\(Self.self) declares no option stored at \(keyPath)")
        }
        return field.name
    }

    /// The defaults changed by `configure`, for stages built in code:
    /// `JSONLSink.Options.with { $0.path = "out/articles.jsonl" }`.
    public static func with(_ configure: (inout Self) -> Void) -> Self {
        var options = Self()
        configure(&options)
        return options
    }

    /// Every declared option as docs list it.
    public static var summaries: [OptionSummary] {
        fields.map { OptionSummary(name: $0.name, kind: $0.kind, defaultText: $0.defaultText, defaultValue: $0.defaultValue, doc: $0.doc) }
    }

    /// The paths these options name that the pipeline writes, with how each is used.
    var writtenPaths: [(key: String, path: String, use: WrittenPathUse, label: String?)] {
        Self.fields.compactMap { field in
            guard let use = field.writes, let path = field.path(self), !path.isEmpty else { return nil }
            return (field.name, path, use, field.label)
        }
    }
}

/// How a stage or the pipeline uses a path one of its options names; the loader checks that no
/// two parts of a pipeline write the same path.
public enum WrittenPathUse: Sendable, Equatable {
    /// An output file, replaced or appended to by the run.
    case file
    /// An output folder whose files the run replaces.
    case folder
    /// A state store kept across runs (which several stores may share).
    case stateStore
}

/// One declared option as `copydesk stages`, docs/stages.md and `copydesk schema` describe it.
public struct OptionSummary: Sendable, Equatable {
    /// YAML key.
    public let name: String
    /// Value type.
    public let kind: OptionKind
    /// The default as YAML would show it; `nil` when the option is required.
    public let defaultText: String?
    /// The default as a JSON value of the option's type; `nil` when the option is required.
    public let defaultValue: JSONValue?
    /// One-line description.
    public let doc: String
}
