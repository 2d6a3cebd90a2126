import Foundation
import Yams

/// Reads a tests file into a ``PipelineTestSuite``, reporting every problem at its
/// `file:line:column` at once (``ConfigErrors``), as the pipeline loader does.
public struct PipelineTestReader {
    private let file: String
    private var errors: [ConfigError] = []

    /// A reader for the tests file `file`.
    public init(file: String) {
        self.file = file
    }

    /// Reads the file; every problem is a ``ConfigErrors``.
    public mutating func read() throws -> PipelineTestSuite {
        guard let data = FileManager.default.contents(atPath: file), let yaml = String(data: data, encoding: .utf8) else {
            throw ConfigErrors([ConfigError(file: file, line: 0, column: 0, message: "tests file cannot be read")])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigErrors([ConfigError(file: file, line: 0, column: 0, message: "not YAML: \(error)")], text: yaml)
        }
        guard let root, case .mapping(let top) = root else {
            throw ConfigErrors([ConfigError(file: file, line: 1, column: 1, message: "expected a mapping with cases:")], text: yaml)
        }
        var suite = PipelineTestSuite(file: file, pipeline: nil, environment: [:], cases: [])
        for (key, value) in top {
            switch key.string {
            case "pipeline": suite.pipeline = scalar(value, "pipeline")
            case "environment":
                guard case .mapping(let variables) = value else {
                    fail(value, "environment: expected a mapping of variable names to values")
                    continue
                }
                for (name, text) in variables {
                    if let name = scalar(name, "environment"), let text = scalar(text, name) { suite.environment[name] = text }
                }
            case "cases":
                guard case .sequence(let items) = value else {
                    fail(value, "cases: expected a list of cases")
                    continue
                }
                for item in items { if let found = testCase(item) { suite.cases.append(found) } }
            default: fail(key, "unknown key '\(key.string ?? "")': expected pipeline, environment or cases")
            }
        }
        if suite.cases.isEmpty && errors.isEmpty { fail(root, "no cases: give cases: with at least one") }
        guard errors.isEmpty else { throw ConfigErrors(errors, text: yaml) }
        return suite
    }

    private mutating func testCase(_ node: Node) -> PipelineTestCase? {
        guard case .mapping(let mapping) = node else {
            fail(node, "a case is a mapping with name, files or articles, and expect")
            return nil
        }
        var result = PipelineTestCase(name: "", position: position(node), files: [], articles: [], stages: nil, expectations: [])
        for (key, value) in mapping {
            switch key.string {
            case "name": result.name = scalar(value, "name") ?? ""
            case "files":
                guard case .mapping(let files) = value else {
                    fail(value, "files: expected a mapping of file names to their text")
                    continue
                }
                for (name, text) in files {
                    if let name = scalar(name, "files"), let text = scalar(text, name) { result.files.append((name, text)) }
                }
            case "articles":
                guard case .sequence(let items) = value else {
                    fail(value, "articles: expected a list of articles (date, section, title, summary, text)")
                    continue
                }
                for (index, item) in items.enumerated() { if let article = article(item, index: index) { result.articles.append(article) } }
            case "stages":
                result.stagesPosition = position(value)
                result.stages = strings(value, "stages")
            case "expect":
                guard case .sequence(let items) = value else {
                    fail(value, "expect: expected a list of expectations, one per article")
                    continue
                }
                for item in items { if let found = expectation(item) { result.expectations.append(found) } }
            default: fail(key, "unknown key '\(key.string ?? "")' in a case: expected name, files, articles, stages or expect")
            }
        }
        if result.name.isEmpty { fail(node, "a case needs a name") }
        if result.files.isEmpty && result.articles.isEmpty { fail(node, "case '\(result.name)': give its input as files: or articles:") }
        if result.expectations.isEmpty { fail(node, "case '\(result.name)': give what to expect: expect:") }
        return result
    }

    private mutating func article(_ node: Node, index: Int) -> PipelineTestArticle? {
        guard case .mapping(let mapping) = node else {
            fail(node, "an article is a mapping of date, section, title, summary and text")
            return nil
        }
        var article = PipelineTestArticle(file: "article-\(index + 1).txt", fields: [:])
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            switch name {
            case "file": article.file = scalar(value, name) ?? article.file
            case "date", "section", "title", "summary", "text": article.fields[name] = scalar(value, name)
            default: fail(key, "unknown article field '\(name)': expected file, date, section, title, summary or text")
            }
        }
        if article.fields["text"] == nil { fail(node, "an article needs a text") }
        return article
    }

    private mutating func expectation(_ node: Node) -> PipelineTestExpectation? {
        guard case .mapping(let mapping) = node else {
            fail(node, "an expectation is a mapping: file, then what must hold")
            return nil
        }
        var result = PipelineTestExpectation(position: position(node), file: "", article: 1, checks: [])
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            switch name {
            case "file": result.file = scalar(value, name) ?? ""
            case "article":
                guard let number = scalar(value, name).flatMap(Int.init), number >= 1 else {
                    fail(value, "article: expected a number from 1 (the article's place in its file)")
                    continue
                }
                result.article = number
            case "outcome":
                guard let text = scalar(value, name), let outcome = PipelineTestOutcome(rawValue: text) else {
                    fail(value, "outcome: expected one of \(PipelineTestOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                result.checks.append(.outcome(outcome))
            case "title", "date", "section", "language", "summary":
                let text = scalar(value, name)
                result.checks.append(.field(name, text == "none" ? nil : text))
            case "text_contains": result.checks.append(.textContains(strings(value, name) ?? []))
            case "sentences", "paragraphs":
                guard let count = scalar(value, name).flatMap(Int.init), count >= 0 else {
                    fail(value, "\(name): expected a number")
                    continue
                }
                result.checks.append(.count(name, count))
            case "entities": result.checks.append(.entities(entities(value)))
            case "duplicate_of":
                switch scalar(value, name) {
                case "none": result.checks.append(.duplicateOf(.none))
                case "set": result.checks.append(.duplicateOf(.set))
                case let file?: result.checks.append(.duplicateOf(.file(file)))
                case nil: break
                }
            case "extra":
                guard case .mapping(let entries) = value else {
                    fail(value, "extra: expected a mapping of keys to values")
                    continue
                }
                var extra: [String: JSONValue] = [:]
                for (key, value) in entries { if let key = key.string { extra[key] = json(value) } }
                result.checks.append(.extra(extra))
            default:
                fail(
                    key,
                    "unknown expectation '\(name)': expected file, article, outcome, title, date, section, language, summary, text_contains, sentences, paragraphs, entities, duplicate_of or extra"
                )
            }
        }
        if result.file.isEmpty { fail(node, "an expectation needs the file its article is read from: file:") }
        return result
    }

    private mutating func entities(_ node: Node) -> [(text: String, type: String?)] {
        guard case .sequence(let items) = node else {
            fail(node, "entities: expected a list of {text, type}")
            return []
        }
        var found: [(text: String, type: String?)] = []
        for item in items {
            if let text = item.string {
                found.append((text, nil))
            } else if case .mapping(let mapping) = item, let text = mapping["text"]?.string {
                found.append((text, mapping["type"]?.string))
            } else {
                fail(item, "an entity is {text: …, type: …} or its text")
            }
        }
        return found
    }

    private func json(_ node: Node) -> JSONValue {
        switch node {
        case .sequence(let items): return .array(items.map(json))
        case .mapping(let mapping):
            return .object(Dictionary(mapping.compactMap { key, value in key.string.map { ($0, json(value)) } }) { first, _ in first })
        case .scalar(let scalar):
            if scalar.style == .plain {
                if let bool = node.bool { return .bool(bool) }
                if let int = node.int { return .integer(Int64(int)) }
                if let double = node.float { return .number(double) }
                if scalar.string == "null" || scalar.string == "~" { return .null }
            }
            return .string(scalar.string)
        case .alias: return .null
        }
    }

    private mutating func scalar(_ node: Node, _ name: String) -> String? {
        guard case .scalar(let scalar) = node else {
            fail(node, "\(name): expected a single value")
            return nil
        }
        return scalar.string
    }

    private mutating func strings(_ node: Node, _ name: String) -> [String]? {
        if case .scalar(let scalar) = node { return [scalar.string] }
        guard case .sequence(let items) = node else {
            fail(node, "\(name): expected a list")
            return nil
        }
        var found: [String] = []
        for item in items { if let text = scalar(item, name) { found.append(text) } }
        return found
    }

    private func position(_ node: Node) -> SourcePosition? {
        node.mark.map { SourcePosition(line: $0.line, column: $0.column) }
    }

    private mutating func fail(_ node: Node, _ message: String) {
        errors.append(ConfigError(file: file, at: position(node), message: message))
    }
}
