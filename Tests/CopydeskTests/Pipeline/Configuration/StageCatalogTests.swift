import Foundation
import Testing
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
            for option in stage.options { #expect(!option.doc.isEmpty, "\(stage.typeName).\(option.name)") }
        }
        let names = (registry.transforms.map { $0.typeName } + registry.sinks.map { $0.typeName })
        #expect(Set(names).count == names.count, "transform and sink names must be unique")
    }
}
