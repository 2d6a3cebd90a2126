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
    /// The rows of the article at an index of a batch, each with one value per column; the
    /// run id fills `run_id`. The batch and index are passed rather than the article so the
    /// builder reads it where it lies: passing an article to a closure copies it, retaining
    /// every string and array it holds.
    let rowsAt: @Sendable (_ articles: [Article], _ index: Int, _ runID: String) -> [[OutputValue]]

    /// Column names, in output order.
    public var columns: [String] { schema.map(\.name) }

    /// The rows of the articles at `indices` of `articles` (all of them when not told), in
    /// order, each article read where it lies.
    public func rows(of articles: [Article], at indices: [Int]? = nil, _ runID: String) -> [[OutputValue]] {
        var rows: [[OutputValue]] = []
        for index in indices ?? Array(articles.indices) { rows += rowsAt(articles, index, runID) }
        return rows
    }

    /// The rows of one article.
    public func rows(_ article: Article, _ runID: String) -> [[OutputValue]] {
        rowsAt([article], 0, runID)
    }

    /// Creates a table; annotation tables are keyed by `(article_id, idx)` unless told.
    init(
        name: String, columns: [OutputColumn], key: [String] = ["article_id", "idx"], indexes: [OutputIndex] = [],
        rows: @escaping @Sendable (_ articles: [Article], _ index: Int, _ runID: String) -> [[OutputValue]]
    ) {
        self.name = name
        self.schema = columns
        self.key = key
        self.indexes = indexes
        self.rowsAt = rows
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
        ]
    ) { articles, index, runID in articlesRows(articles[index], runID) }

    /// One row per paragraph or heading of the body.
    public static let paragraphs = OutputTable(
        name: "paragraphs", columns: [.text("article_id"), .integer("idx"), .text("kind"), .integer("start_offset"), .integer("end_offset")]
    ) { articles, index, runID in paragraphsRows(articles[index], runID) }

    /// One row per sentence.
    public static let sentences = OutputTable(
        name: "sentences",
        columns: [.text("article_id"), .integer("idx"), .integer("paragraph"), .integer("start_offset"), .integer("end_offset"), .text("text")]
    ) { articles, index, runID in sentencesRows(articles[index], runID) }

    /// One row per entity mention.
    public static let entities = OutputTable(
        name: "entities",
        columns: [
            .text("article_id"), .integer("idx"), .text("text"), .text("type"), .text("canonical"), .integer("start_offset"), .integer("end_offset"),
            .integer("sentence"), .integer("mentions"),
        ],
        indexes: [OutputIndex(name: "entities_canonical", columns: ["canonical", "type"])]
    ) { articles, index, runID in entitiesRows(articles[index], runID) }

    /// One row per direct quotation.
    public static let quotes = OutputTable(
        name: "quotes",
        columns: [
            .text("article_id"), .integer("idx"), .text("text"), .text("speaker", nullable: true), .text("verb", nullable: true),
            .integer("start_offset"), .integer("end_offset"), .integer("sentence"),
        ],
        indexes: [OutputIndex(name: "quotes_speaker", columns: ["speaker"])]
    ) { articles, index, runID in quotesRows(articles[index], runID) }

    /// One row per amount of money, percentage or quantity.
    public static let amounts = OutputTable(
        name: "amounts",
        columns: [
            .text("article_id"), .integer("idx"), .text("text"), .text("kind"), .real("value"), .text("currency", nullable: true),
            .text("unit", nullable: true), .text("qualifier", nullable: true), .integer("start_offset"), .integer("end_offset"), .integer("sentence"),
        ]
    ) { articles, index, runID in amountsRows(articles[index], runID) }

    /// One row per date mentioned in the text.
    public static let dates = OutputTable(
        name: "dates",
        columns: [
            .text("article_id"), .integer("idx"), .text("text"), .text("value", nullable: true), .text("resolution"), .integer("start_offset"),
            .integer("end_offset"), .integer("sentence"),
        ],
        indexes: [OutputIndex(name: "dates_value", columns: ["value"])]
    ) { articles, index, runID in datesRows(articles[index], runID) }

    /// One row per article marked as a near or exact duplicate of a surviving article.
    public static let duplicates = OutputTable(
        name: "duplicates", columns: [.text("article_id"), .text("duplicate_of"), .real("similarity", nullable: true)],
        key: ["article_id"], indexes: [OutputIndex(name: "duplicates_duplicate_of", columns: ["duplicate_of"])]
    ) { articles, index, runID in duplicatesRows(articles[index], runID) }

    /// The rows of `article` in ``articles``.
    private static func articlesRows(_ article: Article, _ runID: String) -> [[OutputValue]] {
        [
            [
                .text(article.id), .text(article.source.path), .integer(article.source.line), .text(article.source.format),
                .nullable(article.date), .nullable(article.section), .nullable(article.title), .nullable(article.summary), .nullable(article.url),
                .nullable(article.dateline?.place), .nullable(article.dateline?.agency), .text(article.text), .nullable(article.duplicateOf),
                .nullable(article.similarity), .integer(article.removedBlocks.count), .text(runID),
                .text(article.contentKey), .nullable(article.source.recordID),
                article.authors.isEmpty ? .null : .text(article.authors.joined(separator: authorSeparator)),
                .nullable(article.language), .nullable(article.site), .nullable(article.source.member),
                article.source.offset.map(OutputValue.integer) ?? .null, .text(JSONValue.object(article.extra).jsonText),
            ]
        ]
    }

    /// The rows of `article` in ``paragraphs``.
    private static func paragraphsRows(_ article: Article, _ _: String) -> [[OutputValue]] {
        article.paragraphs.enumerated().map { index, paragraph in
            [.text(article.id), .integer(index), .text(paragraph.kind.rawValue), .integer(paragraph.start), .integer(paragraph.end)]
        }
    }

    /// The rows of `article` in ``sentences``.
    private static func sentencesRows(_ article: Article, _ _: String) -> [[OutputValue]] {
        article.sentences.enumerated().map { index, sentence in
            [
                .text(article.id), .integer(index), .integer(sentence.paragraph), .integer(sentence.start), .integer(sentence.end),
                .text(sentence.text),
            ]
        }
    }

    /// The rows of `article` in ``entities``.
    private static func entitiesRows(_ article: Article, _ _: String) -> [[OutputValue]] {
        article.entities.enumerated().map { index, entity in
            [
                .text(article.id), .integer(index), .text(entity.text), .text(entity.type.rawValue), .text(entity.canonical),
                .integer(entity.start), .integer(entity.end), .integer(entity.sentence), .integer(entity.mentions),
            ]
        }
    }

    /// The rows of `article` in ``quotes``.
    private static func quotesRows(_ article: Article, _ _: String) -> [[OutputValue]] {
        article.quotes.enumerated().map { index, quote in
            [
                .text(article.id), .integer(index), .text(quote.text), .nullable(quote.speaker), .nullable(quote.verb),
                .integer(quote.start), .integer(quote.end), .integer(quote.sentence),
            ]
        }
    }

    /// The rows of `article` in ``amounts``.
    private static func amountsRows(_ article: Article, _ _: String) -> [[OutputValue]] {
        article.amounts.enumerated().map { index, amount in
            [
                .text(article.id), .integer(index), .text(amount.text), .text(amount.kind.rawValue), .real(amount.value),
                .nullable(amount.currency), .nullable(amount.unit), .nullable(amount.qualifier), .integer(amount.start), .integer(amount.end),
                .integer(amount.sentence),
            ]
        }
    }

    /// The rows of `article` in ``dates``.
    private static func datesRows(_ article: Article, _ _: String) -> [[OutputValue]] {
        article.dates.enumerated().map { index, date in
            [
                .text(article.id), .integer(index), .text(date.text), .nullable(date.value), .text(date.resolution),
                .integer(date.start), .integer(date.end), .integer(date.sentence),
            ]
        }
    }

    /// The rows of `article` in ``duplicates``.
    private static func duplicatesRows(_ article: Article, _ _: String) -> [[OutputValue]] {
        guard let survivor = article.duplicateOf else { return [] }
        return [[.text(article.id), .text(survivor), .nullable(article.similarity)]]
    }

    /// The table that holds this table's rows in a database (SQLite, PostgreSQL): `sentences` is
    /// a view whose `text` is cut out of the article's text by offsets, so its rows go to
    /// `sentence_spans` without that last column; every other table is stored as it is.
    public var stored: OutputTable {
        guard name == OutputTable.sentences.name else { return self }
        precondition(schema.last?.name == "text", "the sentences view derives the last column, text")
        return OutputTable(name: "sentence_spans", columns: schema.dropLast(), key: key, indexes: indexes) { [rowsAt] articles, index, runID in
            rowsAt(articles, index, runID).map { Array($0.dropLast()) }
        }
    }

    /// The stored annotation tables: every table but `articles`, each holding rows keyed by
    /// `article_id` (sentences as `sentence_spans`).
    public static let storedAnnotationTables = all.filter { $0.name != articles.name }.map(\.stored)
}
