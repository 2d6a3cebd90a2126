import Foundation
import Testing

@testable import Copydesk

/// A drop folder holding no article the source reads (empty, or only files with other endings)
/// is named in a warning; a pipeline with `min_articles` fails on it with exit 6. Files left
/// out beside articles that were read are named in an info line.
@Suite("empty drops and files the source does not read", .serialized, .enabled(if: CLIRunner.isAvailable))
struct EmptyDropTests {
    /// Two text-drop articles on different subjects.
    static let articles = [
        """
         date 2024-06-11 Local
        Library extends opening hours for exam season
        The central branch stays open until midnight for four weeks.
        TOULOUSE (Wire) - The central library will stay open until midnight from Monday until the end of the exam period, the culture department said.
        Students had collected 1,200 signatures asking for longer hours after reading rooms filled up by mid-morning last year.

        """,
        """
         date 2024-06-12 Business
        Bakery chain opens its first shop abroad
        The family firm employs 900 people in 40 shops.
        BORDEAUX (Wire) - A regional bakery chain opened its first shop outside France on Wednesday, in a former bank building in central Brussels.
        The founder's granddaughter, who runs the company, said two more shops in Belgium would follow before the end of the year.

        """,
    ]

    /// What a newsroom export might leave in a drop folder instead of text-drop files.
    static let strayFiles: [String: String] = [
        "index.html": "<!doctype html>\n<html><head><title>Drop index</title></head><body><p>Three stories.</p></body></html>\n",
        "story-1.html": "<html><body><h1>Library extends opening hours</h1><p>Branch 1 stays open until midnight.</p></body></html>\n",
        "story-2.html": "<html><body><h1>Tram extension approved</h1><p>The line reaches the airport in 2028.</p></body></html>\n",
        "manifest.csv": "file,title,section\nstory-1.html,Library extends opening hours,Local\nstory-2.html,Tram extension approved,Local\n",
    ]

    /// A new drop folder holding `files` (name → text); returns its path and a fresh OUT path.
    static func makeDrop(_ files: [String: String]) throws -> (drop: String, out: String) {
        let folder = try TestPaths.temporaryDirectory()
        let drop = folder.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: drop.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return (drop.path, folder.appendingPathComponent("out").path)
    }

    /// The stderr lines of `result` holding `text`.
    static func lines(of result: CLIRunner.Result, containing text: String) -> [Substring] {
        result.stderr.split(separator: "\n").filter { $0.contains(text) }
    }

    @Test func aDropOfOnlyOtherEndingsIsAWarningUnderTheDefaultPipeline() throws {
        let (drop, out) = try Self.makeDrop(Self.strayFiles)
        let result = try CLIRunner.run(["run", "pipelines/default.yaml"], environment: ["INPUT": drop, "OUT": out])
        #expect(result.status == 0, "\(result.stderr)")
        let remark = Self.lines(of: result, containing: "\(drop): 4 files, none ending in .txt: 3 .html, 1 .csv")
        #expect(remark.count == 1, "\(result.stderr)")
        #expect(remark.allSatisfy { $0.contains(" warning ") }, "\(remark)")
        #expect(try writtenArticles(in: out).isEmpty)
    }

    @Test func aDropOfOnlyOtherEndingsFailsTheDailyCronOnMinArticles() throws {
        let (drop, out) = try Self.makeDrop(Self.strayFiles)
        let result = try CLIRunner.run(["run", "pipelines/daily-cron.yaml"], environment: ["INPUT": drop, "OUT": out])
        #expect(result.status == 6, "\(result.stderr)")
        #expect(result.stderr.contains("0 articles read, fewer than min_articles 1"), "\(result.stderr)")
        #expect(Self.lines(of: result, containing: "\(drop): 4 files, none ending in .txt: 3 .html, 1 .csv").count == 1)
        #expect(!FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent("articles.jsonl")))
    }

    @Test func anEmptyFolderIsAWarning() throws {
        let (drop, out) = try Self.makeDrop([:])
        let result = try CLIRunner.run(["run", "pipelines/default.yaml"], environment: ["INPUT": drop, "OUT": out])
        #expect(result.status == 0, "\(result.stderr)")
        let remark = Self.lines(of: result, containing: "\(drop): no file to read")
        #expect(remark.count == 1, "\(result.stderr)")
        #expect(remark.allSatisfy { $0.contains(" warning ") }, "\(remark)")
    }

    @Test func aFileLeftOutBesideArticlesIsNamedInAnInfoLine() throws {
        let (drop, out) = try Self.makeDrop([
            "001_library.txt": Self.articles[0], "002_bakery.txt": Self.articles[1],
            "index.html": Self.strayFiles["index.html"]!,
        ])
        let result = try CLIRunner.run(["run", "pipelines/default.yaml"], environment: ["INPUT": drop, "OUT": out])
        #expect(result.status == 0, "\(result.stderr)")
        let remark = Self.lines(of: result, containing: "\(drop): 1 file not read, not ending in .txt: 1 .html")
        #expect(remark.count == 1, "\(result.stderr)")
        #expect(remark.allSatisfy { $0.contains(" info ") && !$0.contains(" warning ") }, "\(remark)")
        #expect(try writtenArticles(in: out).count == 2)
    }
}
