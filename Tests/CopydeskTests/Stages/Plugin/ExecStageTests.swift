import Foundation
import Testing

@testable import Copydesk

/// The `exec` stage on the shipped samples, with the shipped example plugins and with plugins
/// that fail in every way a child process can.
@Suite("exec stage", .enabled(if: PluginPython.path != nil, "python3 is not on PATH: the plugin tests need it"))
struct ExecStageTests {
    /// What one run of the samples through normalize and an exec stage gave.
    struct Outcome {
        var summary: RunSummary
        var written: [Article]
        var quarantined: [QuarantineRecord]
    }

    /// Runs the samples through normalize and an exec stage running `plugin` (a file, or
    /// Python source written to a file) with `writes` and `timeout`, in batches of 4.
    static func run(plugin: String, arguments: [String] = [], writes: [String], timeout: Double = 30, workers: Int = 2) async throws -> Outcome {
        let out = try TestPaths.temporaryDirectory().path
        var script = plugin
        if !FileManager.default.fileExists(atPath: plugin) {
            script = out + "/plugin.py"
            try plugin.write(toFile: script, atomically: true, encoding: .utf8)
        }
        let command = ([try #require(PluginPython.path), script] + arguments).map { "\"\($0)\"" }.joined(separator: ", ")
        let yaml = """
            name: plugin-test
            batch_size: 4
            quarantine: \(out)/quarantine.jsonl
            stages:
              - type: textdrop
                path: \(TestPaths.repository.appendingPathComponent("samples").path)
              - type: normalize
              - type: exec
                command: [\(command)]
                writes: [\(writes.joined(separator: ", "))]
                timeout: \(timeout)
                workers: \(workers)
              - type: jsonl
                path: \(out)/articles.jsonl
            """
        let definition = try PipelineLoader(environment: [:]).load(yaml: yaml, file: "plugin-test.yaml")
        let summary = try await PipelineRunner(definition: definition).run()
        let quarantine = (try? String(contentsOfFile: out + "/quarantine.jsonl", encoding: .utf8)) ?? ""
        let records = try quarantine.split(separator: "\n").map { try JSONDecoder().decode(QuarantineRecord.self, from: Data($0.utf8)) }
        return Outcome(summary: summary, written: try writtenArticles(in: out), quarantined: records)
    }

    /// A plugin that answers every record with `extra.tag = "ok"`, except that on an article
    /// whose title contains "Rotterdam" it does `failure` (Python statements).
    static func failing(_ failure: String) -> String {
        """
        import json, sys, time
        for line in iter(sys.stdin.buffer.readline, b""):
            record = json.loads(line)
            if "Rotterdam" in (record.get("title") or ""):
        \(failure.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n"))
            answer = {"id": record["id"], "extra": {"tag": "ok"}}
            sys.stdout.write(json.dumps(answer) + "\\n")
            sys.stdout.flush()
        """
    }

    /// The samples' articles through normalize alone, in order: what the plugins are sent.
    static func sentArticles() async throws -> [Article] {
        let outcome = try await run(plugin: failing("pass"), writes: [])
        return outcome.written
    }

    /// Checks that the run went on past the failing batches: every article either written,
    /// tagged by the plugin, or quarantined as `plugin_failed` with `message`, the Rotterdam
    /// articles among the quarantined, and articles after them written.
    static func expectBatchesQuarantined(_ outcome: Outcome, message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws
    {
        let sent = try await sentArticles()
        let rotterdam = Set(sent.filter { $0.title?.contains("Rotterdam") ?? false }.map(\.source.path))
        #expect(!rotterdam.isEmpty, sourceLocation: sourceLocation)
        #expect(outcome.written.count + outcome.quarantined.count == sent.count, "nothing lost", sourceLocation: sourceLocation)
        #expect(outcome.written.allSatisfy { $0.extra["tag"] == .string("ok") }, "every article written was answered", sourceLocation: sourceLocation)
        #expect(rotterdam.isSubset(of: Set(outcome.quarantined.map(\.path))), sourceLocation: sourceLocation)
        #expect(outcome.quarantined.count <= 4 * rotterdam.count, "only the failing batches", sourceLocation: sourceLocation)
        for record in outcome.quarantined {
            #expect(record.reason == "plugin_failed" && record.stage == "exec", sourceLocation: sourceLocation)
            #expect(record.message.contains(message), "\(record.message)", sourceLocation: sourceLocation)
        }
        let lastRotterdam = sent.lastIndex { rotterdam.contains($0.source.path) } ?? 0
        let written = Set(outcome.written.map(\.id))
        #expect(
            sent[(lastRotterdam + 1)...].contains { written.contains($0.id) }, "the plugin was restarted after the failure",
            sourceLocation: sourceLocation)
        #expect(outcome.summary.quarantined == outcome.quarantined.count, sourceLocation: sourceLocation)
    }

    @Test func theKeywordTaggerTagsEveryArticleWithTheTopicsItsTextNames() async throws {
        let tagger = TestPaths.repository.appendingPathComponent("examples/plugins/keyword_tagger.py").path
        let topicsFile = TestPaths.repository.appendingPathComponent("examples/plugins/topics.json").path
        let outcome = try await Self.run(plugin: tagger, arguments: [topicsFile], writes: ["extra.topics"])
        let topics = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: topicsFile))) as? [String: [String]])
        let sent = try await Self.sentArticles()
        #expect(outcome.quarantined.isEmpty)
        #expect(outcome.written.map(\.id) == sent.map(\.id), "every article, in order")
        var tagged = 0
        for (article, original) in zip(outcome.written, sent) {
            let text = ((article.title ?? "") + "\n" + article.text).lowercased()
            let expected = topics.filter { _, words in
                words.contains { word in text.range(of: "\\b\(NSRegularExpression.escapedPattern(for: word))\\b", options: .regularExpression) != nil
                }
            }.keys.sorted()
            #expect(article.extra["topics"] == .array(expected.map { .string($0) }), "\(article.source.path)")
            tagged += expected.isEmpty ? 0 : 1
            var unchanged = article
            unchanged.extra["topics"] = nil
            #expect(unchanged == original, "nothing but extra.topics changes")
        }
        #expect(tagged >= 3, "the samples name some of the topics")
    }

    @Test func theLanguageGuesserSetsTheLanguageOfArticlesWithout() async throws {
        let guesser = TestPaths.repository.appendingPathComponent("examples/plugins/language_guesser.py").path
        let outcome = try await Self.run(plugin: guesser, writes: ["language"], workers: 1)
        let sent = try await Self.sentArticles()
        #expect(outcome.quarantined.isEmpty)
        #expect(outcome.written.count == sent.count)
        for (article, original) in zip(outcome.written, sent) {
            if let language = original.language {
                #expect(article.language == language, "a language the article had is kept")
            } else if article.text.split(separator: " ").count > 40 {
                #expect(article.language == "en", "\(article.source.path): the samples are English")
            }
        }
        let languageBefore = Dictionary(uniqueKeysWithValues: sent.map { ($0.id, $0.language) })
        #expect(
            outcome.written.contains { $0.language == "en" && languageBefore[$0.id] == .some(nil) },
            "some articles got their language from the plugin")
    }

    @Test func aPluginThatCrashesHasItsBatchQuarantinedWithItsLastWordsAndIsRestarted() async throws {
        let outcome = try await Self.run(
            plugin: Self.failing("sys.stderr.write('boom: no model for ' + record['id'] + '\\n')\nsys.exit(3)"), writes: ["extra.tag"])
        try await Self.expectBatchesQuarantined(outcome, message: "exit status 3; its standard error ended with: boom: no model for")
    }

    @Test func aPluginThatHangsPastTheTimeoutHasItsBatchQuarantined() async throws {
        let outcome = try await Self.run(plugin: Self.failing("time.sleep(600)"), writes: ["extra.tag"], timeout: 1)
        try await Self.expectBatchesQuarantined(outcome, message: "no answer within 1.0 seconds")
    }

    @Test func aPluginThatWritesGarbageHasItsBatchQuarantined() async throws {
        let outcome = try await Self.run(plugin: Self.failing("print('<html>oops</html>', flush=True)\ncontinue"), writes: ["extra.tag"])
        try await Self.expectBatchesQuarantined(outcome, message: "wrote a line that is not a JSON object: <html>oops</html>")
    }

    @Test func aPluginThatAnswersForAnUnknownIdHasItsBatchQuarantined() async throws {
        let outcome = try await Self.run(plugin: Self.failing("record['id'] = 'not-an-id'"), writes: ["extra.tag"])
        try await Self.expectBatchesQuarantined(outcome, message: "answered for id not-an-id, which is not one of the records it was sent")
    }

    @Test func aFieldThePluginLeavesOutOrWasNotGrantedIsKept() async throws {
        // The plugin answers with the whole record minus its title, its text emptied and its
        // entities replaced: only extra.tag and title were granted, and title is left out.
        let plugin = """
            import json, sys
            for line in iter(sys.stdin.buffer.readline, b""):
                record = json.loads(line)
                del record["title"]
                record["text"] = ""
                record["section"] = "changed"
                record["extra"] = {"tag": "ok"}
                sys.stdout.write(json.dumps(record) + "\\n")
                sys.stdout.flush()
            """
        let outcome = try await Self.run(plugin: plugin, writes: ["title", "extra.tag"])
        let sent = try await Self.sentArticles()
        #expect(outcome.quarantined.isEmpty)
        for (article, original) in zip(outcome.written, sent) {
            var expected = original
            expected.extra["tag"] = .string("ok")
            #expect(article == expected, "\(article.source.path): only extra.tag changed")
        }
    }

    @Test func aFieldOfTheWrongTypeHasItsBatchQuarantined() async throws {
        let outcome = try await Self.run(
            plugin: Self.failing("record['extra'] = 'x'\nprint(json.dumps({'id': record['id'], 'title': 7}), flush=True)\ncontinue"),
            writes: ["title", "extra.tag"])
        try await Self.expectBatchesQuarantined(outcome, message: "with a field of the wrong type: title")
    }

    @Test func badOptionsAreConfigurationErrorsAtTheirPlace() throws {
        let yaml = """
            name: bad
            stages:
              - type: textdrop
                path: samples
              - type: exec
                command: [no-such-plugin-binary]
                writes: [id]
              - type: jsonl
                path: out/x.jsonl
            """
        let definition = try PipelineLoader(environment: [:]).load(yaml: yaml, file: "bad.yaml")
        #expect {
            try PipelinePlan(definition: definition)
        } throws: { error in
            "\(error)".contains("bad.yaml:6:") && "\(error)".contains("'no-such-plugin-binary' is not an executable file on PATH")
        }
    }
}

/// The Python interpreter the plugin tests run their plugins with, if the machine has one.
enum PluginPython {
    /// Its path.
    static let path = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
