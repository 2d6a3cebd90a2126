import Testing

@testable import Copydesk

/// A pipeline file that `copydesk validate` refuses with one error, and what the pipeline schema
/// makes of it: the loader tests check the error, the schema tests check the verdict.
struct BrokenPipeline: Sendable, CustomTestStringConvertible {
    /// The file, as `pipeline.yaml`.
    let yaml: String
    /// The error the loader (or, for ``refusedWhenBuilt``, building the stages) reports.
    let error: String
    /// Whether the schema catches it.
    let schema: SchemaVerdict

    /// The error names the case in test output.
    var testDescription: String { error }
}

/// What the pipeline schema makes of a broken pipeline.
enum SchemaVerdict: Sendable {
    /// Rejected, with an error at this JSON pointer (`/stages/0/path`; empty for the top level).
    case rejected(at: String)
    /// Valid against the schema: only `copydesk validate` can tell, for the reason given.
    case beyondSchema(String)
    /// Not YAML data a schema could check, for the reason given; the YAML reader refuses it.
    case notData(String)
}

extension BrokenPipeline {
    /// Every transform and sink name, as error messages list them.
    private static let knownMiddleStages = (StageRegistry.standard.transforms.map { $0.typeName } + StageRegistry.standard.sinks.map { $0.typeName })
        .joined(separator: ", ")

    /// Pipelines the loader refuses, each with the one error it reports.
    static let refusedByTheLoader: [BrokenPipeline] = [
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n    pathz: 1\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:5:5: unknown option 'pathz' for stage 'textdrop' (did you mean 'path'?)",
            schema: .rejected(at: "/stages/0")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: jsonll\n    path: o.jsonl\n",
            error: "pipeline.yaml:5:11: unknown stage type 'jsonll' (did you mean 'jsonl'?)",
            schema: .rejected(at: "/stages/1")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: sqlite_out\n    path: o.jsonl\n",
            error: "pipeline.yaml:5:11: unknown stage type 'sqlite_out' (known: \(knownMiddleStages))",
            schema: .rejected(at: "/stages/1")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: o\n",
            error: "pipeline.yaml:5:11: unknown stage type 'textdrop' (known: \(knownMiddleStages))",
            schema: .rejected(at: "/stages/1")),
        BrokenPipeline(
            yaml: "name: x\nbatch_size: lots\nstages:\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:2:13: batch_size: expected an integer, found 'lots'",
            schema: .rejected(at: "/batch_size")),
        BrokenPipeline(
            yaml: "name: x\nbatch_size: 0\nstages:\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:2:13: batch_size: 0 is outside 1...100000",
            schema: .rejected(at: "/batch_size")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: html\n    path: pages\n    min_characters: -1\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:5:21: min_characters: -1 is outside 0...100000",
            schema: .rejected(at: "/stages/0/min_characters")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n  - type: jsonl\n    path: o.jsonl\n",
            error:
                "pipeline.yaml:3:5: stage 'textdrop' is missing required option 'path' (string: File, directory (searched recursively) or glob pattern to read.)",
            schema: .rejected(at: "/stages/0")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: [a, b]\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:4:11: path: expected string, found a list",
            schema: .rejected(at: "/stages/0/path")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: sqlite\n    path: o.sqlite\n    fts: maybe\n",
            error: "pipeline.yaml:7:10: fts: expected true or false, found 'maybe'",
            schema: .rejected(at: "/stages/1/fts")),
        BrokenPipeline(
            yaml:
                "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: dedupe\n    survivor: newest\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:6:15: survivor: 'newest' is not one of earliest_date, longest_body, source_priority, first_seen",
            schema: .rejected(at: "/stages/1/survivor")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: jsonl\n    path: in.jsonl\n    fields: {headline: title}\n  - type: jsonl\n    path: o.jsonl\n",
            error:
                "pipeline.yaml:5:14: fields: unknown field 'headline' (known: id, title, summary, text, date, section, url, authors, language, site)",
            schema: .rejected(at: "/stages/0/fields")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n",
            error: "pipeline.yaml:3:5: the pipeline has no sink: end it with one of jsonl, csv, sqlite, postgres",
            schema: .rejected(at: "/stages")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: normalize\n",
            error: "pipeline.yaml:5:5: the pipeline has no sink: end it with one of jsonl, csv, sqlite, postgres",
            schema: .rejected(at: "/stages")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: jsonl\n    path: in.jsonl\n  - type: normalize\n",
            error: "pipeline.yaml:5:5: the pipeline has no sink: end it with one of jsonl, csv, sqlite, postgres",
            schema: .beyondSchema(
                "`contains` asks for an entry naming a sink, and the jsonl source's `type: jsonl` names one: no draft can leave the first item out")),
        BrokenPipeline(
            yaml: "name: x\nstages: textdrop\n",
            error: "pipeline.yaml:2:9: 'stages' must be a non-empty list of stages",
            schema: .rejected(at: "/stages")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdorp\n    path: samples\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:3:11: unknown source type 'textdorp' (did you mean 'textdrop'?)",
            schema: .rejected(at: "/stages/0")),
        BrokenPipeline(
            yaml: "stages:\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:1:1: the pipeline is missing required option 'name' (string: Pipeline name, used in summaries and run history.)",
            schema: .rejected(at: "")),
        BrokenPipeline(
            yaml: "name: x\ncolour: blue\nstages:\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: o.jsonl\n",
            error:
                "pipeline.yaml:2:1: unknown option 'colour' for the pipeline (known: name, batch_size, concurrency, buffer, quarantine, max_quarantined, ledger, report, metrics, report_html, lock_wait, min_articles, include, stages)",
            schema: .rejected(at: "")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n    workers: 4\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:5:14: workers: 'textdrop' reads or writes in order and runs on one worker",
            schema: .rejected(at: "/stages/0/workers")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: dedupe\n    workers: 3\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:6:14: workers: 'dedupe' keeps state across batches and runs on one worker",
            schema: .rejected(at: "/stages/1/workers")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: ${MISSING}\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:4:11: path: environment variable MISSING is not set (use ${MISSING:-default} for a fallback)",
            schema: .beyondSchema("whether a variable is set is known when the pipeline is loaded, not when it is edited")),
        BrokenPipeline(
            yaml: "name: x\nbatch_size: ${BATCH:-lots}\nstages:\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:2:13: batch_size: expected an integer, found 'lots'",
            schema: .beyondSchema(
                "a value holding a reference is checked once expanded; the schema accepts any reference where an integer is expected")),
        BrokenPipeline(
            yaml: "name: x\nbatch_size: \"0\"\nstages:\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:2:13: batch_size: 0 is outside 1...100000",
            schema: .beyondSchema("a number written as text matches a pattern, and a pattern cannot compare numbers")),
        BrokenPipeline(
            yaml: "name: x\nmax_quarantined: some\nstages:\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:2:18: max_quarantined: expected a count (100) or a percentage (5%), found 'some'",
            schema: .beyondSchema("a value in a format of its own is read by its own parser; the declaration describes it in words only")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: o.jsonl\n  - type: normalize\n",
            error: "pipeline.yaml:7:11: transform 'normalize' comes after a sink; sinks close the pipeline",
            schema: .beyondSchema("order after the first entry: draft-07 types every later entry alike and cannot say that none follows a sink")),
        BrokenPipeline(
            yaml: "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: extract\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:5:11: 'extract' needs a 'segment' stage before it",
            schema: .beyondSchema("a stage's required earlier stages are an order rule across entries")),
        BrokenPipeline(
            yaml:
                "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: out/a.jsonl\n  - type: jsonl\n    path: ./out/a.jsonl\n",
            error: "pipeline.yaml:8:11: path: './out/a.jsonl' is also the path of stage 'jsonl' (line 6)",
            schema: .beyondSchema("a path clash compares values of different keys and entries, as standardized absolute paths")),
        BrokenPipeline(
            yaml: "name: x\nquarantine: out/a.jsonl\nstages:\n  - type: textdrop\n    path: samples\n  - type: jsonl\n    path: out/a.jsonl\n",
            error: "pipeline.yaml:7:11: path: 'out/a.jsonl' is also the quarantine file (line 2)",
            schema: .beyondSchema("a path clash between a pipeline-level key and a stage option")),
        BrokenPipeline(
            yaml: "name: x\nstages: [\n",
            error: "pipeline.yaml:3:1: YAML: while parsing a flow node did not find expected node content",
            schema: .notData("a YAML syntax error")),
        BrokenPipeline(
            yaml: "name: x\nname: y\nstages: []\n",
            error: "pipeline.yaml:1:1: YAML: duplicate key name",
            schema: .notData("a key given twice: YAML readers refuse it (or keep one value), so no schema sees it")),
    ]

    /// Pipelines that load but whose stages refuse their options when built (`copydesk validate`
    /// builds them): rules across options, and values checked against what is installed.
    static let refusedWhenBuilt: [BrokenPipeline] = [
        BrokenPipeline(
            yaml:
                "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: dedupe\n    hash_count: 100\n  - type: jsonl\n    path: o.jsonl\n",
            error: "pipeline.yaml:6:17: hash_count: bands × rows (40 × 3) must equal hash_count (100)",
            schema: .beyondSchema("a rule across options (hash_count = bands × rows)")),
        BrokenPipeline(
            yaml:
                "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: segment\n    language: tlh\n  - type: jsonl\n    path: o.jsonl\n",
            error:
                "pipeline.yaml:6:15: language: no segmentation rules for 'tlh': bundled data file Resources/language/tlh/abbreviations.txt is missing",
            schema: .beyondSchema("the languages are the word lists installed, not a declared choice")),
        BrokenPipeline(
            yaml:
                "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: csv\n    directory: out/tables\n    tables: [articles, people]\n",
            error:
                "pipeline.yaml:7:13: tables: unknown table 'people'; known: articles, paragraphs, sentences, entities, quotes, amounts, dates, duplicates",
            schema: .beyondSchema("a list of strings whose items the stage checks when built")),
        BrokenPipeline(
            yaml:
                "name: x\nstages:\n  - type: textdrop\n    path: samples\n  - type: dedupe\n    history: redis://cache/0\n  - type: jsonl\n    path: o.jsonl\n",
            error:
                "pipeline.yaml:6:14: history: 'redis://cache/0': redis:// stores are not supported; use a path, sqlite:///path or postgres://host/database",
            schema: .beyondSchema("a state store's scheme is read by the store's own parser")),
    ]
}
