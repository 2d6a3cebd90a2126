/// The test cases of a pipeline (`copydesk test PIPELINE.yaml [TESTS.yaml]`), as read from a
/// tests file by ``PipelineTestReader``: inputs written inline, and what the records coming out
/// of the pipeline's stages must be. docs/testing.md describes the file.
public struct PipelineTestSuite: Sendable {
    /// The tests file.
    public var file: String
    /// The pipeline the file names (`pipeline:`, relative to the file), if it names one.
    public var pipeline: String?
    /// Variables the pipeline's `${VAR}` read in every case, over the process's environment.
    public var environment: [String: String] = [:]
    /// The cases, in file order.
    public var cases: [PipelineTestCase]
}

/// One case: a small drop, the stages it goes through, and expectations on its articles.
public struct PipelineTestCase: Sendable {
    /// What the case checks, as the report names it.
    public var name: String
    /// Where the case starts in the tests file.
    public var position: SourcePosition?
    /// Files of the drop: a path relative to the drop's folder, and the file's text.
    public var files: [(name: String, text: String)]
    /// Articles given as fields, written into the drop in the format the pipeline's source
    /// reads (a text-drop file or a JSON-lines file).
    public var articles: [PipelineTestArticle]
    /// Type names of the transforms to run, in pipeline order; `nil` for every transform.
    public var stages: [String]?
    /// Where `stages:` is written.
    public var stagesPosition: SourcePosition?
    /// Expectations on single articles.
    public var expectations: [PipelineTestExpectation]
}

/// An article given as fields in a test case (`articles:`).
public struct PipelineTestArticle: Sendable {
    /// The file it is written to, relative to the drop (`article-N.txt` by default).
    public var file: String
    /// `date`, `section`, `title`, `summary` and `text`, as given.
    public var fields: [String: String]
}

/// What must hold for one article of a case: the `article`-th (from 1) read from `file`.
public struct PipelineTestExpectation: Sendable {
    /// Where the expectation is written.
    public var position: SourcePosition?
    /// The input file, relative to the drop.
    public var file: String
    /// Which article of the file, from 1.
    public var article: Int
    /// The checks, in file order.
    public var checks: [PipelineTestCheck]
}

/// One check on an article.
public enum PipelineTestCheck: Sendable {
    /// What became of the article.
    case outcome(PipelineTestOutcome)
    /// A text field (`title`, `date`, `section`, `language`, `summary`) equals a value, or is
    /// absent (`nil`).
    case field(String, String?)
    /// The text contains each string.
    case textContains([String])
    /// The number of `sentences` or `paragraphs`.
    case count(String, Int)
    /// Each entity (text, and type when given) is among the article's.
    case entities([(text: String, type: String?)])
    /// The article is a duplicate: of any article (`set`), of none (`none`), or of the first
    /// article of a file of the case.
    case duplicateOf(PipelineTestDuplicate)
    /// Each key of `extra` has the value.
    case extra([String: JSONValue])
}

/// What `duplicate_of` must be.
public enum PipelineTestDuplicate: Sendable, Equatable {
    /// Not a duplicate.
    case none
    /// A duplicate of some article.
    case set
    /// A duplicate of the first article of this file of the case.
    case file(String)
}

/// What became of an input article.
public enum PipelineTestOutcome: String, Sendable, CaseIterable {
    /// It reached the sinks.
    case written
    /// Dropped as a duplicate.
    case duplicate
    /// Dropped by a filter.
    case filtered
    /// Dropped, as a duplicate or by a filter.
    case dropped
    /// Sent to the quarantine.
    case quarantined
}
