import Foundation
import Testing

@testable import Copydesk

/// Runs the extractor over the real seed article and the Wikinews corpus.
@Suite(.needsSharedData) struct ExtractCorpusTests {
    @Test func seedArticleYieldsTheExpectedAnnotations() throws {
        var a = try ExtractTestSupport.seedArticle()
        try ExtractTestSupport.extractor().annotate(&a)
        func canonicals(_ kind: Entity.Kind) -> Set<String> { Set(a.entities.filter { $0.type == kind }.map(\.canonical)) }
        #expect(canonicals(.person).isSuperset(of: ["Vladimir Putin", "Xi Jinping", "Yury Ushakov"]))
        #expect(canonicals(.organization).isSuperset(of: ["Kremlin", "BRICS", "Sputnik"]))
        #expect(
            canonicals(.location).isSuperset(of: [
                "Russia", "China", "United States", "Taiwan", "Ukraine",
                "Middle East", "Asia-Pacific", "Moscow",
            ]))
        let linked = Dictionary(a.entities.map { ($0.text, $0.canonical) }, uniquingKeysWith: { first, _ in first })
        #expect(linked["Putin"] == "Vladimir Putin")
        #expect(linked["Xi"] == "Xi Jinping")
        #expect(linked["Ushakov"] == "Yury Ushakov")
        #expect(linked["US"] == "United States")
        #expect(linked["United States"] == "United States")
        #expect(linked["MOSCOW"] == "Moscow")
        #expect(linked["Russian Federation"] == "Russia")
        let amounts = a.amounts.map(\.text)
        #expect(amounts.contains("$200 billion") && amounts.contains("$227.7 billion") && amounts.contains("over 90%"))
        #expect(a.amounts.first { $0.text == "$227.7 billion" }?.value == 227_700_000_000)
        let speakers = Set(a.quotes.compactMap(\.speaker))
        #expect(speakers.isSuperset(of: ["Yury Ushakov", "the statement", "Kremlin"]))
        #expect(a.dates.first { $0.text == "on Thursday" }?.value == "2024-02-08")
        for e in a.entities where a.paragraphs[a.sentences[e.sentence].paragraph].kind == .heading {
            #expect(e.type != .organization, "heading organisation \(e.text)")
        }
    }

    @Test func everyCorpusArticleHasInBoundsMatchingOffsets() throws {
        let url = ExtractTestSupport.sharedFolder().appendingPathComponent("corpus/wikinews.jsonl")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 295)
        var datedFromText = 0
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let blocks = (object["text"] as? String ?? "").components(separatedBy: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var a = try ExtractTestSupport.article(blocks.map { ($0, false) })
            try ExtractTestSupport.extractor().annotate(&a)
            let count = a.text.unicodeScalars.count
            for e in a.entities {
                #expect(e.start >= 0 && e.end <= count && ExtractTestSupport.slice(a.text, e.start, e.end) == e.text)
            }
            for m in a.amounts {
                #expect(m.start >= 0 && m.end <= count && ExtractTestSupport.slice(a.text, m.start, m.end) == m.text)
            }
            for d in a.dates {
                #expect(d.start >= 0 && d.end <= count && ExtractTestSupport.slice(a.text, d.start, d.end) == d.text)
            }
            for q in a.quotes {
                #expect(q.start >= 0 && q.end <= count && ExtractTestSupport.isEnclosedText(of: q, in: a.text))
            }
            if a.date != nil { datedFromText += 1 }
            #expect(a.date == nil || a.date == object["date"] as? String)
        }
        #expect(datedFromText >= 175)
    }
}
