/// The reference of every registered stage and its options, generated from the stage
/// declarations: printed by `copydesk stages` and written to `docs/stages.md`.
public struct StageCatalog: Sendable {
    /// The stages to describe.
    public let registry: StageRegistry

    /// Creates a catalog of `registry`.
    public init(registry: StageRegistry) {
        self.registry = registry
    }

    private var sections: [(title: String, stages: [any Stage.Type])] {
        [("Sources", registry.sources), ("Transforms", registry.transforms), ("Sinks", registry.sinks)]
    }

    /// Plain text for the terminal.
    public func text() -> String {
        var out = ""
        for section in sections where !section.stages.isEmpty {
            out += "\(section.title.uppercased())\n"
            for stage in section.stages {
                out += "  \(stage.typeName): \(stage.summary)\n"
                if let transform = stage as? any TransformStage.Type {
                    out += "    (\(transform.isStateless ? "stateless: runs on `workers:` workers" : "stateful: runs on one worker"))\n"
                }
                for option in stage.optionSummaries {
                    let requirement = option.defaultText.map { "default \($0)" } ?? "required"
                    out += "    \(option.name) (\(option.kind.name), \(requirement)): \(option.doc)\n"
                }
            }
            out += "\n"
        }
        return out
    }

    /// Markdown for `docs/stages.md`.
    public func markdown() -> String {
        var out = "# Stages\n\nGenerated from the stage declarations by `copydesk stages --markdown`; do not edit by hand.\n"
        out += "\nPipeline-level keys (besides `stages`):\n\n"
        out += table(PipelineSettings.summaries)
        out += "\nEvery stage entry takes `type:` and may take:\n\n"
        out += table(
            StageEntryKeys.summaries.map { OptionSummary(name: $0.name, kind: $0.kind, defaultText: nil, defaultValue: nil, doc: $0.doc) },
            optional: true)
        for section in sections where !section.stages.isEmpty {
            out += "\n## \(section.title)\n"
            for stage in section.stages {
                out += "\n### `\(stage.typeName)`\n\n\(stage.summary)\n"
                if let transform = stage as? any TransformStage.Type {
                    out +=
                        "\n"
                        + (transform.isStateless
                            ? "Stateless: runs on several workers." : "Stateful: runs on one worker and sees every batch in order.") + "\n"
                }
                out += stage.optionSummaries.isEmpty ? "\nNo options.\n" : "\n" + table(stage.optionSummaries)
            }
        }
        return out
    }

    /// A markdown table of options; with `optional`, an option without default reads "see
    /// description" rather than "required".
    private func table(_ options: [OptionSummary], optional: Bool = false) -> String {
        var out = "| key | type | default | description |\n| --- | --- | --- | --- |\n"
        for option in options {
            let requirement = option.defaultText.map { "`\($0)`" } ?? (optional ? "see description" : "required")
            out += "| `\(option.name)` | \(option.kind.name) | \(requirement) | \(option.doc) |\n"
        }
        return out
    }
}
