import Foundation
import Testing

@testable import Copydesk

/// `include:` of pipeline files and of stage blocks, with overrides: the result is the pipeline
/// written out in full, and every error points into the file it is in.
@Suite("pipeline includes")
struct PipelineIncludeTests {
    /// Writes `files` (name → text) into a new folder and returns it.
    static func folder(_ files: [String: String]) throws -> String {
        let folder = try TestPaths.temporaryDirectory().path
        for (name, text) in files {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let block = """
        # cleaning steps shared by the team's pipelines
        - type: normalize
          repeat_threshold: 0.8
        - type: dedupe
          survivor: earliest_date
        """

    /// The options of the stages of `definition`, rendered as the docs show them, by stage.
    static func rendered(_ definition: PipelineDefinition) -> [String] {
        ([definition.source.options] + definition.transforms.map(\.options) + definition.sinks.map(\.options)).map { "\($0)" }
    }

    @Test func aStageBlockWithOverridesIsThePipelineWrittenOut() throws {
        let folder = try Self.folder([
            "blocks/clean.yaml": Self.block,
            "team.yaml": """
            name: team
            stages:
              - type: textdrop
                path: samples
              - include: blocks/clean.yaml
                override:
                  dedupe: {survivor: first_seen, duplicates: mark}
              - type: jsonl
                path: out/team.jsonl
            """,
            "written-out.yaml": """
            name: team
            stages:
              - type: textdrop
                path: samples
              - type: normalize
                repeat_threshold: 0.8
              - type: dedupe
                survivor: first_seen
                duplicates: mark
              - type: jsonl
                path: out/team.jsonl
            """,
        ])
        let included = try PipelineLoader(environment: [:]).load(path: folder + "/team.yaml")
        let written = try PipelineLoader(environment: [:]).load(path: folder + "/written-out.yaml")
        #expect(Self.rendered(included) == Self.rendered(written))
        #expect(included.transforms.map(\.typeName) == ["normalize", "dedupe"])
        let dedupe = try #require(included.transforms[1].options as? DedupeStage.Options)
        #expect(dedupe.survivor == .firstSeen && dedupe.duplicates == .mark)
        #expect(included.transforms[1].locations.file == folder + "/blocks/clean.yaml")
        #expect(included.transforms[1].locations.file(of: "survivor") == folder + "/team.yaml", "an overridden option is where the override is")
    }

    @Test func anIncludedPipelineGivesItsSettingsAndStagesUnlessTheFileHasItsOwn() throws {
        let folder = try Self.folder([
            "base.yaml": """
            name: base
            batch_size: 32
            quarantine: out/quarantine.jsonl
            stages:
              - type: textdrop
                path: samples
              - type: jsonl
                path: out/base.jsonl
            """,
            "inherits.yaml": "include: base.yaml\nname: inherits\nbatch_size: 8\n",
        ])
        let definition = try PipelineLoader(environment: [:]).load(path: folder + "/inherits.yaml")
        #expect(definition.name == "inherits")
        #expect(definition.settings.batchSize == 8, "the including file's settings win")
        #expect(definition.settings.quarantine == "out/quarantine.jsonl", "the others come from the included file")
        #expect(definition.sinks.map(\.typeName) == ["jsonl"], "the included file's stages, as this file lists none")
        let base = try PipelineLoader(environment: [:]).load(path: folder + "/base.yaml")
        #expect(definition.configHash != base.configHash)
    }

    @Test func errorsPointIntoTheFileTheyAreInAndShowItsLine() throws {
        let folder = try Self.folder([
            "blocks/broken.yaml": "- type: normalize\n  strip_everything: yes\n- type: dedupe\n",
            "main.yaml": """
            name: main
            stages:
              - type: textdrop
                path: samples
              - include: blocks/broken.yaml
                override:
                  dedupe: {survivor: sometimes}
                  segment: {}
              - include: blocks/missing.yaml
              - type: jsonl
                path: out/main.jsonl
            """,
        ])
        let main = folder + "/main.yaml"
        let thrown = #expect(throws: ConfigErrors.self) { try PipelineLoader(environment: [:]).load(path: main) }
        let errors = thrown?.errors.map(\.description) ?? []
        #expect(errors.contains { $0.hasPrefix("\(main):7:26: survivor: 'sometimes' is not one of") }, "\(errors)")
        #expect(errors.contains("\(main):8:7: override: blocks/broken.yaml has no 'segment' stage"), "\(errors)")
        #expect(errors.contains("\(main):9:14: include: \(folder)/blocks/missing.yaml does not exist"), "\(errors)")
        #expect(
            errors.contains { $0.hasPrefix("\(folder)/blocks/broken.yaml:2:3: unknown option 'strip_everything' for stage 'normalize'") }, "\(errors)"
        )
        #expect(thrown?.description.contains("\(folder)/blocks/broken.yaml:2:3: unknown option 'strip_everything'") == true)
        #expect(thrown?.description.contains("\n  strip_everything: yes\n  ^") == true, "the included file's own line is shown")
    }

    @Test func aFileIncludingItselfIsRefused() throws {
        let folder = try Self.folder([
            "a.yaml": "include: b.yaml\nname: a\n",
            "b.yaml": "include: a.yaml\nname: b\n",
        ])
        let thrown = #expect(throws: ConfigErrors.self) { try PipelineLoader(environment: [:]).load(path: folder + "/a.yaml") }
        #expect(
            thrown?.errors.map(\.description).contains(
                "\(folder)/b.yaml:1:10: include: a.yaml includes itself: \(folder)/a.yaml → \(folder)/b.yaml → \(folder)/a.yaml")
                == true, "\(thrown?.errors.map(\.description) ?? [])")
    }
}
