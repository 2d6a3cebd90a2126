import Foundation
import Testing
import Yams

@testable import Copydesk

@Suite("stage catalog")
struct StageCatalogTests {
    @Test func docsStagesMarkdownIsUpToDate() throws {
        let committed = try String(contentsOfFile: TestPaths.repository.appendingPathComponent("docs/stages.md").path, encoding: .utf8)
        #expect(committed == StageCatalog(registry: .standard).markdown(), "run `make docs` to regenerate docs/stages.md")
    }

    @Test func everyStageDocumentsEveryOption() {
        let registry = StageRegistry.standard
        let stages: [any Stage.Type] = registry.sources + registry.transforms + registry.sinks
        for stage in stages {
            #expect(!stage.summary.isEmpty)
            for option in stage.optionSummaries { #expect(!option.doc.isEmpty, "\(stage.typeName).\(option.name)") }
            let keys = stage.optionSummaries.map(\.name)
            #expect(Set(keys).count == keys.count, "\(stage.typeName) declares a key twice")
        }
        let names = (registry.transforms.map { $0.typeName } + registry.sinks.map { $0.typeName })
        #expect(Set(names).count == names.count, "transform and sink names must be unique")
    }

    /// Writing every option at the default the docs show decodes to the options' defaults, so
    /// docs/stages.md shows values a pipeline file can use as written.
    @Test func everyDocumentedDefaultReadsBackAsTheDefault() throws {
        let registry = StageRegistry.standard
        let stages: [any Stage.Type] = registry.sources + registry.transforms + registry.sinks
        for stage in stages { try expectDefaultsReadBack(of: stage) }
        try expectDefaultsReadBack(PipelineSettings.self, owner: "the pipeline")
    }

    private func expectDefaultsReadBack<S: Stage>(of stage: S.Type) throws {
        try expectDefaultsReadBack(S.Options.self, owner: S.typeName)
    }

    private func expectDefaultsReadBack<Options: DeclaredOptions>(_ type: Options.Type, owner: String) throws {
        let written = Options.fields.compactMap { field in field.defaultText.map { "\(field.name): \($0)" } }
        guard !written.isEmpty else { return }
        guard case .mapping(let mapping)? = try Yams.compose(yaml: written.joined(separator: "\n")) else {
            Issue.record("\(owner): the defaults do not read as a mapping")
            return
        }
        var errors: [ConfigError] = []
        let decoder = OptionDecoder(file: "defaults.yaml", interpolation: EnvironmentInterpolation(environment: [:]))
        let (options, _) = decoder.decode(mapping, as: Options.self, reserved: [], owner: owner, errors: &errors)
        #expect(errors.filter { !$0.message.contains("missing required option") }.isEmpty, "\(owner): \(errors)")
        #expect(Options.summaries.map(\.defaultText) == Options.fields.map { $0.isRequired ? nil : $0.render(options) }, "\(owner)")
    }
}
