import Foundation

/// Finds exact and near-duplicate articles — within the run and, with a history store, against
/// every article emitted by earlier runs — and drops them or marks them with `duplicate_of` and
/// `similarity`.
///
/// Exact duplicates share a content key of the normalised title and body. Near duplicates are
/// found by MinHash over word shingles with LSH banding, and confirmed by the MinHash estimate
/// of their Jaccard similarity: one rule within the run and against the history, so a resumed
/// run decides as an uninterrupted one. Clusters are formed by union-find and one survivor is
/// kept per cluster by the `survivor` policy: `first_seen` decides as articles stream by; the
/// other policies decide over the whole run, holding articles back in a temporary file until
/// the input ends. A history entry remembers the id of the record it came from, so a rerun
/// over the same drop finds its own records there and decides as the first run did. See
/// docs/dedupe.md.
public actor DedupeStage: TransformStage {
    public static let typeName = "dedupe"
    public static let summary = "Drops or marks exact and near-duplicate articles, in the run and against earlier runs' history."
    public static let isStateless = false

    /// The stage's options.
    public struct Options: DeclaredOptions {
        /// Which article of a cluster is kept.
        public enum Survivor: String, Sendable, CaseIterable {
            /// The earliest `date`.
            case earliestDate = "earliest_date"
            /// The longest body.
            case longestBody = "longest_body"
            /// The first match in `source_priority`.
            case sourcePriority = "source_priority"
            /// The first in input order, decided as articles stream by.
            case firstSeen = "first_seen"
        }

        /// What happens to a duplicate.
        public enum Disposal: String, Sendable, CaseIterable {
            /// Left out of the output.
            case drop
            /// Kept, with `duplicate_of` and `similarity` set.
            case mark
        }

        /// What a `--reprocess` run does with the history.
        public enum ReprocessPolicy: String, Sendable, CaseIterable {
            /// Start the history over from this run.
            case rebuild
            /// Neither read nor write it.
            case ignore
        }

        /// Fingerprint and matching parameters (the survivor policy is set from `survivor`).
        public var matching = DedupeConfig()
        /// Which article of a cluster is kept.
        public var survivor = Survivor.earliestDate
        /// For `source_priority`: path prefixes or sections, most preferred first.
        public var sourcePriority: [String] = []
        /// Drop duplicates or mark them.
        public var duplicates = Disposal.drop
        /// State store remembering emitted articles across runs; empty for in-run dedupe only.
        public var history = ""
        /// What a reprocessing run does with the history.
        public var onReprocess = ReprocessPolicy.rebuild
        /// Megabytes of held-back articles kept in memory before spilling to a temporary file.
        public var holdMemoryMB = 512

        /// The measured defaults of docs/dedupe.md.
        public init() {}

        public static let fields: [OptionField<Self>] = [
            .integer("shingle_size", \.matching.shingleSize, in: 1...10, doc: "Words per shingle."),
            .integer("hash_count", \.matching.hashCount, in: 8...1_024, doc: "MinHash functions per signature; must equal bands × rows."),
            .integer("bands", \.matching.bands, in: 1...1_024, doc: "LSH bands."),
            .integer("rows", \.matching.rows, in: 1...128, doc: "Signature rows per LSH band."),
            .number("threshold", \.matching.threshold, in: 0.05...1, doc: "Shingle Jaccard similarity at or above which two articles are near duplicates."),
            .choice("survivor", \.survivor,
                    doc: "Which article of a cluster is kept; ties go to the first in input order. first_seen decides without holding articles back."),
            .strings("source_priority", \.sourcePriority, doc: "For survivor source_priority: source path prefixes or sections, most preferred first."),
            .choice("duplicates", \.duplicates, doc: "Drop duplicates, or keep them marked with duplicate_of and similarity."),
            .string("history", \.history, writes: .stateStore,
                    doc: "State store (a path or `sqlite:///path`) remembering emitted articles across runs; empty for in-run dedupe only."),
            .choice("on_reprocess", \.onReprocess, doc: "With --reprocess: rebuild the history from this run, or ignore it (neither read nor write)."),
            .integer("hold_memory_mb", \.holdMemoryMB, in: 0...65_536,
                     doc: "Whole-run survivor policies hold articles back until the input ends: this many MB in memory, the rest in a temporary file."),
        ]

        /// The matching parameters with the survivor policy the options choose.
        var config: DedupeConfig {
            var config = matching
            config.survivorPolicy = switch survivor {
            case .longestBody: .longestBody
            case .sourcePriority: .sourcePriority(sourcePriority)
            case .earliestDate, .firstSeen: .earliestDate
            }
            return config
        }
    }

    private let config: DedupeConfig
    private let fingerprinter: Fingerprinter
    private let streaming: Bool
    private let markDuplicates: Bool
    private let historyPath: String?
    private let rebuildHistory: Bool
    private let runID: String
    private let holdBudget: Int
    private let dryRun: Bool
    private let batchSize = 256

    private var store: (any HistoryStore)?
    private var storeOpened = false
    private var seen: NearDuplicateIndex
    private var clusterer: DuplicateClusterer
    private var spill: ArticleSpill?
    private var position = 0
    private var historyVerdicts: [Int: IndexMatch] = [:]
    private var clusterIndex: [Int: Int] = [:]

    public nonisolated var lockPaths: [String] { historyPath.map { [$0] } ?? [] }

    public init(options: Options, context: StageContext) throws {
        config = options.config
        if let problem = config.problem { throw context.invalid(\Options.matching.hashCount, problem) }
        if options.survivor == .sourcePriority, options.sourcePriority.isEmpty {
            throw context.invalid(\Options.sourcePriority, "survivor source_priority needs a list of path prefixes or sections")
        }
        fingerprinter = Fingerprinter(config: config)
        streaming = options.survivor == .firstSeen
        markDuplicates = options.duplicates == .mark
        let ignore = context.run.reprocess && options.onReprocess == .ignore
        historyPath = options.history.isEmpty || ignore ? nil : options.history
        rebuildHistory = context.run.reprocess && options.onReprocess == .rebuild
        runID = context.run.runID
        holdBudget = options.holdMemoryMB << 20
        dryRun = context.run.dryRunLimit != nil
        seen = NearDuplicateIndex(config: config)
        clusterer = DuplicateClusterer(config: config)
    }

    /// The fingerprint settings a history must have been built with.
    private var fingerprintSettings: String {
        "shingle_size \(config.shingleSize), hash_count \(config.hashCount), bands \(config.bands), rows \(config.rows), seed \(config.seed)"
    }

    public func process(_ articles: [Article]) async throws -> TransformOutput {
        let fingerprints = await Self.fingerprints(of: articles, using: fingerprinter)
        let historyMatches = try historyStore().map { store in
            rebuildHistory ? Array(repeating: nil, count: articles.count)
                : try store.match(zip(articles, fingerprints).map { (id: $0.id, fingerprint: $1) },
                                  bands: config.bands, rows: config.rows, threshold: config.threshold)
        } ?? Array(repeating: nil, count: articles.count)
        if streaming { return try decideNow(articles, fingerprints, historyMatches) }
        if spill == nil { spill = ArticleSpill(memoryBudget: holdBudget) }
        try spill?.append(articles)
        for (index, article) in articles.enumerated() {
            if let match = historyMatches[index] {
                historyVerdicts[position] = match
            } else {
                clusterIndex[position] = clusterer.count
                clusterer.add(DedupeDocument(key: article.id, date: article.date, section: article.section,
                                             sourcePath: article.source.path, bodyLength: ScalarOffsets.count(article.text),
                                             fingerprint: fingerprints[index]))
            }
            position += 1
        }
        return TransformOutput(articles: [])
    }

    public func drain(into emit: @Sendable (TransformOutput) async throws -> Void) async throws {
        guard let spill else { return }
        let verdicts = clusterer.verdicts()
        var index = 0
        var reader = try spill.reader()
        while let batch = try reader.next(batchSize) {
            var output = TransformOutput(articles: [])
            var entries: [HistoryEntry] = []
            for article in batch {
                defer { index += 1 }
                let verdict: (key: String, similarity: Double)?
                if let match = historyVerdicts[index] {
                    verdict = (match.key, match.similarity)
                } else if let slot = clusterIndex[index], let found = verdicts[slot] {
                    verdict = (found.survivorKey, found.similarity)
                } else {
                    verdict = nil
                    if let slot = clusterIndex[index] {
                        entries.append(HistoryEntry(articleID: article.id, date: article.date, fingerprint: clusterer.fingerprint(at: slot)))
                    }
                }
                apply(verdict, to: article, output: &output)
            }
            try stageHistory(entries)
            try await emit(output)
        }
        self.spill = nil
    }

    public func commit() throws {
        try store?.commitHistory(run: runID, replacingAll: rebuildHistory)
    }

    public func discard() {
        try? store?.discardHistory(run: runID)
    }

    /// First-seen policy: each article is checked against history and the survivors so far,
    /// keeping the better of the two matches as one index holding both would.
    private func decideNow(_ articles: [Article], _ fingerprints: [DocumentFingerprint], _ historyMatches: [IndexMatch?]) throws -> TransformOutput {
        var output = TransformOutput(articles: [])
        var entries: [HistoryEntry] = []
        for (index, article) in articles.enumerated() {
            if let match = IndexMatch.preferred(historyMatches[index], seen.match(fingerprints[index])) {
                apply((match.key, match.similarity), to: article, output: &output)
            } else {
                seen.add(key: article.id, fingerprint: fingerprints[index])
                entries.append(HistoryEntry(articleID: article.id, date: article.date, fingerprint: fingerprints[index]))
                apply(nil, to: article, output: &output)
            }
        }
        try stageHistory(entries)
        return output
    }

    /// Adds this run's survivors to the history as pending entries (a dry run adds nothing).
    /// Outside a rebuild, survivors the history already holds (a rerun's own records) are
    /// not added again.
    private func stageHistory(_ entries: [HistoryEntry]) throws {
        guard !dryRun else { return }
        try historyStore()?.stage(entries, bands: config.bands, rows: config.rows, run: runID, skippingKnown: !rebuildHistory)
    }

    private func apply(_ verdict: (key: String, similarity: Double)?, to article: Article, output: inout TransformOutput) {
        guard let verdict else {
            output.articles.append(article)
            return
        }
        output.duplicates += markDuplicates ? 0 : 1
        guard markDuplicates else { return }
        var marked = article
        marked.duplicateOf = verdict.key
        marked.similarity = (verdict.similarity * 10_000).rounded() / 10_000
        output.articles.append(marked)
    }

    /// Opens the history store on first use, so `copydesk validate` creates no file; a dry run
    /// reads an existing history but never creates one.
    private func historyStore() throws -> (any HistoryStore)? {
        if !storeOpened, let historyPath {
            storeOpened = true
            if dryRun && !FileManager.default.fileExists(atPath: historyPath) { return nil }
            let opened = try SQLiteStateStore(path: historyPath)
            try opened.prepareHistory(fingerprintSettings: fingerprintSettings, run: runID)
            store = opened
        }
        return store
    }

    /// Fingerprints computed on every core; the result is in input order.
    private static func fingerprints(of articles: [Article], using fingerprinter: Fingerprinter) async -> [DocumentFingerprint] {
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, articles.count / 16))
        let size = (articles.count + chunks - 1) / max(chunks, 1)
        return await withTaskGroup(of: (Int, [DocumentFingerprint]).self) { group in
            for chunk in 0..<chunks {
                let slice = Array(articles[min(articles.count, chunk * size)..<min(articles.count, (chunk + 1) * size)])
                group.addTask { (chunk, slice.map { fingerprinter.fingerprint(title: $0.title, body: $0.text) }) }
            }
            var parts = [[DocumentFingerprint]](repeating: [], count: chunks)
            for await (chunk, part) in group { parts[chunk] = part }
            return parts.flatMap { $0 }
        }
    }
}
