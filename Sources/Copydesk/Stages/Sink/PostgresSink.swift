import Foundation

/// Writes articles into the normalised tables of a PostgreSQL database, the same tables and
/// columns as the `sqlite` sink (see `docs/outputs.md`), with a `tsvector` column and GIN index
/// for full-text search and the run history in `runs`.
///
/// The run connects when it starts (``open()``), so a wrong password or an unreachable server
/// fails it before any article is read, and records itself in `runs` as `running`. Each batch
/// is bulk-loaded with `COPY … FROM STDIN` into temporary staging tables private to the
/// connection; ``commit()`` merges them into the tables in one transaction, upserting articles
/// by id and replacing their annotation rows, and records the run as `complete` (`interrupted`
/// when a stop request ended the intake early). Until then nothing of the run is visible: a
/// failed run (``discard()``) or a killed one leaves the tables as they were, under a `runs` row
/// saying `failed` or `running`. A rerun writes the same ids and replaces their rows. Merges
/// into one schema are serialized by an advisory lock, so concurrent runs never deadlock on
/// each other's rows.
public actor PostgresSink: SinkStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "postgres"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary =
        "Writes articles into normalised PostgreSQL tables (COPY, upsert by id, tsvector search, run history)."

    /// The sink's options.
    public struct Options: DeclaredOptions {
        /// Server URL.
        public var url = ""

        /// Writes nowhere until `url` is set.
        public init() {}

        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Self>] = [
            .string(
                "url", \.url, required: true,
                doc:
                    "Server URL, postgres://user@host:port/database; ?schema=name writes into that schema, created when missing; PG* environment variables fill in what it leaves out."
            )
        ]
    }

    private let url: PostgresURL
    private let runID: String
    private let pipelineName: String?
    private let configHash: String?
    private let stop: StopRequest
    private var connection: PostgresConnection?
    /// The ids staged by this run, so a later version of an article replaces an earlier one.
    private var stagedIDs: Set<String> = []
    private var articleCount = 0
    private var duplicateCount = 0

    /// The server, with its password masked.
    public nonisolated var destination: String { url.displayName }

    /// Builds the stage from its options; connects to nothing.
    public init(options: Options, context: StageContext) throws {
        guard !options.url.isEmpty else { throw context.invalid(\Options.url, "must not be empty") }
        do {
            url = try PostgresURL(options.url)
        } catch {
            throw context.invalid(\Options.url, error.message)
        }
        runID = context.run.runID
        pipelineName = context.run.pipeline.isEmpty ? nil : context.run.pipeline
        configHash = context.run.configHash.isEmpty ? nil : context.run.configHash
        stop = context.intake.stop
    }

    /// Connects, creates the schema when missing and records the run as `running`.
    public func open() async throws {
        _ = try openConnection()
    }

    /// Stages one batch, in input order.
    public func write(_ articles: [Article]) throws {
        let connection = try openConnection()
        let latest = articles.lastOccurrenceIndices
        let latestIDs = latest.map { articles[$0].id }
        let restaged = latestIDs.filter(stagedIDs.contains)
        try perform {
            if !restaged.isEmpty {
                for table in OutputTable.all.map(\.stored) {
                    let key = table.name == OutputTable.articles.name ? "id" : "article_id"
                    try connection.query(
                        "DELETE FROM \(PostgresOutputSchema.stagingTable(table)) WHERE \(key) = ANY($1::text[])",
                        [PostgresArrayLiteral.text(restaged)])
                }
            }
            for table in OutputTable.all.map(\.stored) {
                var rows = PostgresCopyRows()
                try table.writeRows(of: articles, at: latest, runID, to: &rows)
                guard !rows.bytes.isEmpty else { continue }
                let columns = table.columns.map(PostgresOutputSchema.quoted).joined(separator: ", ")
                try connection.copy("COPY \(PostgresOutputSchema.stagingTable(table)) (\(columns)) FROM STDIN", data: rows.bytes)
            }
        }
        stagedIDs.formUnion(latestIDs)
        articleCount += articles.count
        duplicateCount += articles.count { $0.duplicateOf != nil }
    }

    /// Counts the articles dropped as duplicates in the run's `duplicates`; the rows themselves
    /// are kept by the `sqlite` sink only.
    public func record(_ dropped: [DroppedDuplicate]) {
        duplicateCount += dropped.count
    }

    /// Merges what this run staged into the tables and records the run, in one transaction.
    public func commit() throws {
        let connection = try openConnection()
        let status = stop.isRequested ? "interrupted" : "complete"
        try perform {
            try connection.transaction {
                try connection.execute(Self.mergeStatements)
                try connection.query(
                    "UPDATE runs SET status = $1, finished_at = $2, articles = $3, duplicates = $4 WHERE id = $5",
                    [status, Self.timestamp(), String(articleCount), String(duplicateCount), runID])
            }
        }
        close()
    }

    /// Drops what this run staged and records the run as `failed`; the tables are untouched.
    public func discard() {
        guard let connection else { return }
        _ = try? connection.query("UPDATE runs SET status = 'failed', finished_at = $1 WHERE id = $2", [Self.timestamp(), runID])
        close()
    }

    /// The open connection, connecting on first use: creates the schema when missing, the
    /// staging tables, and records the run as `running`.
    private func openConnection() throws -> PostgresConnection {
        if let connection { return connection }
        let opened = try perform {
            let connection = try PostgresConnection(url: url)
            try PostgresOutputSchema.create(on: connection)
            try connection.execute(PostgresOutputSchema.stagingDefinitions)
            try connection.query(
                "INSERT INTO runs (id, pipeline, config_hash, started_at, status) VALUES ($1, $2, $3, $4, 'running')",
                [runID, pipelineName, configHash, Self.timestamp()])
            return connection
        }
        connection = opened
        return opened
    }

    /// Closes the connection (dropping the staging tables) and forgets the run's state.
    private func close() {
        connection = nil
        stagedIDs = []
        articleCount = 0
        duplicateCount = 0
    }

    /// Runs `body`, turning any error into a ``SinkError`` that names the server with its
    /// password masked.
    private func perform<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            throw SinkError(sink: Self.typeName, message: error.description)
        } catch {
            throw SinkError(sink: Self.typeName, message: "\(url.displayName): \(error)")
        }
    }

    /// The merge of the staging tables, under the schema's advisory lock: the annotation rows
    /// of every staged article deleted, the articles upserted by id (in id order), then the
    /// staged annotation rows inserted.
    private static let mergeStatements: String = {
        let articles = OutputTable.articles
        let staged = PostgresOutputSchema.stagingTable(articles)
        let columns = articles.columns.map(PostgresOutputSchema.quoted).joined(separator: ", ")
        let updates = articles.columns.dropFirst().map(PostgresOutputSchema.quoted).map { "\($0) = excluded.\($0)" }
        var statements = ["SELECT pg_advisory_xact_lock(hashtext('copydesk merge ' || current_schema()))"]
        statements += OutputTable.storedAnnotationTables.map { table in
            "DELETE FROM \(table.name) t USING \(staged) s WHERE t.article_id = s.id"
        }
        statements.append(
            "INSERT INTO articles (\(columns)) SELECT \(columns) FROM \(staged) ORDER BY id ON CONFLICT (id) DO UPDATE SET "
                + updates.joined(separator: ", "))
        statements += OutputTable.storedAnnotationTables.map { table in
            let columns = table.columns.map(PostgresOutputSchema.quoted).joined(separator: ", ")
            return "INSERT INTO \(table.name) (\(columns)) SELECT \(columns) FROM \(PostgresOutputSchema.stagingTable(table))"
        }
        return statements.joined(separator: ";\n")
    }()

    /// The current time as ISO 8601 in UTC.
    private static func timestamp() -> String { Date.now.ISO8601Format() }
}
