/// Checks a case's expectations against what its two runs wrote: the source alone (every input
/// article, in order) and the stages (the articles that came out, and the quarantine).
struct PipelineTestCheckRun {
    /// The case's drop folder.
    let input: String
    /// The source's run.
    let read: PipelineTestRunner.Written
    /// The stages' run.
    let result: PipelineTestRunner.Written

    /// What does not hold of `expectation`, one line each.
    func failures(of expectation: PipelineTestExpectation) -> [String] {
        let place = "\(expectation.file), article \(expectation.article)"
        let path = input + "/" + expectation.file
        let fromFile = read.articles.filter { $0.source.path == path }
        guard expectation.article <= fromFile.count else {
            if let rejected = read.quarantined.first(where: { $0.path == path }) {
                let wanted = expectation.checks.allSatisfy { if case .outcome(.quarantined) = $0 { true } else { false } }
                return wanted ? [] : ["\(place): quarantined by the source (\(rejected.reason): \(rejected.message))"]
            }
            return ["\(place): the source read \(fromFile.count) article\(fromFile.count == 1 ? "" : "s") from \(expectation.file)"]
        }
        let sent = fromFile[expectation.article - 1]
        let written = result.articles.first { $0.id == sent.id }
        let outcome = written != nil ? PipelineTestOutcome.written : outcome(of: sent)
        var failures: [String] = []
        for check in expectation.checks {
            if case .outcome(let wanted) = check {
                let matches = wanted == outcome || (wanted == .dropped && [.duplicate, .filtered, .dropped].contains(outcome))
                if !matches { failures.append("\(place): outcome: expected \(wanted.rawValue), got \(outcome.rawValue)") }
                continue
            }
            guard let article = written else {
                failures.append("\(place): not written (\(outcome.rawValue)), so it cannot be checked further")
                break
            }
            if let problem = problem(check, article) { failures.append("\(place): \(problem)") }
        }
        return failures
    }

    /// What became of an article that did not come out: quarantined, or dropped by a stage
    /// (a duplicate or filtered, told apart when the run dropped only one kind).
    private func outcome(of article: Article) -> PipelineTestOutcome {
        if result.quarantined.contains(where: { $0.path == article.source.path && $0.line == article.source.line }) { return .quarantined }
        switch (result.summary.duplicates > 0, result.summary.filtered > 0) {
        case (true, false): return .duplicate
        case (false, true): return .filtered
        default: return .dropped
        }
    }

    /// What is wrong with `article` for `check`, or `nil`.
    private func problem(_ check: PipelineTestCheck, _ article: Article) -> String? {
        switch check {
        case .outcome: return nil
        case .field(let name, let expected):
            let actual: String? =
                switch name {
                case "title": article.title
                case "date": article.date
                case "section": article.section
                case "language": article.language
                default: article.summary
                }
            return actual == expected ? nil : "\(name): expected \(Self.quoted(expected)), got \(Self.quoted(actual))"
        case .textContains(let parts):
            let missing = parts.filter { !article.text.contains($0) }
            return missing.isEmpty ? nil : "text_contains: the text does not contain " + missing.map { Self.quoted($0) }.joined(separator: ", ")
        case .count(let name, let expected):
            let actual = name == "sentences" ? article.sentences.count : article.paragraphs.count
            return actual == expected ? nil : "\(name): expected \(expected), got \(actual)"
        case .entities(let wanted):
            let missing = wanted.filter { entity in
                !article.entities.contains { ($0.text == entity.text || $0.canonical == entity.text) && Self.typeMatches($0, entity.type) }
            }
            guard !missing.isEmpty else { return nil }
            let found = article.entities.map { "\($0.text) (\($0.type.rawValue))" }.joined(separator: ", ")
            return "entities: expected to include " + missing.map { "\($0.text)" + ($0.type.map { " (\($0))" } ?? "") }.joined(separator: ", ")
                + "; found: " + (found.isEmpty ? "none" : found)
        case .duplicateOf(let expected):
            switch expected {
            case .none: return article.duplicateOf.map { "duplicate_of: expected none, got \($0)" }
            case .set: return article.duplicateOf == nil ? "duplicate_of: expected set, got none" : nil
            case .file(let file):
                guard let original = read.articles.first(where: { $0.source.path == input + "/" + file }) else {
                    return "duplicate_of: the case has no article in \(file)"
                }
                return article.duplicateOf == original.id
                    ? nil : "duplicate_of: expected \(file) (\(original.id)), got \(article.duplicateOf.map { self.name(of: $0) } ?? "none")"
            }
        case .extra(let expected):
            let wrong = expected.keys.sorted().filter { !Self.same(article.extra[$0], expected[$0]) }
            return wrong.isEmpty
                ? nil
                : "extra: " + wrong.map { "\($0): expected \(Self.text(expected[$0])), got \(Self.text(article.extra[$0]))" }.joined(separator: "; ")
        }
    }

    /// An article id, with the file it was read from when it is one of the case's.
    private func name(of id: String) -> String {
        guard let article = read.articles.first(where: { $0.id == id }) else { return id }
        return String(article.source.path.dropFirst(input.count + 1)) + " (\(id))"
    }

    private static func typeMatches(_ entity: Entity, _ type: String?) -> Bool {
        type.map { entity.type.rawValue == $0.lowercased() } ?? true
    }

    /// Whether two JSON values are equal, numbers compared by value.
    private static func same(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a)?, .number(let b)?), (.number(let b)?, .integer(let a)?): Double(a) == b
        default: lhs == rhs
        }
    }

    private static func text(_ value: JSONValue?) -> String {
        guard let value else { return "nothing" }
        return value.jsonText
    }

    private static func quoted(_ text: String?) -> String {
        text.map { "\"\($0)\"" } ?? "none"
    }
}
