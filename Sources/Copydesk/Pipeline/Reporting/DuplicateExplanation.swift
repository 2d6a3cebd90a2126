import Foundation
import GRDB

/// Why an article is or is not a duplicate, from what a pipeline's outputs remember
/// (`copydesk explain`): the SQLite output's `articles` (with `duplicate_of` for marked
/// duplicates) and `dropped_duplicates`, else the JSON lines (marked duplicates only, as dropped
/// ones are not written there).
public struct DuplicateExplanation: Sendable, Equatable {
    /// One article of a cluster, as the outputs hold it.
    public struct Member: Sendable, Equatable {
        /// Its id.
        public var id: String
        /// Where it was read (`path[member]:line`).
        public var location: String
        /// Its date, if any.
        public var date: String?
        /// Its title, if any.
        public var title: String?
        /// The run that wrote or dropped it, when the output says.
        public var runID: String?
        /// The article it duplicates, if it is a duplicate.
        public var duplicateOf: String?
        /// Similarity to the article it duplicates; `nil` when it duplicates none.
        public var similarity: Double?
        /// `written`, `marked` (written with `duplicate_of`) or `dropped`.
        public var disposition: String
    }

    /// The article asked about.
    public var article: Member
    /// The article it duplicates, when it is a duplicate (`nil` also when the outputs lack it).
    public var survivor: Member?
    /// The id of the article it duplicates, when it is a duplicate.
    public var survivorID: String?
    /// Every duplicate of the cluster's survivor (this article's, or this article's own when
    /// it is a survivor), in id order.
    public var cluster: [Member]
    /// When each run named above started, by run id.
    public var runStarts: [String: String]

    /// The explanation of `id` from the SQLite output at `path`, or `nil` when the output holds
    /// no such article, written or dropped.
    public static func read(id: String, sqlite path: String) throws -> DuplicateExplanation? {
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabaseQueue(path: path, configuration: configuration)
        return try database.read { db in
            let hasDropped = try db.tableExists("dropped_duplicates")
            /// The members `condition` (on `argument`) selects from the written articles, or
            /// from the dropped duplicates (each table names its id column differently).
            func members(dropped: Bool, where condition: String, _ argument: String) throws -> [Member] {
                guard !dropped || hasDropped else { return [] }
                let (table, idColumn) = dropped ? ("dropped_duplicates", "article_id") : ("articles", "id")
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(idColumn), source_path, source_line, source_member, date, title, run_id, duplicate_of, similarity
                        FROM \(table) WHERE \(condition) ORDER BY \(idColumn)
                        """,
                    arguments: [argument]
                ).map { row in
                    Member(
                        id: row[idColumn],
                        location: SourceLocation.describe(path: row["source_path"], line: row["source_line"], member: row["source_member"]),
                        date: row["date"], title: row["title"], runID: row["run_id"], duplicateOf: row["duplicate_of"], similarity: row["similarity"],
                        disposition: dropped ? "dropped" : row["duplicate_of"] == nil ? "written" : "marked")
                }
            }
            guard let article = try members(dropped: false, where: "id = ?", id).first ?? members(dropped: true, where: "article_id = ?", id).first
            else { return nil }
            let survivorID = article.duplicateOf
            let head = survivorID ?? id
            let cluster = (try members(dropped: false, where: "duplicate_of = ?", head) + members(dropped: true, where: "duplicate_of = ?", head))
                .sorted { $0.id < $1.id }
            let survivor = try survivorID.flatMap { try members(dropped: false, where: "id = ?", $0).first }
            var starts: [String: String] = [:]
            for run in Set(([article, survivor].compactMap { $0 } + cluster).compactMap(\.runID)) {
                starts[run] = try String.fetchOne(db, sql: "SELECT started_at FROM runs WHERE id = ?", arguments: [run])
            }
            return DuplicateExplanation(article: article, survivor: survivor, survivorID: survivorID, cluster: cluster, runStarts: starts)
        }
    }

    /// The explanation of `id` from the JSON lines at `path` (marked duplicates only), or `nil`
    /// when no record there has that id. The file is read twice, line by line, keeping only the
    /// records of the cluster: once for the article, once for its survivor and duplicates.
    public static func read(id: String, jsonl path: String) throws -> DuplicateExplanation? {
        guard let record = try records(in: path, mentioning: id).first(where: { $0["id"] as? String == id }) else { return nil }
        let survivorID = record["duplicate_of"] as? String
        let head = survivorID ?? id
        let related = try records(in: path, mentioning: head)
        return DuplicateExplanation(
            article: member(record), survivor: related.first { $0["id"] as? String == survivorID }.map(member), survivorID: survivorID,
            cluster: related.filter { $0["duplicate_of"] as? String == head }.map(member).sorted { $0.id < $1.id }, runStarts: [:])
    }

    /// The records of the JSON lines at `path` whose line holds `text`, read with bounded memory.
    private static func records(in path: String, mentioning text: String) throws -> [[String: Any]] {
        var reader = try LineReader(path: path)
        defer { reader.close() }
        let needle = Array(text.utf8)
        var found: [[String: Any]] = []
        while let line = try reader.next() {
            guard line.bytes.count >= needle.count, line.bytes.firstRange(of: needle) != nil,
                let record = try? JSONSerialization.jsonObject(with: Data(line.bytes)) as? [String: Any]
            else { continue }
            found.append(record)
        }
        return found
    }

    /// A JSON-lines record as a member of its cluster.
    private static func member(_ record: [String: Any]) -> Member {
        let source = record["source"] as? [String: Any] ?? [:]
        return Member(
            id: record["id"] as? String ?? "",
            location: SourceLocation.describe(
                path: source["path"] as? String ?? "", line: source["line"] as? Int ?? 0, member: source["member"] as? String),
            date: record["date"] as? String, title: record["title"] as? String, runID: nil, duplicateOf: record["duplicate_of"] as? String,
            similarity: record["similarity"] as? Double, disposition: record["duplicate_of"] is String ? "marked" : "written")
    }

    /// The explanation in words: what the article is, the rule that chose the survivor, the
    /// cluster with each member's similarity, and whether the match was with an earlier run.
    public func text(rule: DedupeStage.Options.Survivor?, threshold: Double?) -> String {
        var lines: [String] = []
        let ruleLine = rule.map { "survivor rule: \($0.rawValue): \($0.rule)" }
        if let survivorID, let similarity = article.similarity {
            let how = article.disposition == "dropped" ? "dropped as a duplicate" : "marked as a duplicate"
            lines.append(
                "\(article.id) was \(how) of \(survivorID): similarity \(Self.format(similarity))\(similarity >= 1 ? " (the same content)" : "")")
            lines.append("  \(describe(article))")
            if let ruleLine { lines.append(ruleLine) }
            if let survivor {
                lines.append("the article kept: \(describe(survivor))")
                if let kept = survivor.runID, let own = article.runID, kept != own {
                    lines.append("matched the history: \(survivorID) was written by an earlier run, \(run(kept))")
                }
            } else {
                lines.append("the article kept, \(survivorID), is not in this output (an earlier run's, through the history)")
            }
        } else if !cluster.isEmpty {
            lines.append("\(article.id) is the survivor of a cluster of \(cluster.count) duplicate\(cluster.count == 1 ? "" : "s")")
            lines.append("  \(describe(article))")
            if let ruleLine { lines.append(ruleLine) }
        } else {
            lines.append(
                "\(article.id) is unique: no article was merged into it and it was not merged into another"
                    + (threshold.map { " (no other article reached the similarity threshold \(Self.format($0)))" } ?? ""))
            lines.append("  \(describe(article))")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("cluster of \(survivorID ?? article.id): \(cluster.count) duplicate\(cluster.count == 1 ? "" : "s")")
        for member in cluster {
            lines.append(
                "  \(member.id)  similarity \(member.similarity.map(Self.format) ?? "–")  \(member.disposition)  \(describe(member, withID: false))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An article in one line: id, location, date, title, and the run that wrote it.
    private func describe(_ member: Member, withID: Bool = true) -> String {
        var parts = withID ? [member.id] : []
        parts.append(member.location)
        if let date = member.date { parts.append(date) }
        if let title = member.title { parts.append("\"\(title)\"") }
        if let runID = member.runID, withID { parts.append("run \(run(runID))") }
        return parts.joined(separator: "  ")
    }

    /// A run id with its start, when known.
    private func run(_ id: String) -> String {
        runStarts[id].map { "\(id) (started \($0))" } ?? id
    }

    private static func format(_ value: Double) -> String { String(format: "%.4f", value) }
}
