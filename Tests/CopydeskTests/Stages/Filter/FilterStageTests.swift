import Foundation
import Testing

@testable import Copydesk

/// The `filter` stage on the shipped samples run through the real stages before it: each rule
/// keeps exactly the articles the test finds meeting it from their fields, the rejects file
/// names the rule of every dropped article in input order, byte for byte the same whatever the
/// batch size and workers, and the run's balance counts the dropped articles as filtered.
@Suite("filter stage")
struct FilterStageTests {
    /// Words as the test counts them: runs of letters and digits, an apostrophe between two
    /// of them joining them (`Europe's` is one word).
    static func wordCount(_ text: String) -> Int {
        let characters = Array(text)
        var count = 0
        var inWord = false
        for (index, character) in characters.enumerated() {
            let isWordCharacter = character.isLetter || character.isNumber
            let joins =
                (character == "'" || character == "\u{2019}") && inWord && index + 1 < characters.count
                && (characters[index + 1].isLetter || characters[index + 1].isNumber)
            if isWordCharacter && !inWord { count += 1 }
            inWord = isWordCharacter || joins
        }
        return count
    }

    /// Runs `stages` without a filter and with `filter`, and checks that the filtered run wrote
    /// exactly the unfiltered run's articles meeting `keeps`, in order, that the rejects file
    /// holds the others in order with `rule(article)` as their rule, and that the summary
    /// counts them as filtered and balances.
    func expectFilter(
        _ filter: String, stages: String = FilterPipelineRun.textStages, keeps: (Article) -> Bool, rule: (Article) -> String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let all = try await FilterPipelineRun.run(stages: stages, filter: nil).written
        let run = try await FilterPipelineRun.run(stages: stages, filter: filter + "\n    rejects: REJECTS")
        let kept = all.filter(keeps)
        let dropped = all.filter { !keeps($0) }
        #expect(!kept.isEmpty && !dropped.isEmpty, "the rule should split the samples", sourceLocation: sourceLocation)
        #expect(run.written.map(\.id) == kept.map(\.id), sourceLocation: sourceLocation)
        let lines = try run.rejectLines
        #expect(lines.map(\.article) == dropped, sourceLocation: sourceLocation)
        #expect(lines.map(\.rule) == dropped.map(rule), sourceLocation: sourceLocation)
        #expect(run.summary.filtered == dropped.count, sourceLocation: sourceLocation)
        #expect(run.summary.isBalanced, sourceLocation: sourceLocation)
    }

    /// `min_words` and `max_words` at the samples' median word count.
    @Test func wordCountsKeepArticlesWithinTheLimits() async throws {
        let all = try await FilterPipelineRun.run(stages: FilterPipelineRun.textStages, filter: nil).written
        let counts = all.map { Self.wordCount($0.text) }.sorted()
        let median = counts[counts.count / 2]
        try await expectFilter("    min_words: \(median)", keeps: { Self.wordCount($0.text) >= median }, rule: { _ in "min_words" })
        try await expectFilter("    max_words: \(median)", keeps: { Self.wordCount($0.text) <= median }, rule: { _ in "max_words" })
    }

    /// `sections` keeps the listed sections, compared without case.
    @Test func sectionsKeepOnlyTheListedSections() async throws {
        try await expectFilter(
            "    sections: [business, Markets, SPORT]",
            keeps: { ["business", "markets", "sport"].contains($0.section?.lowercased() ?? "") }, rule: { _ in "sections" })
    }

    /// `languages` keeps tags equal to a listed one or under it; `unknown_language` decides on
    /// pages without a tag.
    @Test func languagesKeepTheListedTagsAndTheirSubtags() async throws {
        let pages = try await FilterPipelineRun.run(stages: FilterPipelineRun.htmlStages, filter: nil).written
        try #require(pages.contains { $0.language == nil } && pages.contains { $0.language?.lowercased() == "en-gb" })
        try await expectFilter(
            "    languages: [en-gb]", stages: FilterPipelineRun.htmlStages,
            keeps: { $0.language?.lowercased() == "en-gb" }, rule: { $0.language == nil ? "unknown_language" : "languages" })
        try await expectFilter(
            "    languages: [EN-gb]\n    unknown_language: keep", stages: FilterPipelineRun.htmlStages,
            keeps: { $0.language == nil || $0.language?.lowercased() == "en-gb" }, rule: { _ in "languages" })
        let english = try await FilterPipelineRun.run(stages: FilterPipelineRun.htmlStages, filter: "    languages: en")
        #expect(english.written.map(\.id) == pages.filter { $0.language?.lowercased().hasPrefix("en") == true }.map(\.id))
    }

    /// `date_from` and `date_to` are inclusive bounds.
    @Test func datesKeepTheInclusiveRange() async throws {
        let all = try await FilterPipelineRun.run(stages: FilterPipelineRun.textStages, filter: nil).written
        let dates = Set(all.compactMap(\.date)).sorted()
        try #require(dates.count >= 4)
        let (from, to) = (dates[1], dates[dates.count - 2])
        try await expectFilter(
            "    date_from: \(from)\n    date_to: \(to)",
            keeps: { ($0.date ?? "") >= from && ($0.date ?? "") <= to }, rule: { ($0.date ?? "") < from ? "date_from" : "date_to" })
    }

    /// An article without a date is dropped by a date bound, or kept with `undated: keep`: the
    /// samples as JSON lines, every other one without its date.
    @Test func undatedArticlesFollowTheUndatedOption() async throws {
        let samples = try await FilterPipelineRun.run(stages: FilterPipelineRun.textStages, filter: nil).written
        let folder = try TestPaths.temporaryDirectory().path
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = try samples.enumerated().map { index, article in
            var article = article
            if index.isMultiple(of: 2) { article.date = nil }
            return String(decoding: try encoder.encode(article), as: UTF8.self)
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/undated.jsonl", atomically: true, encoding: .utf8)
        let stages = "  - type: jsonl\n    path: \(folder)/undated.jsonl"
        let read = try await FilterPipelineRun.run(stages: stages, filter: nil).written
        try #require(read.contains { $0.date == nil } && read.contains { $0.date != nil })
        try await expectFilter("    date_from: 1900-01-01", stages: stages, keeps: { $0.date != nil }, rule: { _ in "undated" })
        let kept = try await FilterPipelineRun.run(stages: stages, filter: "    date_from: 1900-01-01\n    undated: keep")
        #expect(kept.written.map(\.id) == read.map(\.id))
        #expect(kept.summary.filtered == 0)
    }

    /// `title_matches` and `text_matches` keep the articles containing a match.
    @Test func patternsKeepTheArticlesTheyMatch() async throws {
        try await expectFilter(
            "    title_matches: \"(?i)rotterdam|\\\\bfed\\\\b\"",
            keeps: { title in
                let words = (title.title ?? "").lowercased().split(whereSeparator: { !$0.isLetter })
                return (title.title ?? "").lowercased().contains("rotterdam") || words.contains("fed")
            }, rule: { _ in "title_matches" })
        try await expectFilter(
            "    text_matches: \"[0-9]{4}\"",
            keeps: { article in
                var run = 0
                for byte in article.text.utf8 {
                    run = (0x30...0x39).contains(byte) ? run + 1 : 0
                    if run == 4 { return true }
                }
                return false
            }, rule: { _ in "text_matches" })
    }

    /// `has_entity_type` keeps the articles mentioning one of the types, written without case.
    @Test func entityTypesKeepArticlesMentioningThem() async throws {
        let all = try await FilterPipelineRun.run(stages: FilterPipelineRun.textStages, filter: nil).written
        let splitting = Entity.Kind.allCases.filter { kind in
            all.contains { $0.entities.contains { $0.type == kind } } && !all.allSatisfy { $0.entities.contains { $0.type == kind } }
        }
        let kind = try #require(splitting.first)
        try await expectFilter(
            "    has_entity_type: [\(kind.rawValue.uppercased())]", keeps: { article in article.entities.contains { $0.type == kind } },
            rule: { _ in "has_entity_type" })
    }

    /// `not_duplicate` drops the articles dedupe marked.
    @Test func notDuplicateDropsMarkedDuplicates() async throws {
        try await expectFilter("    not_duplicate: true", keeps: { $0.duplicateOf == nil }, rule: { _ in "not_duplicate" })
    }

    /// Rules combine with AND; the first rule failed, in the documented order, is recorded.
    @Test func rulesCombineWithAnd() async throws {
        try await expectFilter(
            "    not_duplicate: true\n    has_entity_type: [location]",
            keeps: { article in article.duplicateOf == nil && article.entities.contains { $0.type == Entity.Kind.location } },
            rule: { $0.duplicateOf != nil ? "not_duplicate" : "has_entity_type" })
    }

    /// The rejects file is the same, byte for byte, for any batch size and worker count, and
    /// each line's detail says what the article was found to be.
    @Test func rejectsAreByteStableAcrossBatchSizesAndWorkers() async throws {
        let filter = "    min_words: 120\n    rejects: REJECTS"
        var files: [Data] = []
        for settings in ["batch_size: 1\nconcurrency: 1\n", "batch_size: 3\nconcurrency: 4\n", "batch_size: 64\nconcurrency: 0\n"] {
            let run = try await FilterPipelineRun.run(stages: FilterPipelineRun.textStages, filter: filter, settings: settings)
            files.append(try #require(run.rejects))
            for line in try run.rejectLines {
                #expect(line.rule == "min_words")
                #expect(line.detail == "\(Self.wordCount(line.article.text)) words < 120")
            }
        }
        #expect(!files[0].isEmpty)
        #expect(files.allSatisfy { $0 == files[0] })
    }

    /// Without a rejects file the stage runs on several workers and writes the same articles.
    @Test func withoutRejectsTheStageRunsOnSeveralWorkers() async throws {
        let out = try TestPaths.temporaryDirectory().path
        let yaml = FilterPipelineRun.yaml(stages: FilterPipelineRun.textStages, filter: "    min_words: 120\n    workers: 4", out: out)
        let definition = try PipelineLoader(environment: [:]).load(yaml: yaml, file: "pipeline.yaml")
        #expect(definition.transforms.last?.workers == 4)
        let withRejects = FilterPipelineRun.yaml(stages: FilterPipelineRun.textStages, filter: "    min_words: 120\n    rejects: REJECTS", out: out)
        #expect(try PipelineLoader(environment: [:]).load(yaml: withRejects, file: "pipeline.yaml").transforms.last?.workers == 1)
        let one = try await FilterPipelineRun.run(stages: FilterPipelineRun.textStages, filter: "    min_words: 120\n    workers: 1")
        let four = try await FilterPipelineRun.run(
            stages: FilterPipelineRun.textStages, filter: "    min_words: 120\n    workers: 4", settings: "batch_size: 1\n")
        #expect(one.written == four.written)
        #expect(one.summary.filtered == four.summary.filtered && one.summary.filtered > 0)
    }

    /// The summary's balance counts the dropped articles as filtered, next to dedupe's.
    @Test func theBalanceCountsDroppedArticlesAsFiltered() async throws {
        let stages = FilterPipelineRun.textStages.replacingOccurrences(of: "duplicates: mark", with: "duplicates: drop")
        let all = try await FilterPipelineRun.run(stages: stages, filter: nil)
        let run = try await FilterPipelineRun.run(stages: stages, filter: "    min_words: 120\n    rejects: REJECTS")
        let summary = run.summary
        #expect(summary.duplicates > 0)
        #expect(summary.filtered == all.written.filter { Self.wordCount($0.text) < 120 }.count)
        #expect(summary.articlesRead == summary.articlesWritten + summary.duplicates + summary.filtered + summary.quarantinedArticles)
        #expect(try run.rejectLines.count == summary.filtered)
        let filterStage = try #require(summary.stages.first { $0.name == "filter" })
        #expect(filterStage.counters.articlesIn == filterStage.counters.articlesOut + filterStage.counters.filtered)
        #expect(
            summary.report.contains(
                "balance: \(summary.articlesRead) read = \(summary.articlesWritten) written + \(summary.duplicates) duplicates + \(summary.filtered) filtered + 0 quarantined"
            ))
    }

    /// A failed run leaves the previous rejects file as it was and no temporary file; a run
    /// dropping nothing commits an empty one.
    @Test func theRejectsFileIsCommittedOnlyWithTheRun() async throws {
        let out = try TestPaths.temporaryDirectory().path
        let yaml = FilterPipelineRun.yaml(
            stages: FilterPipelineRun.textStages, filter: "    min_words: 120\n    rejects: REJECTS", out: out, settings: "min_articles: 1000\n")
        let definition = try PipelineLoader(environment: [:]).load(yaml: yaml, file: "pipeline.yaml")
        try "previous\n".write(toFile: out + "/rejects.jsonl", atomically: true, encoding: .utf8)
        await #expect(throws: TooFewArticles.self) { try await PipelineRunner(definition: definition).run() }
        let left = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains("rejects") && !$0.hasSuffix(".lock") }
        #expect(left == ["rejects.jsonl"])
        #expect(try String(contentsOfFile: out + "/rejects.jsonl", encoding: .utf8) == "previous\n")
        let none = try await FilterPipelineRun.run(stages: FilterPipelineRun.textStages, filter: "    min_words: 1\n    rejects: REJECTS")
        #expect(none.rejects == Data())
    }
}
