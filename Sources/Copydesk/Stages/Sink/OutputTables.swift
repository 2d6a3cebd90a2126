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

/// One normalised output table shared by the `csv` and `sqlite` sinks: its name, its columns in
/// order and how an article turns into its rows. Both sinks write exactly these columns, so a
/// CSV file and its SQLite table have the same header.
public struct OutputTable: Sendable {
    /// Table name (`articles`), also the CSV file name without `.csv`.
    public let name: String
    /// Column names, in output order.
    public let columns: [String]
    /// The rows of one article, each with one value per column; the run id fills `run_id`.
    public let rows: @Sendable (_ article: Article, _ runID: String) -> [[OutputValue]]

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
            "id", "source_path", "source_line", "source_format", "date", "section", "title", "summary", "url",
            "dateline_place", "dateline_agency", "text", "duplicate_of", "similarity", "removed_blocks", "run_id",
            "content_key", "source_record_id", "authors", "language", "site", "source_member", "source_offset", "extra",
        ]
    ) { article, runID in
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

    /// One row per paragraph or heading of the body.
    public static let paragraphs = OutputTable(
        name: "paragraphs", columns: ["article_id", "idx", "kind", "start", "end"]
    ) { article, _ in
        article.paragraphs.enumerated().map { index, paragraph in
            [.text(article.id), .integer(index), .text(paragraph.kind.rawValue), .integer(paragraph.start), .integer(paragraph.end)]
        }
    }

    /// One row per sentence.
    public static let sentences = OutputTable(
        name: "sentences", columns: ["article_id", "idx", "paragraph", "start", "end", "text"]
    ) { article, _ in
        article.sentences.enumerated().map { index, sentence in
            [
                .text(article.id), .integer(index), .integer(sentence.paragraph), .integer(sentence.start), .integer(sentence.end),
                .text(sentence.text),
            ]
        }
    }

    /// One row per entity mention.
    public static let entities = OutputTable(
        name: "entities", columns: ["article_id", "idx", "text", "type", "canonical", "start", "end", "sentence", "mentions"]
    ) { article, _ in
        article.entities.enumerated().map { index, entity in
            [
                .text(article.id), .integer(index), .text(entity.text), .text(entity.type.rawValue), .text(entity.canonical),
                .integer(entity.start), .integer(entity.end), .integer(entity.sentence), .integer(entity.mentions),
            ]
        }
    }

    /// One row per direct quotation.
    public static let quotes = OutputTable(
        name: "quotes", columns: ["article_id", "idx", "text", "speaker", "verb", "start", "end", "sentence"]
    ) { article, _ in
        article.quotes.enumerated().map { index, quote in
            [
                .text(article.id), .integer(index), .text(quote.text), .nullable(quote.speaker), .nullable(quote.verb),
                .integer(quote.start), .integer(quote.end), .integer(quote.sentence),
            ]
        }
    }

    /// One row per amount of money, percentage or quantity.
    public static let amounts = OutputTable(
        name: "amounts",
        columns: ["article_id", "idx", "text", "kind", "value", "currency", "unit", "qualifier", "start", "end", "sentence"]
    ) { article, _ in
        article.amounts.enumerated().map { index, amount in
            [
                .text(article.id), .integer(index), .text(amount.text), .text(amount.kind.rawValue), .real(amount.value),
                .nullable(amount.currency), .nullable(amount.unit), .nullable(amount.qualifier), .integer(amount.start), .integer(amount.end),
                .integer(amount.sentence),
            ]
        }
    }

    /// One row per date mentioned in the text.
    public static let dates = OutputTable(
        name: "dates", columns: ["article_id", "idx", "text", "value", "resolution", "start", "end", "sentence"]
    ) { article, _ in
        article.dates.enumerated().map { index, date in
            [
                .text(article.id), .integer(index), .text(date.text), .nullable(date.value), .text(date.resolution),
                .integer(date.start), .integer(date.end), .integer(date.sentence),
            ]
        }
    }

    /// One row per article marked as a near or exact duplicate of a surviving article.
    public static let duplicates = OutputTable(
        name: "duplicates", columns: ["article_id", "duplicate_of", "similarity"]
    ) { article, _ in
        guard let survivor = article.duplicateOf else { return [] }
        return [[.text(article.id), .text(survivor), .nullable(article.similarity)]]
    }
}
