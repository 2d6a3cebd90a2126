import Foundation
import Testing

@testable import Copydesk

/// The `filter` stage's configuration errors, each at the `file:line:column` of the option
/// (or the stage) at fault.
@Suite("filter configuration")
struct FilterConfigurationTests {
    /// A pipeline with `stages` (YAML stage entries after the source), ending with a sink.
    static func yaml(_ stages: String) -> String {
        """
        name: filter-config
        stages:
          - type: textdrop
            path: samples
        \(stages)
          - type: jsonl
            path: out/articles.jsonl
        """
    }

    /// The first line of each error building the plan of `yaml` reports (loading first).
    static func planErrors(_ yaml: String) throws -> [String] {
        let definition = try PipelineLoader(environment: [:]).load(yaml: yaml, file: "pipeline.yaml")
        do {
            _ = try PipelinePlan(definition: definition)
            return []
        } catch let errors as ConfigErrors {
            return errors.errors.map(\.description)
        }
    }

    /// The 1-based line and column where `needle` starts in `text`, as `LINE:COLUMN`.
    static func position(of needle: String, in text: String) throws -> String {
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains(needle) })
        let column = try #require(lines[line].range(of: needle)).lowerBound.utf16Offset(in: lines[line]) + 1
        return "\(line + 1):\(column)"
    }

    /// An invalid regular expression is an error at its value.
    @Test(arguments: ["title_matches", "text_matches"])
    func anInvalidPatternPointsAtItsOption(option: String) throws {
        let yaml = Self.yaml("  - type: filter\n    min_words: 10\n    \(option): \"(unclosed\"")
        let errors = try Self.planErrors(yaml)
        let at = try Self.position(of: "\"(unclosed\"", in: yaml)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("pipeline.yaml:\(at): \(option): invalid regular expression '(unclosed'") == true, "\(errors)")
    }

    /// `has_entity_type` needs `extract` earlier in the pipeline; the other rules do not.
    @Test func entityTypesNeedExtractBefore() throws {
        let without = Self.yaml("  - type: segment\n  - type: filter\n    has_entity_type: [person]")
        let at = try Self.position(of: "filter", in: without.replacingOccurrences(of: "name: filter-config", with: ""))
        #expect(PipelineLoader(environment: [:]).errorLines(without) == ["pipeline.yaml:\(at): 'filter' needs a 'extract' stage before it"])
        let after = Self.yaml("  - type: filter\n    has_entity_type: [person]\n  - type: segment\n  - type: extract")
        #expect(PipelineLoader(environment: [:]).errorLines(after).count == 1)
        #expect(
            PipelineLoader(environment: [:]).errorLines(
                Self.yaml("  - type: segment\n  - type: extract\n  - type: filter\n    has_entity_type: person")) == [])
        #expect(PipelineLoader(environment: [:]).errorLines(Self.yaml("  - type: filter\n    min_words: 10")) == [])
    }

    /// Values the stage cannot use are errors at their option.
    @Test func unusableValuesPointAtTheirOption() throws {
        let cases: [(options: String, at: String, message: String)] = [
            (
                "has_entity_type: [person, ORG]", "[person, ORG]",
                "has_entity_type: 'ORG' is not an entity type (person, organization, location, group)"
            ),
            ("date_from: 2024-05-01\n    date_to: 2024-04-30", "2024-04-30", "date_to: 2024-04-30 is before date_from (2024-05-01)"),
            ("date_from: 2024-02-30", "2024-02-30", "date_from: expected a date YYYY-MM-DD, found '2024-02-30'"),
            ("min_words: 50\n    max_words: 10", "10", "max_words: must be at least min_words (50), or 0 for no maximum"),
            ("undated: maybe", "maybe", "undated: 'maybe' is not one of keep, drop"),
            ("sections: [Business, \"\"]", "[Business", "sections: must not hold an empty section"),
        ]
        for (options, needle, message) in cases {
            let yaml = Self.yaml("  - type: segment\n  - type: extract\n  - type: filter\n    \(options)")
            let at = try Self.position(of: needle, in: yaml.components(separatedBy: "- type: filter")[1]).split(separator: ":")
            let line = yaml.components(separatedBy: "- type: filter")[0].components(separatedBy: "\n").count - 1 + Int(at[0])!
            let loaded = PipelineLoader(environment: [:]).errorLines(yaml)
            let errors = loaded.isEmpty ? try Self.planErrors(yaml) : loaded
            #expect(errors == ["pipeline.yaml:\(line):\(at[1]): \(message)"], "\(options)")
        }
    }

    /// A filter setting no rule is an error at the stage.
    @Test func aFilterWithoutRulesIsRefused() throws {
        let yaml = Self.yaml("  - type: filter\n    unknown_language: keep")
        let errors = try Self.planErrors(yaml)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("min_words: sets no rule") == true, "\(errors)")
    }

    /// The rejects file runs the stage on one worker (an explicit `workers:` above one is
    /// refused), is locked, and may not be another output's path.
    @Test func theRejectsFileIsAnOutputOfTheRun() throws {
        let workers = Self.yaml("  - type: filter\n    min_words: 10\n    rejects: out/rejects.jsonl\n    workers: 4")
        let at = try Self.position(of: "4", in: workers.components(separatedBy: "workers:")[0] + "workers: 4")
        #expect(
            PipelineLoader(environment: [:]).errorLines(workers) == [
                "pipeline.yaml:\(at): workers: 'filter' needs its batches in input order with these options and runs on one worker"
            ])
        let clash = Self.yaml("  - type: filter\n    min_words: 10\n    rejects: out/articles.jsonl")
        let errors = PipelineLoader(environment: [:]).errorLines(clash)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("'out/articles.jsonl' is also the rejects of stage 'filter'") == true, "\(errors)")
        let definition = try PipelineLoader(environment: [:]).load(
            yaml: Self.yaml("  - type: filter\n    min_words: 10\n    rejects: out/rejects.jsonl"), file: "pipeline.yaml")
        let plan = try PipelinePlan(definition: definition)
        #expect(plan.lockPaths.contains(URL(fileURLWithPath: "out/rejects.jsonl").standardizedFileURL.path))
    }
}
