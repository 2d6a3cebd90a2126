/// What became of the records of one WARC file, for the summary line logged when it is read:
/// articles, records skipped by kind (not quarantined), records quarantined, and truncated
/// records (also counted under what became of them).
struct WARCRecordCounts {
    /// Records read, broken ones included.
    var records = 0
    /// Articles extracted.
    var articles = 0
    /// Records skipped without quarantine, by why (`not HTML`, `not 200`, `revisit`, `request`),
    /// in the order first met.
    var skipped: [(why: String, count: Int)] = []
    /// Records quarantined.
    var quarantined = 0
    /// Records the crawler marked with `WARC-Truncated`.
    var truncated = 0

    /// Counts one record skipped for `why`.
    mutating func skip(_ why: String) {
        if let index = skipped.firstIndex(where: { $0.why == why }) {
            skipped[index].count += 1
        } else {
            skipped.append((why, 1))
        }
    }

    /// How many records were skipped for `why`.
    func skippedCount(_ why: String) -> Int {
        skipped.first { $0.why == why }?.count ?? 0
    }

    /// `120 records: 80 articles, 12 not HTML, 20 not 200, 8 revisit, 1 quarantined, 2 truncated`.
    var summary: String {
        var parts = ["\(articles) \(articles == 1 ? "article" : "articles")"]
        parts += skipped.map { "\($0.count) \($0.why)" }
        if quarantined > 0 { parts.append("\(quarantined) quarantined") }
        if truncated > 0 { parts.append("\(truncated) truncated") }
        return "\(records) \(records == 1 ? "record" : "records"): " + parts.joined(separator: ", ")
    }
}
