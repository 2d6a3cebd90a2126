import Foundation

/// The JSON Schema of pipeline files, generated from the declarations: the pipeline-level keys
/// (``PipelineSettings``), the keys of every stage entry (``StageEntryKeys``) and the options of
/// every registered stage. Printed by `copydesk schema` and written to
/// `docs/pipeline.schema.json`, so editors complete and check pipeline files.
///
/// The schema is draft-07, the newest draft the YAML language server (and so VS Code's YAML
/// extension) supports in full. Each stage entry is one branch of a `oneOf`, told apart by
/// `type: {const: …}`, with `additionalProperties: false`: an editor picks the branch whose
/// `type` matches and completes and checks that stage's options only. The first entry is
/// matched against the sources, every later one against the transforms and sinks (`jsonl`
/// and `csv` name a source and a sink), and at least one entry must name a sink.
///
/// What a schema cannot say is left to the loader (`copydesk validate`): that transforms come
/// before the sinks, a stage's required earlier stages, rules across options or stages, path
/// clashes, and everything known only once `${VAR}` references are expanded.
public struct PipelineSchema: Sendable {
    /// The stages the schema describes.
    public let registry: StageRegistry

    /// The draft the schema is written in.
    public static let draft = "http://json-schema.org/draft-07/schema#"

    /// Creates the schema of pipelines using `registry`'s stages.
    public init(registry: StageRegistry) {
        self.registry = registry
    }

    /// The schema as pretty-printed JSON with sorted keys, byte for byte the same for the same
    /// declarations; ends with a newline.
    public func text() -> String { document().prettyText }

    /// The schema as a JSON value.
    public func document() -> JSONValue {
        var properties = Dictionary(
            uniqueKeysWithValues: PipelineSettings.summaries.map { ($0.name, JSONValue.object(OptionValueSchema.schema(for: $0))) })
        properties[Self.stagesKey] = stages()
        properties[Self.includeKey] = .object([
            "description": .string("Pipeline files whose settings (and stages, when this file lists none) this one starts from."),
            "oneOf": .array([
                .object(["type": .string("string")]), .object(["type": .string("array"), "items": .object(["type": .string("string")])]),
            ]),
        ])
        let required = PipelineSettings.summaries.filter { $0.defaultText == nil }.map(\.name) + [Self.stagesKey]
        var definitions = OptionValueSchema.definitions
        let sources = registry.sources.map { entry($0, role: "source", severalWorkers: false) }
        let transforms = registry.transforms.map { entry($0, role: "transform", severalWorkers: $0.isStateless) }
        let sinks = registry.sinks.map { entry($0, role: "sink", severalWorkers: false) }
        for (name, schema) in sources + transforms + sinks { definitions[name] = schema }
        // A stage block (an entry with `include:`) is told apart first, so the stage types stay
        // one `oneOf` discriminated on `type`, which editors complete from.
        let isBlock = JSONValue.object(["type": .string("object"), "required": .array([.string(Self.includeKey)])])
        definitions[Self.firstStage] = .object([
            "description": .string("The first stage: a source, one of " + names(registry.sources) + ", or a stage block."),
            "if": isBlock, "then": OptionValueSchema.ref(Self.stageBlock),
            "else": .object(["oneOf": .array(sources.map { OptionValueSchema.ref($0.name) })]),
        ])
        definitions[Self.laterStage] = .object([
            "description": .string(
                "A later stage: a transform (\(names(registry.transforms))), a sink (\(names(registry.sinks))) or a stage block."),
            "if": isBlock, "then": OptionValueSchema.ref(Self.stageBlock),
            "else": .object(["oneOf": .array((transforms + sinks).map { OptionValueSchema.ref($0.name) })]),
        ])
        definitions[Self.stageBlock] = .object([
            "description": .string("The stages of another file (`include:`), with options of its stages replaced by type (`override:`)."),
            "type": .string("object"), "required": .array([.string(Self.includeKey)]), "additionalProperties": .bool(false),
            "properties": .object([
                Self.includeKey: .object(["type": .string("string"), "description": .string("A file holding a list of stages, or a pipeline.")]),
                "override": .object([
                    "type": .string("object"), "description": .string("Stage type → the options replaced in the block's stages of that type."),
                    "additionalProperties": .object(["type": .string("object")]),
                ]),
            ]),
        ])
        definitions[Self.anySink] = .object([
            "type": .string("object"), "required": .array([.string("type")]),
            "properties": .object(["type": .object(["enum": .array(registry.sinks.map { .string($0.typeName) })])]),
        ])
        return .object([
            "$schema": .string(Self.draft),
            "title": .string("Copydesk pipeline"),
            "description": .string(
                "A Copydesk pipeline file. Generated from the stage declarations by `copydesk schema`; do not edit by hand. "
                    + "`copydesk validate` checks what a schema cannot (docs/editors.md)."),
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "anyOf": .array([
                .object(["required": .array(required.map(JSONValue.string))]), .object(["required": .array([.string(Self.includeKey)])]),
            ]),
            "properties": .object(properties),
            "definitions": .object(definitions),
        ])
    }

    /// The pipeline-level key holding the stage list.
    static let stagesKey = "stages"
    /// The key naming included files, at the top level and in a stage block.
    static let includeKey = "include"
    /// The definition a stage block entry matches.
    static let stageBlock = "stageBlock"
    /// The definition every first stage entry matches.
    static let firstStage = "firstStage"
    /// The definition every later stage entry matches.
    static let laterStage = "laterStage"
    /// The definition an entry naming a sink type matches.
    static let anySink = "anySink"

    /// The schema of the `stages` list: a source first, then transforms and sinks, at least one
    /// of them a sink.
    private func stages() -> JSONValue {
        .object([
            "description": .string("The stages in order: a source, any number of transforms, then one or more sinks."),
            "type": .string("array"),
            "minItems": .integer(1),
            "items": .array([OptionValueSchema.ref(Self.firstStage)]),
            "additionalItems": OptionValueSchema.ref(Self.laterStage),
            "contains": .object(["anyOf": .array([OptionValueSchema.ref(Self.anySink), OptionValueSchema.ref(Self.stageBlock)])]),
        ])
    }

    /// The definition of one stage type's entries, named `role.type`: `type:` as its
    /// discriminator, `workers:` (at most 1 unless `severalWorkers`) and the stage's options,
    /// no other key.
    private func entry(_ stage: any Stage.Type, role: String, severalWorkers: Bool) -> (name: String, schema: JSONValue) {
        var properties: [String: JSONValue] = ["type": .object(["const": .string(stage.typeName), "description": .string(stage.summary)])]
        for key in StageEntryKeys.summaries {
            var kind = key.kind
            var doc = key.doc
            if !severalWorkers, case .integer(let range) = key.kind {
                kind = .integer(range.lowerBound...range.lowerBound)
                doc = "'\(stage.typeName)' runs on one worker."
            }
            var schema = OptionValueSchema.schema(for: OptionSummary(name: key.name, kind: kind, defaultText: nil, defaultValue: nil, doc: doc))
            if !severalWorkers { schema["doNotSuggest"] = .bool(true) }
            properties[key.name] = .object(schema)
        }
        for option in stage.optionSummaries { properties[option.name] = .object(OptionValueSchema.schema(for: option)) }
        let required = ["type"] + stage.optionSummaries.filter { $0.defaultText == nil }.map(\.name)
        let schema: JSONValue = .object([
            "title": .string("\(role) \(stage.typeName)"),
            "description": .string(stage.summary),
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "anyOf": .array([
                .object(["required": .array(required.map(JSONValue.string))]), .object(["required": .array([.string(Self.includeKey)])]),
            ]),
            "properties": .object(properties),
        ])
        return ("\(role).\(stage.typeName)", schema)
    }

    /// The type names of `stages`, comma separated.
    private func names(_ stages: [any Stage.Type]) -> String {
        stages.map { $0.typeName }.joined(separator: ", ")
    }
}
