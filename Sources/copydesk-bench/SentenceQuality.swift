import Copydesk
import Foundation

/// Sentence-boundary quality: the share of cases the splitter segments exactly as expected, on
/// the pragmatic_segmenter English cases and the GUM paragraphs of `../shared/nlp-dev` and on
/// the hand-written boundary cases of the repository, with pysbd scored the same way when a
/// Python with pysbd is given.
///
/// A case is right when its sentences, each trimmed and with runs of whitespace collapsed to
/// one space, equal the expected ones compared the same way. A text is first cut into
/// paragraphs at blank lines, as the article model keeps them; single line breaks stay inside
/// the paragraph the splitter is given. Some expected sentences of the pragmatic cases were
/// cleaned by that segmenter (runs of dots shortened, HTML tags or page numbers removed): no
/// splitter that keeps the text can match them, so they are listed and the rate is also given
/// without them.
///
/// Since what is measured is where sentences end, the pragmatic set is also scored normalised
/// (`normalised(_:)`): both the expected and the produced sentences go through the same
/// clean-up of what that segmenter's cleaning drops (markup, escape sequences, leader dots and
/// their page numbers, decorative runs) and are compared without whitespace; a sentence left
/// empty or holding only a page number is dropped on both sides. Both rates are reported.
///
/// Given a `failures` path (`copydesk-bench quality --sentence-failures PATH`), every case missed
/// by Copydesk is written there as a JSON line (set, id, text, expected, got).
enum SentenceQuality {
    /// The hand-written boundary cases.
    static let fixture = "Tests/CopydeskTests/Fixtures/segment/boundary-cases.jsonl"

    /// One case: a text and the sentences expected of it.
    struct Case {
        /// The case's name: its id, or its line number in the fixture.
        var id: String
        /// The group it is reported in (GUM genre, fixture category).
        var group: String
        var text: String
        var expected: [String]
    }

    /// One evaluation set.
    struct CaseSet {
        /// `pragmatic`, `gum` or `cases`: the key pysbd_quality.py answers with.
        var key: String
        /// How the report names the set.
        var label: String
        var cases: [Case]
        /// Whether per-group figures are printed.
        var byGroup: Bool
    }

    static func measure(data devDirectory: String, python: String, failures failuresPath: String? = nil) throws {
        var sets: [CaseSet] = []
        let pragmatic = (devDirectory as NSString).appendingPathComponent("sentences_pragmatic_extra.jsonl")
        let gum = (devDirectory as NSString).appendingPathComponent("sentences_dev.jsonl")
        if FileManager.default.isReadableFile(atPath: pragmatic) && FileManager.default.isReadableFile(atPath: gum) {
            sets.append(
                CaseSet(
                    key: "pragmatic", label: "pragmatic_segmenter English cases",
                    cases: try read(pragmatic, text: "text") { object, _ in object["id"] as? String ?? "" }, byGroup: false))
            sets.append(
                CaseSet(
                    key: "gum", label: "GUM paragraphs",
                    cases: try read(gum, text: "text") { object, _ in object["id"] as? String ?? "" }, byGroup: true))
        } else {
            print("sentence quality (development sets): skipped (\(devDirectory)/sentences_pragmatic_extra.jsonl or sentences_dev.jsonl not found)")
        }
        sets.append(CaseSet(key: "cases", label: "boundary cases", cases: try read(fixture, text: "paragraph") { "line \($1 + 1)" }, byGroup: false))

        let splitter = SentenceSplitter(rules: try SegmentationRules.load(language: "en"))
        var failures: [[String: Any]] = []
        for set in sets {
            let got = set.cases.map { sentences(of: $0.text, splitter: splitter) }
            report("copydesk", set, got)
            for (item, sentences) in zip(set.cases, got) where !matches(sentences, item.expected) {
                failures.append(["set": set.key, "id": item.id, "text": item.text, "expected": item.expected, "got": sentences])
            }
        }
        if let pragmaticSet = sets.first(where: { $0.key == "pragmatic" }) {
            let unmatchable = pragmaticSet.cases.filter { !isVerbatim($0) }.map(\.id)
            let matchable = pragmaticSet.cases.filter(isVerbatim)
            let right = matchable.filter { matches(sentences(of: $0.text, splitter: splitter), $0.expected) }.count
            BenchReport.line(
                "  pragmatic cases whose expected sentences were cleaned (text dropped or changed)",
                [("count", "\(unmatchable.count)"), ("ids", unmatchable.isEmpty ? "none" : unmatchable.joined(separator: " "))])
            BenchReport.line(
                "sentence quality (copydesk)",
                [
                    ("set", "pragmatic_segmenter English cases kept verbatim"),
                    ("exact", String(format: "%.1f%% (%d/%d)", 100 * Double(right) / Double(max(matchable.count, 1)), right, matchable.count)),
                ])
        }
        if let path = failuresPath {
            let lines = try failures.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            print("  \(failures.count) missed cases written to \(path)")
        }

        guard !python.isEmpty else {
            print("sentence quality (pysbd): skipped (no Python with pysbd; scripts/bench/comparison-tools.sh installs it in .build/bench-venv)")
            return
        }
        let answers = try runPysbd(python: python, sets: sets, data: devDirectory)
        for set in sets {
            let got = set.cases.indices.map { answers[set.key]?[$0] ?? [] }
            report("pysbd", set, got)
        }
    }

    /// Reads a JSON-lines file of cases with the text under `text` and the sentences under
    /// `sentences`.
    private static func read(_ path: String, text: String, id: ([String: Any], Int) -> String) throws -> [Case] {
        var cases: [Case] = []
        for (number, line) in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").enumerated() {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let body = object[text] as? String, let expected = object["sentences"] as? [String]
            else { continue }
            let group = object["genre"] as? String ?? object["category"] as? String ?? ""
            cases.append(Case(id: id(object, number), group: group, text: body, expected: expected))
        }
        return cases
    }

    /// The splitter's sentences of `text`, paragraph by paragraph.
    static func sentences(of text: String, splitter: SentenceSplitter) -> [String] {
        paragraphs(of: text).flatMap { paragraph in
            ScalarOffsets.substrings(of: paragraph, ranges: splitter.split(paragraph)).map(String.init)
        }
    }

    /// `text` cut at blank lines (lines holding nothing but whitespace).
    static func paragraphs(of text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var lineStart = text.startIndex
        var index = text.startIndex
        var lineIsBlank = true
        var blankSeen = false
        while index < text.endIndex {
            let character = text[index]
            if character.isNewline {
                if lineIsBlank && lineStart > start {
                    blankSeen = true
                }
                lineStart = text.index(after: index)
                lineIsBlank = true
            } else if !character.isWhitespace {
                if blankSeen {
                    result.append(text[start..<lineStart])
                    start = lineStart
                    blankSeen = false
                }
                lineIsBlank = false
            }
            index = text.index(after: index)
        }
        result.append(text[start...])
        return result
    }

    /// `text` trimmed, with each run of whitespace as one space.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether `got` equals `expected`, sentence by sentence, whitespace collapsed.
    static func matches(_ got: [String], _ expected: [String]) -> Bool {
        let got = got.map(collapsed).filter { !$0.isEmpty }
        let expected = expected.map(collapsed).filter { !$0.isEmpty }
        return got == expected
    }

    /// The clean-up `normalised(_:)` applies, in order: each pattern is replaced by a space.
    private static let cleaning: [NSRegularExpression] = [
        // HTML and XML tags, also when escaped (`<em>`, `</p>`, `&lt;b&gt;`).
        #"<[A-Za-z/!][^<>]*>"#, #"&lt;/?[A-Za-z][^&]*?&gt;"#,
        // Inline formatting codes (`{b^>1<b^}`).
        #"\{b\^[^}]*\}"#,
        // Escape sequences written out as text (`\r\n`, `\ r`).
        #"\\ ?[rn]"#,
        // Leader dots, with the page number they lead to at the end of the sentence.
        #"\.{4,}(\s*\d+(?:[-–]\d+)?\s*$)?"#,
        // Decorative runs of one mark (`//////`, `=====`).
        #"([/*=_~#])\1{2,}"#,
    ].compactMap { try? NSRegularExpression(pattern: $0) }

    /// `sentence` with what pragmatic_segmenter's cleaning drops removed (`cleaning`), backquotes
    /// read as single quotes, and without whitespace.
    static func normalised(_ sentence: String) -> String {
        var text = sentence
        for pattern in cleaning {
            text = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
        }
        return text.replacingOccurrences(of: "`", with: "'").filter { !$0.isWhitespace }
    }

    /// Whether `got` equals `expected` sentence by sentence once both are `normalised`, leaving
    /// out sentences that become empty or hold only a page number (`3`, `16-17`).
    static func matchesNormalised(_ got: [String], _ expected: [String]) -> Bool {
        func kept(_ sentences: [String]) -> [String] {
            sentences.map(normalised).filter { sentence in
                !sentence.isEmpty && !sentence.allSatisfy { $0.isNumber || $0 == "-" || $0 == "–" }
            }
        }
        return kept(got) == kept(expected)
    }

    /// Whether the expected sentences of `item` hold exactly the text's non-space characters, in
    /// order: nothing cleaned away or changed.
    private static func isVerbatim(_ item: Case) -> Bool {
        item.text.filter { !$0.isWhitespace } == item.expected.joined().filter { !$0.isWhitespace }
    }

    /// Prints the exact-match rate of `got` on `set`, and per group when the set asks for it.
    private static func report(_ tool: String, _ set: CaseSet, _ got: [[String]]) {
        func figures(_ indices: [Int]) -> String {
            let right = indices.filter { matches(got[$0], set.cases[$0].expected) }.count
            return String(format: "%.1f%% (%d/%d)", 100 * Double(right) / Double(max(indices.count, 1)), right, indices.count)
        }
        BenchReport.line("sentence quality (\(tool))", [("set", set.label), ("exact", figures(Array(set.cases.indices)))])
        if set.key == "pragmatic" {
            let right = set.cases.indices.filter { matchesNormalised(got[$0], set.cases[$0].expected) }.count
            BenchReport.line(
                "sentence quality (\(tool))",
                [
                    ("set", set.label + " normalised"),
                    ("exact", String(format: "%.1f%% (%d/%d)", 100 * Double(right) / Double(max(set.cases.count, 1)), right, set.cases.count)),
                ])
        }
        guard set.byGroup else { return }
        let groups = Dictionary(grouping: set.cases.indices, by: { set.cases[$0].group })
        BenchReport.line("  by genre", groups.keys.sorted().map { ($0, figures(groups[$0]!)) })
    }

    /// pysbd's sentences for every case, by set key and case index.
    private static func runPysbd(python: String, sets: [CaseSet], data devDirectory: String) throws -> [String: [Int: [String]]] {
        var arguments = ["scripts/bench/pysbd_quality.py", "--cases", fixture]
        if sets.contains(where: { $0.key == "gum" }) {
            arguments += [
                "--pragmatic", (devDirectory as NSString).appendingPathComponent("sentences_pragmatic_extra.jsonl"),
                "--gum", (devDirectory as NSString).appendingPathComponent("sentences_dev.jsonl"),
            ]
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-pysbd-quality-\(UUID().uuidString).jsonl")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        fflush(nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            print("sentence quality (pysbd): failed (\(python) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus))")
            return [:]
        }
        var answers: [String: [Int: [String]]] = [:]
        for line in try String(contentsOf: output, encoding: .utf8).split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let key = object["set"] as? String, let index = object["index"] as? Int, let sentences = object["sentences"] as? [String]
            else { continue }
            answers[key, default: [:]][index] = sentences
        }
        return answers
    }
}
