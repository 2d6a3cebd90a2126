/// The schema of the `postgres` sink's output, built from ``OutputTable``: the same tables,
/// columns, keys and indexes as the `sqlite` sink's (sentences as `sentence_spans` under a
/// `sentences` view), the `runs` table, and a `search` column of type `tsvector` over title and
/// text with a GIN index for full-text search.
///
/// Creation is idempotent (`IF NOT EXISTS`) and serialized by an advisory lock, so sinks that
/// start at once on one schema do not race. A schema written by a version with other columns
/// is refused with a message naming the difference, rather than written into.
enum PostgresOutputSchema {
    /// The generated full-text column of `articles`.
    static let searchColumn = "search"

    /// The columns of `runs`, in order, as the `sqlite` sink has them.
    static let runsColumns = ["id", "pipeline", "started_at", "finished_at", "status", "articles", "config_hash", "duplicates"]

    /// Creates what is missing: the tables, then, once their columns are checked against what
    /// this version writes, the search column, the indexes and the `sentences` view.
    static func create(on connection: PostgresConnection) throws {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext('copydesk output ' || current_schema()))")
            try renameReservedColumns(on: connection)
            for statement in tableDefinitions { try connection.execute(statement) }
            try check(on: connection)
            for statement in derivedDefinitions { try connection.execute(statement) }
        }
    }

    /// The temporary table a run stages `table`'s rows in before its commit merges them: the
    /// same columns, no key or index, private to the connection and gone with it.
    static func stagingTable(_ table: OutputTable) -> String { "copydesk_staged_\(table.name)" }

    /// `CREATE TEMPORARY TABLE` statements for the staging tables of every stored table.
    static var stagingDefinitions: String {
        OutputTable.all.map(\.stored).map { table in
            "CREATE TEMPORARY TABLE \(stagingTable(table)) (\(table.schema.map(columnDefinition).joined(separator: ", ")))"
        }.joined(separator: ";\n")
    }

    /// The statements that create the tables, parents before children, and `runs`.
    private static var tableDefinitions: [String] {
        OutputTable.all.map(\.stored).map(tableDefinition) + [
            """
            CREATE TABLE IF NOT EXISTS runs (
                id text PRIMARY KEY, pipeline text, started_at text NOT NULL, finished_at text,
                status text NOT NULL CHECK (status IN ('running', 'complete', 'interrupted', 'failed')),
                articles bigint NOT NULL DEFAULT 0, config_hash text, duplicates bigint NOT NULL DEFAULT 0
            )
            """
        ]
    }

    /// The statements that create what is built over the tables: the search column and its
    /// index, the secondary indexes and the `sentences` view.
    private static var derivedDefinitions: [String] {
        var statements = [
            """
            ALTER TABLE articles ADD COLUMN IF NOT EXISTS \(searchColumn) tsvector
                GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED
            """,
            "CREATE INDEX IF NOT EXISTS articles_\(searchColumn) ON articles USING gin (\(searchColumn))",
        ]
        statements += OutputTable.all.map(\.stored).flatMap { table in
            table.indexes.map { "CREATE INDEX IF NOT EXISTS \($0.name) ON \(table.name) (\($0.columns.map(quoted).joined(separator: ", ")))" }
        }
        statements.append(
            """
            CREATE OR REPLACE VIEW sentences AS
                SELECT s.article_id, s.idx, s.paragraph, s.start_offset, s.end_offset,
                    substr(a.text, (s.start_offset + 1)::integer, (s.end_offset - s.start_offset)::integer) AS text
                FROM sentence_spans s JOIN articles a ON a.id = s.article_id
            """)
        return statements
    }

    /// `CREATE TABLE IF NOT EXISTS` for `table`: its columns, its key, and for every table but
    /// `articles` a foreign key to the article, deleting with it.
    private static func tableDefinition(_ table: OutputTable) -> String {
        var parts = table.schema.map { columnDefinition($0) + ($0.isNullable ? "" : " NOT NULL") }
        parts.append("PRIMARY KEY (\(table.key.map(quoted).joined(separator: ", ")))")
        if table.name != OutputTable.articles.name {
            parts.append("FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE")
        }
        return "CREATE TABLE IF NOT EXISTS \(table.name) (\n    \(parts.joined(separator: ",\n    "))\n)"
    }

    /// A column's name and type.
    private static func columnDefinition(_ column: OutputColumn) -> String {
        "\(quoted(column.name)) \(type(of: column.kind))"
    }

    /// The PostgreSQL type of a kind of value.
    static func type(of kind: OutputColumn.Kind) -> String {
        switch kind {
        case .text: "text"
        case .integer: "bigint"
        case .real: "double precision"
        }
    }

    /// Upgrades an output written before the offset columns were renamed: `start` and `end` (a
    /// reserved word) become `start_offset` and `end_offset`, and `removed_blocks` becomes
    /// `removed_block_count`, as in the SQLite migration "v9 unreserved names". The `sentences`
    /// view over the old names is dropped first; it is created again afterwards.
    private static func renameReservedColumns(on connection: PostgresConnection) throws {
        let renames =
            [("articles", "removed_blocks", "removed_block_count")]
            + ["paragraphs", "sentence_spans", "entities", "quotes", "amounts", "dates"].flatMap { table in
                [(table, "start", "start_offset"), (table, "end", "end_offset")]
            }
        let rows = try connection.query(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name IN ('removed_blocks', 'start', 'end')
            """)
        let present = Set(rows.map { "\($0[0] ?? "").\($0[1] ?? "")" })
        let due = renames.filter { present.contains("\($0.0).\($0.1)") }
        guard !due.isEmpty else { return }
        try connection.execute("DROP VIEW IF EXISTS sentences")
        for (table, old, new) in due {
            try connection.execute("ALTER TABLE \(table) RENAME COLUMN \(quoted(old)) TO \(new)")
        }
    }

    /// Throws when a table of the schema has other columns than this version writes (an output
    /// written by another version of Copydesk).
    private static func check(on connection: PostgresConnection) throws {
        let rows = try connection.query(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """)
        var found: [String: [String]] = [:]
        for row in rows { found[row[0] ?? "", default: []].append(row[1] ?? "") }
        // The search column follows the table's own, once a first run has added it.
        if found[OutputTable.articles.name]?.last == searchColumn { found[OutputTable.articles.name]?.removeLast() }
        var expected = Dictionary(uniqueKeysWithValues: OutputTable.all.map(\.stored).map { ($0.name, $0.columns) })
        expected["runs"] = runsColumns
        for (table, columns) in expected.sorted(by: { $0.key < $1.key }) where found[table] != columns {
            throw SchemaMismatch(
                message: "table \(table) has the columns (\((found[table] ?? []).joined(separator: ", "))), "
                    + "this version of Copydesk writes (\(columns.joined(separator: ", "))); write into another schema (?schema=)")
        }
    }

    /// An existing output whose tables differ from what this version writes.
    struct SchemaMismatch: Error, CustomStringConvertible {
        /// Which table differs, and how.
        let message: String
        /// The message as printed.
        var description: String { message }
    }

    /// An identifier in double quotes (`end` is an SQL keyword).
    static func quoted(_ identifier: String) -> String { PostgresConnection.quoted(identifier) }
}
