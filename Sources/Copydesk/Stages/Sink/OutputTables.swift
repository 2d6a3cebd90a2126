/// One cell of an output table: text, a whole number, a decimal number or null.
public enum OutputValue: Sendable, Equatable {
    /// A string.
    case text(String)
    /// A whole number.
    case integer(Int)
    /// A decimal number.
    case real(Double)
    /// An absent value.
    case null

    /// Text for a present string, null for `nil`.
    static func nullable(_ value: String?) -> OutputValue { value.map(OutputValue.text) ?? .null }

    /// A decimal for a present number, null for `nil`.
    static func nullable(_ value: Double?) -> OutputValue { value.map(OutputValue.real) ?? .null }
}

/// One normalised output table shared by the `csv`, `sqlite` and `postgres` sinks: its name, its
/// columns in order with their kinds, its key and indexes, and how an article turns into its
/// rows. Every sink writes exactly these columns, so a CSV file, its SQLite table and its
/// PostgreSQL table have the same header.
public struct OutputTable: Sendable {
    /// Table name (`articles`), also the CSV file name without `.csv`.
    public let name: String
    /// The columns, in output order.
    public let schema: [OutputColumn]
    /// The columns that identify a row: `id` for articles, `article_id` for duplicates,
    /// `(article_id, idx)` for the annotation tables.
    public let key: [String]
    /// The secondary indexes the database sinks build.
    public let indexes: [OutputIndex]
    /// How an article turns into this table's rows.
    let layout: OutputRowLayout

    /// Column names, in output order.
    public var columns: [String] { schema.map(\.name) }

    /// Writes the rows of the articles at `indices` of `articles` (all of them when not told)
    /// into `writer`, in order, each with one cell per column; the run id fills `run_id`.
    func writeRows(of articles: [Article], at indices: [Int]? = nil, _ runID: String, to writer: inout some OutputRowWriter) throws {
        for index in indices ?? Array(articles.indices) { try layout.writeRows(of: articles[index], runID, to: &writer) }
    }

    /// The rows of the articles at `indices` of `articles` (all of them when not told), in
    /// order, each with one value per column.
    public func rows(of articles: [Article], at indices: [Int]? = nil, _ runID: String) -> [[OutputValue]] {
        var collected = OutputValueRows()
        // Collecting values cannot fail: only a sink's own writer throws.
        try? writeRows(of: articles, at: indices, runID, to: &collected)
        return collected.rows
    }

    /// The rows of one article.
    public func rows(_ article: Article, _ runID: String) -> [[OutputValue]] {
        rows(of: [article], runID)
    }

    /// Creates a table; annotation tables are keyed by `(article_id, idx)` unless told.
    init(
        name: String, columns: [OutputColumn], key: [String] = ["article_id", "idx"], indexes: [OutputIndex] = [],
        layout: OutputRowLayout
    ) {
        self.name = name
        self.schema = columns
        self.key = key
        self.indexes = indexes
        self.layout = layout
    }

    /// Every table, in the order parents precede children.
    public static let all: [OutputTable] = [articles, paragraphs, sentences, entities, quotes, amounts, dates, duplicates]

    /// The tables the `csv` sink writes when `tables` is not set.
    public static let csvDefaultNames = ["articles", "paragraphs", "sentences", "entities", "quotes", "amounts", "dates"]

    /// The table called `name`, if there is one.
    public static func named(_ name: String) -> OutputTable? { all.first { $0.name == name } }

    /// Separator of the names in the `authors` cell: a list does not fit in one cell, so the
    /// names are joined (`Jane Doe; John Roe`), and the cell is null when there is none.
    public static let authorSeparator = "; "

    /// One row per article. New columns are appended, so earlier columns keep their positions.
    public static let articles = OutputTable(
        name: "articles",
        columns: [
            .text("id"), .text("source_path"), .integer("source_line"), .text("source_format"), .text("date", nullable: true),
            .text("section", nullable: true), .text("title", nullable: true), .text("summary", nullable: true),
            .text("url", nullable: true), .text("dateline_place", nullable: true), .text("dateline_agency", nullable: true),
            .text("text"), .text("duplicate_of", nullable: true), .real("similarity", nullable: true), .integer("removed_block_count"),
            .text("run_id"), .text("content_key", nullable: true), .text("source_record_id", nullable: true),
            .text("authors", nullable: true), .text("language", nullable: true), .text("site", nullable: true),
            .text("source_member", nullable: true), .integer("source_offset", nullable: true), .text("extra"),
        ],
        key: ["id"],
        indexes: [
            OutputIndex(name: "articles_date", columns: ["date"]), OutputIndex(name: "articles_section", columns: ["section"]),
            OutputIndex(name: "articles_run", columns: ["run_id"]), OutputIndex(name: "articles_content_key", columns: ["content_key"]),
        ],
        layout: .articles
    )

    /// One row per paragraph or heading of the body.
    public static let paragraphs = OutputTable(
        name: "paragraphs", columns: [.text("article_id"), .integer("idx"), .text("kind"), .integer("start_offset"), .integer("end_offset")],
        layout: .paragraphs
    )

    /// One row per sentence.
    public static let sentences = OutputTable(
        name: "sentences",
        columns: [.text("article_id"), .integer("idx"), .integer("paragraph"), .integer("start_offset"), .integer("end_offset"), .text("text")],
        layout: .sentences
    )

    /// One row per entity mention.
    public static let entities = OutputTable(
        name: "entities",
        columns: [
            .text("article_id"), .integer("idx"), .text("text"), .text("type"), .text("canonical"), .integer("start_offset"), .integer("end_offset"),
            .integer("sentence"), .integer("mentions"),
        ],
        indexes: [OutputIndex(name: "entities_canonical", columns: ["canonical", "type"])],
        layout: .entities
    )

    /// One row per direct quotation.
    public static let quotes = OutputTable(
        name: "quotes",
        columns: [
            .text("article_id"), .integer("idx"), .text("text"), .text("speaker", nullable: true), .text("verb", nullable: true),
            .integer("start_offset"), .integer("end_offset"), .integer("sentence"),
        ],
        indexes: [OutputIndex(name: "quotes_speaker", columns: ["speaker"])],
        layout: .quotes
    )

    /// One row per amount of money, percentage or quantity.
    public static let amounts = OutputTable(
        name: "amounts",
        columns: [
            .text("article_id"), .integer("idx"), .text("text"), .text("kind"), .real("value"), .text("currency", nullable: true),
            .text("unit", nullable: true), .text("qualifier", nullable: true), .integer("start_offset"), .integer("end_offset"), .integer("sentence"),
        ],
        layout: .amounts
    )

    /// One row per date mentioned in the text.
    public static let dates = OutputTable(
        name: "dates",
        columns: [
            .text("article_id"), .integer("idx"), .text("text"), .text("value", nullable: true), .text("resolution"), .integer("start_offset"),
            .integer("end_offset"), .integer("sentence"),
        ],
        indexes: [OutputIndex(name: "dates_value", columns: ["value"])],
        layout: .dates
    )

    /// One row per article marked as a near or exact duplicate of a surviving article.
    public static let duplicates = OutputTable(
        name: "duplicates", columns: [.text("article_id"), .text("duplicate_of"), .real("similarity", nullable: true)],
        key: ["article_id"], indexes: [OutputIndex(name: "duplicates_duplicate_of", columns: ["duplicate_of"])],
        layout: .duplicates
    )

    /// The table that holds this table's rows in a database (SQLite, PostgreSQL): `sentences` is
    /// a view whose `text` is cut out of the article's text by offsets, so its rows go to
    /// `sentence_spans` without that last column; every other table is stored as it is.
    public var stored: OutputTable {
        guard name == OutputTable.sentences.name else { return self }
        precondition(schema.last?.name == "text", "the sentences view derives the last column, text")
        return OutputTable(name: "sentence_spans", columns: schema.dropLast(), key: key, indexes: indexes, layout: .sentenceSpans)
    }

    /// The stored annotation tables: every table but `articles`, each holding rows keyed by
    /// `article_id` (sentences as `sentence_spans`).
    public static let storedAnnotationTables = all.filter { $0.name != articles.name }.map(\.stored)
}
