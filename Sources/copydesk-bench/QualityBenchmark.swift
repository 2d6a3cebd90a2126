import ArgumentParser
import BenchSupport
import Copydesk
import Foundation

/// `copydesk-bench quality`: entity precision, recall and F1 per type and sentence exact-match
/// rates on the held-out part of `../shared/nlp-dev`, with spaCy's small English model and
/// pySBD scored on the same text when the given Python has them.
struct QualityBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality", abstract: "Entity and sentence accuracy on the held-out development data, with spaCy and pySBD beside it.")

    @Option(help: "Working directory.") var work = ".build/bench"
    @Option(help: "The development data directory.") var data = "../shared/nlp-dev"
    @Option(help: "A Python with spaCy's small English model and pysbd; empty to skip the comparison.") var python = ""
    @Flag(help: "List every entity missed or found wrongly, for error analysis.") var errors = false
    @Option(help: "Write every sentence case Copydesk misses to this file, as JSON lines.") var sentenceFailures: String?

    func run() async throws {
        try await Self.measure(work: work, data: data, python: python, listErrors: errors, sentenceFailures: sentenceFailures)
    }

    static func measure(work: String, data: String, python: String, listErrors: Bool = false, sentenceFailures: String? = nil) async throws {
        try await measureEntities(work: work, data: data, python: python, listErrors: listErrors)
        try SentenceQuality.measure(data: data, python: python, failures: sentenceFailures)
    }

    /// Entity precision, recall and F1 on the held-out documents.
    static func measureEntities(work: String, data: String, python: String, listErrors: Bool) async throws {
        let path = (data as NSString).appendingPathComponent("ner_dev.jsonl")
        guard FileManager.default.fileExists(atPath: path) else {
            print("quality: skipped (no \(path); the development data lives in ../shared/nlp-dev)")
            return
        }
        let heldOut = DevelopmentSplit.split(try AnnotatedDocument.load(jsonLines: path)).heldOut
        let articles = try await EntityEvaluation.articles(heldOut, work: work)
        let extractor = try Extractor(options: .init())
        let clock = ContinuousClock()
        let start = clock.now
        let predicted = EntityEvaluation.predictions(articles, extractor: extractor)
        let seconds = (clock.now - start).seconds
        let bytes = heldOut.reduce(0) { $0 + $1.text.utf8.count }
        report("entities (copydesk)", EntityEvaluation.score(predicted, against: heldOut), documents: heldOut.count, seconds: seconds, bytes: bytes)
        reportGenres("entities (copydesk)", predicted, heldOut)
        if listErrors { printErrors(predicted, heldOut) }
        if python.isEmpty {
            print("entities (spaCy small): skipped (no Python given; `make bench` installs one in .build/bench-venv)")
        } else {
            try scoreSpacy(heldOut, python: python, work: work)
        }
    }

    /// Prints precision, recall and F1 per type and overall.
    static func report(_ name: String, _ score: EntityScore, documents: Int, seconds: Double?, bytes: Int) {
        var fields: [(String, String)] = [("documents", "\(documents)")]
        for type in score.types + ["all"] {
            let counts = score.counts(type)
            fields.append(("\(type) P/R/F1", String(format: "%.3f/%.3f/%.3f", counts.precision, counts.recall, counts.f1)))
        }
        if let seconds { fields.append(("MB/s", String(format: "%.1f", Double(bytes) / 1e6 / seconds))) }
        BenchReport.line(name, fields)
    }

    /// Prints the overall F1 of each genre.
    static func reportGenres(_ name: String, _ predicted: [[AnnotatedDocument.Span]], _ documents: [AnnotatedDocument]) {
        var fields: [(String, String)] = []
        for genre in Set(documents.map(\.genre)).sorted() {
            let picked = documents.indices.filter { documents[$0].genre == genre }
            let score = EntityEvaluation.score(picked.map { predicted[$0] }, against: picked.map { documents[$0] })
            fields.append((genre, String(format: "%.3f", score.overall.f1)))
        }
        BenchReport.line("  \(name) F1 by genre", fields)
    }

    /// Prints each document's missed gold entities (`-`) and wrong predictions (`+`) with their
    /// text and a little context.
    static func printErrors(_ predicted: [[AnnotatedDocument.Span]], _ documents: [AnnotatedDocument]) {
        let scored: Set<String> = ["PER", "ORG", "LOC"]
        for (spans, document) in zip(predicted, documents) {
            let scalars = Array(document.text.unicodeScalars)
            func show(_ span: AnnotatedDocument.Span) -> String {
                let before = String(String.UnicodeScalarView(scalars[max(0, span.start - 30)..<span.start]))
                let after = String(String.UnicodeScalarView(scalars[span.end..<min(scalars.count, span.end + 30)]))
                let surface = String(String.UnicodeScalarView(scalars[span.start..<span.end]))
                return "\(span.type) [\(surface)]  …\(before)⟦\(surface)⟧\(after)…".replacingOccurrences(of: "\n", with: " ")
            }
            let gold = Set(document.entities.filter { scored.contains($0.type) })
            let found = Set(spans)
            let goldAt = Dictionary(document.entities.map { ($0.start, $0) }, uniquingKeysWith: { a, _ in a })
            for span in found.subtracting(gold).sorted(by: { $0.start < $1.start }) {
                let note = goldAt[span.start].map { " (gold \($0.type) \($0.end - $0.start) chars)" } ?? ""
                print("\(document.id) + \(show(span))\(note)")
            }
            for span in gold.subtracting(found).sorted(by: { $0.start < $1.start }) { print("\(document.id) - \(show(span))") }
        }
    }

    /// Runs `scripts/bench/spacy_ner.py` on the held-out documents and scores what it found.
    static func scoreSpacy(_ documents: [AnnotatedDocument], python: String, work: String) throws {
        let input = try EntityEvaluation.writeTexts(documents, work: work)
        let output = (work as NSString).appendingPathComponent("quality-spacy.jsonl")
        fflush(nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["scripts/bench/spacy_ner.py", input, output]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            print("entities (spaCy small): skipped (scripts/bench/spacy_ner.py exited with \(process.terminationStatus))")
            return
        }
        var found: [String: [AnnotatedDocument.Span]] = [:]
        for line in try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let id = object["id"] as? String,
                let entities = object["entities"] as? [[String: Any]]
            else { continue }
            found[id] = entities.compactMap { e in
                guard let start = e["start"] as? Int, let end = e["end"] as? Int, let type = e["type"] as? String else { return nil }
                return AnnotatedDocument.Span(start: start, end: end, type: type)
            }
        }
        let predicted = documents.map { found[$0.id] ?? [] }
        report("entities (spaCy small)", EntityEvaluation.score(predicted, against: documents), documents: documents.count, seconds: nil, bytes: 0)
        reportGenres("entities (spaCy small)", predicted, documents)
    }
}
