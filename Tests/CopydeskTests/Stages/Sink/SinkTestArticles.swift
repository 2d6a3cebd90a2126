import Foundation

@testable import Copydesk

/// Hand-written articles for the `csv` and `sqlite` sink tests: commas, straight and curly
/// quotes, embedded line breaks and non-ASCII text, with every kind of annotation.
enum SinkTestArticles {
    /// Scalar offsets of the first occurrence of `needle` in `text`.
    static func span(_ needle: String, in text: String) -> (start: Int, end: Int) {
        let scalars = Array(text.unicodeScalars)
        let target = Array(needle.unicodeScalars)
        for start in 0...(scalars.count - target.count) where Array(scalars[start..<start + target.count]) == target {
            return (start, start + target.count)
        }
        fatalError("'\(needle)' not in text")
    }

    /// Paragraphs of `text` (split at blank lines), all running text except the given headings.
    static func paragraphs(of text: String, headings: Set<Int> = []) -> [Paragraph] {
        text.components(separatedBy: "\n\n").enumerated().map { index, block in
            let (start, end) = span(block, in: text)
            return Paragraph(kind: headings.contains(index) ? .heading : .paragraph, start: start, end: end)
        }
    }

    /// Sentences of `text` given as (paragraph index, sentence text).
    static func sentences(_ parts: [(Int, String)], in text: String) -> [Sentence] {
        parts.map { paragraph, sentence in
            let (start, end) = span(sentence, in: text)
            return Sentence(paragraph: paragraph, start: start, end: end, text: sentence)
        }
    }

    /// A Norwegian port story: `€`, `Tromsø`, curly and straight quotes, commas, a heading.
    static func tromso(title: String = "Norway's \"Arctic\" budget: €1.2bn, Tromsø first") -> Article {
        let text = """
            TROMSØ, Norway (NTB) - Norway will spend €1.2 billion on Arctic ports, the ministry said on Thursday.

            “We are ready,” said Mayor Gunnar Wilhelmsen, adding that Tromsø’s harbour would open “by spring, or sooner”.

            Funding

            About 40% of the money goes to "green" shipping, he said.
            """
        var article = Article(
            id: "7f3a9c1e00b2d4e6", source: SourceLocation(path: "drops/2024-02-08/nordic, arctic.txt", line: 12, format: "textdrop"),
            date: "2024-02-08", section: "Nordic", title: title,
            summary: "Ministers agreed, after a long night,\non a new \"blue\" fund.", url: nil,
            text: text, paragraphs: paragraphs(of: text, headings: [2]))
        let place = span("TROMSØ, Norway (NTB) - ", in: text)
        article.dateline = Dateline(place: "TROMSØ, Norway", agency: "NTB", start: place.start, end: place.end)
        article.sentences = sentences(
            [
                (0, "TROMSØ, Norway (NTB) - Norway will spend €1.2 billion on Arctic ports, the ministry said on Thursday."),
                (1, "“We are ready,” said Mayor Gunnar Wilhelmsen, adding that Tromsø’s harbour would open “by spring, or sooner”."),
                (2, "Funding"),
                (3, "About 40% of the money goes to \"green\" shipping, he said."),
            ], in: text)
        let mayor = span("Gunnar Wilhelmsen", in: text)
        let city = span("Tromsø’s", in: text)
        article.entities = [
            Entity(text: "Gunnar Wilhelmsen", type: .person, canonical: "Gunnar Wilhelmsen", start: mayor.start, end: mayor.end, sentence: 1),
            Entity(text: "Tromsø", type: .location, canonical: "Tromsø", start: city.start, end: city.start + 6, sentence: 1, mentions: 2),
            Entity(
                text: "Norway", type: .location, canonical: "Norway", start: span("Norway will", in: text).start,
                end: span("Norway will", in: text).start + 6, sentence: 0),
        ]
        let ready = span("“We are ready,”", in: text)
        let spring = span("“by spring, or sooner”", in: text)
        article.quotes = [
            Quote(text: "We are ready,", speaker: "Gunnar Wilhelmsen", verb: "said", start: ready.start, end: ready.end, sentence: 1),
            Quote(text: "by spring, or sooner", speaker: nil, verb: nil, start: spring.start, end: spring.end, sentence: 1),
        ]
        let euros = span("€1.2 billion", in: text)
        let percent = span("About 40%", in: text)
        article.amounts = [
            Amount(text: "€1.2 billion", kind: .money, value: 1_200_000_000, currency: "EUR", start: euros.start, end: euros.end, sentence: 0),
            Amount(text: "About 40%", kind: .percent, value: 40, qualifier: "about", start: percent.start, end: percent.end, sentence: 3),
        ]
        let thursday = span("on Thursday", in: text)
        article.dates = [
            DateMention(
                text: "on Thursday", value: "2024-02-08", resolution: "relative", start: thursday.start,
                end: thursday.end, sentence: 0)
        ]
        article.removedBlocks = [RemovedBlock(kind: "repeated_lead", location: "paragraph 4", containment: 0.97)]
        return article
    }

    /// A wire story marked as a near duplicate, with an empty summary, page metadata (two
    /// authors, language, site) and no annotations but sentences.
    static func beijing() -> Article {
        let text =
            "BEIJING (Sputnik) - Russian President Vladimir Putin met Chinese leader Xi Jinping on Friday.\n\nThe talks, Putin said, were \"constructive\"."
        var article = Article(
            id: "0c44e1d2a9b87f10", source: SourceLocation(path: "drops/wire.jsonl", line: 3, format: "jsonl"),
            date: "2024-02-09", section: "International", title: "Putin meets Xi in Beijing", summary: "",
            url: "https://example.org/news/putin-xi?ref=a,b", authors: ["Anna Petrova", "Li Wei"], language: "en-GB",
            site: "The Daily Ledger", text: text, paragraphs: paragraphs(of: text))
        article.sentences = sentences(
            [
                (0, "BEIJING (Sputnik) - Russian President Vladimir Putin met Chinese leader Xi Jinping on Friday."),
                (1, "The talks, Putin said, were \"constructive\"."),
            ], in: text)
        let putin = span("Vladimir Putin", in: text)
        article.entities = [
            Entity(
                text: "Vladimir Putin", type: .person, canonical: "Vladimir Putin", start: putin.start, end: putin.end,
                sentence: 0, mentions: 2)
        ]
        article.duplicateOf = "5d1e0a7b3c2f9e88"
        article.similarity = 0.93
        return article
    }
}
