import Foundation
import Testing

@testable import Copydesk

@Suite("segment stage")
struct SegmentStageTests {
    let normalize: NormalizeStage
    let segment: SegmentStage

    init() throws {
        normalize = try NormalizeStage(options: .init(), context: StageContext())
        segment = try SegmentStage(options: .init(), context: StageContext())
    }

    func read(_ path: String) async throws -> [Article] {
        let source = TextDropSource(options: .with { $0.path = path }, context: StageContext())
        return try await segment.process(normalize.process(collect(source).articles).articles).articles
    }

    @Test(.needsSharedData) func theSeedGetsItsDatelineHeadingsAndSentences() async throws {
        let article = try #require(try await read(TestPaths.seed).first)
        #expect(article.dateline == Dateline(place: "MOSCOW", agency: "Sputnik", start: 0, end: 19))
        #expect(slice(article, 0, 19) == "MOSCOW (Sputnik) - ")
        #expect(article.sentences.count == 24)
        #expect(article.sentences.first?.start == 19)
        #expect(article.sentences.first?.text.hasPrefix("Russian President Vladimir Putin and Chinese President Xi Jinping") == true)
        let headings = article.sentences.filter { article.paragraphs[$0.paragraph].kind == .heading }.map(\.text)
        #expect(
            headings == [
                "Russia, China Renounce US Interference in Other State's Affairs", "Developments in Asia-Pacifi Region",
                "Joint Energy Projects Promotion", "Bilateral Financial Cooperation", "Record Bilateral Trade Turnover",
            ])
        let perParagraph = Dictionary(grouping: article.sentences, by: \.paragraph).mapValues(\.count)
        #expect(
            perParagraph == [
                0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 3, 7: 1, 8: 1, 9: 1, 10: 1, 11: 1, 12: 1, 13: 1, 14: 1, 15: 1, 16: 3, 17: 1, 18: 1, 19: 1,
            ])
        #expect(article.sentences[7].text == "Our countries also do not accept political and military pressure from the United States.")
    }

    @Test func everySentenceOfEverySampleRoundTrips() async throws {
        let articles = try await read(TestPaths.repository.appendingPathComponent("samples").path)
        #expect(articles.count == 14)
        for article in articles {
            #expect(!article.sentences.isEmpty)
            for sentence in article.sentences {
                #expect(slice(article, sentence.start, sentence.end) == sentence.text, "\(article.source.path)")
                let paragraph = article.paragraphs[sentence.paragraph]
                #expect(sentence.start >= paragraph.start && sentence.end <= paragraph.end)
            }
        }
        let datelines = articles.compactMap(\.dateline).map { "\($0.place ?? "") / \($0.agency ?? "-")" }
        #expect(datelines.contains("WASHINGTON / Reuters"))
        #expect(datelines.contains("VELDHOVEN, Netherlands / Reuters"))
        #expect(datelines.contains("LONDON / -"))
        #expect(datelines.contains("TROMSØ, Norway / -"))
    }

    @Test func aDatelineOnItsOwnLineIsMarkedAsSuch() async throws {
        let layout = BodyLayout.build(lines: [
            "PARIS (AFP) -", "President Emmanuel Macron named a new prime minister on Thursday.", "The choice surprised many.",
        ])
        let article = Article(id: "x", source: SourceLocation(path: "p", line: 1, format: "jsonl"), text: layout.text, paragraphs: layout.paragraphs)
        let result = try await segment.process([article]).articles[0]
        #expect(result.dateline == Dateline(place: "PARIS", agency: "AFP", start: 0, end: 13))
        #expect(result.paragraphs[0].kind == .dateline)
        #expect(result.sentences.map(\.paragraph) == [1, 2])
    }

    @Test func unknownLanguageFailsBeforeRunning() {
        let locations = OptionLocations(file: "p.yaml", positions: ["language": SourcePosition(line: 7, column: 15)])
        let error = #expect(throws: ConfigError.self) {
            try SegmentStage(options: .with { $0.language = "xx" }, context: StageContext(optionLocations: locations))
        }
        #expect(error?.description.hasPrefix("p.yaml:7:15: language: ") == true)
    }
}
