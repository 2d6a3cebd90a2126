/// Pulls articles out of the source reader and sends them downstream in numbered batches of
/// `batch_size`, with the records the source rejected travelling in the same batches.
struct SourcePump {
    /// The opened input.
    var reader: any SourceReader
    /// Where batches go.
    let output: SequencedChannel<ArticleBatch>
    /// The source's counters.
    let statistics: StageStatistics
    /// Articles per batch.
    let batchSize: Int
    /// The most articles to read (a dry run's limit).
    let readLimit: Int?

    /// Reads to the end of the input (or the limit) and finishes the channel.
    mutating func run() async throws {
        let clock = ContinuousClock()
        var batch = ArticleBatch(articles: [], rejected: [])
        var sequence = 0
        var read = 0
        while read < readLimit ?? .max {
            try Task.checkCancellation()
            let started = clock.now
            guard let item = try await reader.next() else { break }
            let spent = clock.now - started
            switch item {
            case .article(let article):
                read += 1
                batch.articles.append(article)
                statistics.record {
                    $0.articlesIn += 1; $0.articlesOut += 1; $0.busy += spent
                }
            case .rejected(let record):
                batch.rejected.append(record)
                statistics.record {
                    $0.quarantined += 1; $0.busy += spent
                }
            }
            if batch.articles.count >= batchSize || batch.rejected.count >= batchSize {
                try await output.send(batch, sequence: sequence)
                sequence += 1
                batch = ArticleBatch(articles: [], rejected: [])
            }
        }
        if !batch.articles.isEmpty || !batch.rejected.isEmpty {
            try await output.send(batch, sequence: sequence)
        }
        output.finish()
    }
}
