import Foundation

/// The Frictionless Data Package descriptor (`datapackage.json`) the `csv` sink writes beside
/// its CSV files: one tabular resource per table written, its dialect the one
/// ``CSVRecordEncoder`` writes, its Table Schema generated from the table's ``OutputColumn``s,
/// its key and its reference to `articles`. A reader such as `frictionless validate` checks
/// the files against it.
///
/// The descriptor follows Data Package v1 (`tabular-data-package`). A null cell is an empty
/// field and an empty string a quoted empty field (`""`): the file tells them apart, but Table
/// Schema compares the parsed cell with `missingValues`, so a reader following the descriptor
/// reads both as missing. An empty string in a column that is never null (an empty body let
/// through by a pipeline without `normalize`) then fails that column's `required` constraint.
public struct DataPackageDescriptor: Sendable {
    /// The descriptor's file name in the sink's directory.
    public static let fileName = "datapackage.json"
    /// The package's `name`.
    public static let packageName = "copydesk-tables"
    /// The cell a null is written as: an empty field.
    public static let missingValues = [""]
    /// The column of an annotation table naming the article its row belongs to.
    public static let articleReference = "article_id"

    /// The tables described, in the order the sink writes them.
    public let tables: [OutputTable]

    /// Creates the descriptor of the CSV files of `tables`.
    public init(tables: [OutputTable]) {
        self.tables = tables
    }

    /// The descriptor as pretty-printed JSON with sorted keys, byte for byte the same for the
    /// same tables; ends with a newline.
    public func text() -> String { document().prettyText }

    /// The descriptor as a JSON value.
    public func document() -> JSONValue {
        .object([
            "name": .string(Self.packageName),
            "profile": .string("tabular-data-package"),
            "resources": .array(tables.map(resource)),
        ])
    }

    /// The CSV dialect ``CSVRecordEncoder`` writes: a header row, commas, fields quoted with
    /// `"` when needed and quotes doubled, every record ended by CRLF.
    public static let dialect: JSONValue = .object([
        "delimiter": .string(","),
        "doubleQuote": .bool(true),
        "header": .bool(true),
        "lineTerminator": .string("\r\n"),
        "quoteChar": .string("\""),
        "skipInitialSpace": .bool(false),
    ])

    /// The resource describing `table`'s CSV file.
    func resource(_ table: OutputTable) -> JSONValue {
        .object([
            "name": .string(table.name),
            "path": .string("\(table.name).csv"),
            "profile": .string("tabular-data-resource"),
            "format": .string("csv"),
            "mediatype": .string("text/csv"),
            "encoding": .string("utf-8"),
            "dialect": Self.dialect,
            "schema": schema(table),
        ])
    }

    /// The Table Schema of `table`: its fields in column order, its key and, when `articles`
    /// is in the package, the reference of its `article_id` to `articles.id`.
    func schema(_ table: OutputTable) -> JSONValue {
        var members: [String: JSONValue] = [
            "fields": .array(table.schema.map(Self.field)),
            "missingValues": .array(Self.missingValues.map(JSONValue.string)),
            "primaryKey": .array(table.key.map(JSONValue.string)),
        ]
        let foreignKeys = Self.foreignKeys(of: table, within: tables)
        if !foreignKeys.isEmpty { members["foreignKeys"] = .array(foreignKeys) }
        return .object(members)
    }

    /// The Table Schema field of `column`: required unless the column is nullable.
    static func field(_ column: OutputColumn) -> JSONValue {
        var members: [String: JSONValue] = ["name": .string(column.name), "type": .string(column.kind.schemaTypeName)]
        if !column.isNullable { members["constraints"] = .object(["required": .bool(true)]) }
        return .object(members)
    }

    /// The references of `table` to the other tables of `tables`: an `article_id` column points
    /// at `articles.id` when `articles` is among them. Other references (`duplicate_of`) are
    /// left out: the article they name may have been written by an earlier run.
    static func foreignKeys(of table: OutputTable, within tables: [OutputTable]) -> [JSONValue] {
        let articles = OutputTable.articles
        guard table.name != articles.name, table.columns.contains(articleReference),
            tables.contains(where: { $0.name == articles.name })
        else { return [] }
        return [
            .object([
                "fields": .array([.string(articleReference)]),
                "reference": .object(["resource": .string(articles.name), "fields": .array(articles.key.map(JSONValue.string))]),
            ])
        ]
    }
}
