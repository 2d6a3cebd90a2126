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
/// other policies decide over the whole run, holding articles back (in a temporary file past
/// `hold_memory_mb`) until the input ends, and cluster on disk (``DiskClusterer``), so the
/// memory they take does not grow with the run. The history (a ``HistoryStore`` opened through the context's
/// ``StateStores`` at first use, matched by ``HistoryMatcher``) remembers the id of the
/// record each entry came from, so a rerun over the same drop finds its own records there and
/// decides as the first run did. See docs/dedupe.md.
public actor DedupeStage: TransformStage, StateStoreUser {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "dedupe"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Drops or marks exact and near-duplicate articles, in the run and against earlier runs' history."
    /// Keeps state across batches: runs on one worker and sees every batch in order.
    public static let isStateless = false
    /// Shingles and MinHash signatures are computed on stateless workers ahead of the stage.
    public static let hasPreparation = true

    /// The stage's options.
    public struct Options: DeclaredOptions {
        /// Which article of a cluster is kept.
        public enum Survivor: String, Sendable, CaseIterable, Codable {
            /// The earliest `date`.
            case earliestDate = "earliest_date"
            /// The longest body.
            case longestBody = "longest_body"
            /// The first match in `source_priority`.
            case sourcePriority = "source_priority"
            /// The first in input order, decided as articles stream by.
            case firstSeen = "first_seen"

            /// What the rule keeps, in words, for reports and `copydesk explain`.
            public var rule: String {
                switch self {
                case .earliestDate: "the article with the earliest date is kept, the first read on a tie"
                case .longestBody: "the article with the longest body is kept, the first read on a tie"
                case .sourcePriority: "the article from the most preferred source or section is kept, the first read on a tie"
                case .firstSeen: "the first article read is kept"
                }
            }
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
        public var holdMemoryMB = 16

        /// The measured defaults of docs/dedupe.md.
        public init() {}

        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Self>] = [
            .integer("shingle_size", \.matching.shingleSize, in: 1...10, doc: "Words per shingle."),
            .integer("hash_count", \.matching.hashCount, in: 8...1_024, doc: "MinHash functions per signature; must equal bands × rows."),
            .integer("bands", \.matching.bands, in: 1...1_024, doc: "LSH bands."),
            .integer("rows", \.matching.rows, in: 1...128, doc: "Signature rows per LSH band."),
            .number(
                "threshold", \.matching.threshold, in: 0.05...1, doc: "Shingle Jaccard similarity at or above which two articles are near duplicates."
            ),
            .choice(
                "survivor", \.survivor,
                doc: "Which article of a cluster is kept; ties go to the first in input order. first_seen decides without holding articles back."),
            .strings(
                "source_priority", \.sourcePriority, doc: "For survivor source_priority: source path prefixes or sections, most preferred first."),
            .choice("duplicates", \.duplicates, doc: "Drop duplicates, or keep them marked with duplicate_of and similarity."),
            .string(
                "history", \.history, writes: .stateStore,
                doc:
                    "State store (a path, `sqlite:///path` or `postgres://host/database?schema=name`) remembering emitted articles across runs; empty for in-run dedupe only."
            ),
            .choice(
                "on_reprocess", \.onReprocess, doc: "With --reprocess: rebuild the history from this run, or ignore it (neither read nor write)."),
            .integer(
                "hold_memory_mb", \.holdMemoryMB, in: 0...65_536,
                doc: "Whole-run survivor policies hold articles back until the input ends: this many MB in memory, the rest in a temporary file."),
        ]

        /// The matching parameters with the survivor policy the options choose.
        var config: DedupeConfig {
            var config = matching
            config.survivorPolicy =
                switch survivor {
                case .longestBody: .longestBody
                case .sourcePriority: .sourcePriority(sourcePriority)
                case .earliestDate, .firstSeen: .earliestDate
                }
            return config
        }
    }

    /// Matching parameters and the survivor policy.
    let config: DedupeConfig
    /// Makes each article's fingerprint.
    let fingerprinter: Fingerprinter
    /// Whether survivors are decided as articles stream by (`first_seen`).
    let streaming: Bool
    /// What happens to an article once decided.
    let marking: DuplicateMarking
    /// The history the stage reads and writes in this run, if any.
    let historyLocation: StateStoreLocation?
    /// Opens the history.
    let stores: StateStores
    /// Whether this run starts the history over (`--reprocess`, `on_reprocess: rebuild`).
    let rebuildHistory: Bool
    private let runID: String
    private let holdBudget: Int
    /// Where the clusters the run report explains go.
    private let observations: RunObservations
    /// The `survivor` option, as the report names the rule.
    private let survivorPolicy: Options.Survivor
    /// Articles in each batch passed on once the input ended: the default `batch_size`, so
    /// the batches waiting in the channels downstream hold no more articles than while the
    /// input was read (with 256, those in flight took 44 MB at the peak of a million-file run).
    private let drainBatchSize = 64

    private var history: HistoryMatcher?
    private var historyOpened = false
    private var seen: NearDuplicateIndex
    /// Whole-run policies: the articles held back, and their fingerprints, clustered on disk
    /// in a scratch folder of the run's.
    private var spill: ArticleSpill?
    private var clusterer: DiskClusterer?
    private var scratch: String?
    /// With a history other runs write at once: the articles held back, with what the history
    /// matched, waiting for the catch-up at the end of input before they join the clusterer.
    private var awaitingCatchUp: [(document: DedupeDocument, match: IndexMatch?)] = []

    /// The history store, unless the stage has none (or ignores it in this run).
    public nonisolated var stateStores: [StateStoreLocation] { historyLocation.map { [$0] } ?? [] }

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) throws {
        config = options.config
        if let problem = config.problem { throw context.invalid(\Options.matching.hashCount, problem) }
        if options.survivor == .sourcePriority, options.sourcePriority.isEmpty {
            throw context.invalid(\Options.sourcePriority, "survivor source_priority needs a list of path prefixes or sections")
        }
        fingerprinter = Fingerprinter(config: config)
        streaming = options.survivor == .firstSeen
        marking = DuplicateMarking(markDuplicates: options.duplicates == .mark)
        let ignore = context.run.reprocess && options.onReprocess == .ignore
        do throws(StateStoreLocation.Unsupported) {
            let location = options.history.isEmpty ? nil : try StateStoreLocation(options.history)
            historyLocation = ignore ? nil : location
        } catch {
            throw context.invalid(\Options.history, error.message)
        }
        stores = context.stores
        rebuildHistory = context.run.reprocess && options.onReprocess == .rebuild
        runID = context.run.runID
        holdBudget = options.holdMemoryMB << 20
        observations = context.observations
        survivorPolicy = options.survivor
        seen = NearDuplicateIndex(config: config)
    }

    deinit {
        if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
    }

    /// The fingerprints of a batch's articles, in order: the stateless part of the work, which
    /// the runner does on several workers ahead of the stage.
    public nonisolated func prepare(_ articles: [Article]) async throws -> (any Sendable)? {
        articles.map { fingerprinter.fingerprint(title: $0.title, body: $0.text) }
    }

    /// Processes one batch, in input order, fingerprinting it first.
    public func process(_ articles: [Article]) async throws -> TransformOutput {
        try await process(articles, prepared: nil)
    }

    /// Processes one batch, in input order, with the fingerprints ``prepare(_:)`` computed
    /// (computed here when they were not).
    public func process(_ articles: [Article], prepared: (any Sendable)?) async throws -> TransformOutput {
        let fingerprints: [DocumentFingerprint]
        if let prepared = prepared as? [DocumentFingerprint], prepared.count == articles.count {
            fingerprints = prepared
        } else {
            fingerprints = articles.map { fingerprinter.fingerprint(title: $0.title, body: $0.text) }
        }
        var historyMatches = [IndexMatch?](repeating: nil, count: articles.count)
        if let history = try await openHistory(), !rebuildHistory {
            historyMatches = try await history.matches(zip(articles, fingerprints).map { (id: $0.id, fingerprint: $1) })
        }
        if streaming { return try await decideNow(articles, fingerprints, historyMatches) }
        if spill == nil { spill = ArticleSpill(memoryBudget: holdBudget) }
        try spill?.append(articles)
        let catchingUp = history?.store.admitsConcurrentRuns == true && !rebuildHistory
        for (index, article) in articles.enumerated() {
            let document = DedupeDocument(
                key: article.id, date: article.date, section: article.section,
                sourcePath: article.source.path, bodyLength: ScalarOffsets.count(article.text),
                fingerprint: fingerprints[index])
            if catchingUp {
                awaitingCatchUp.append((document, historyMatches[index]))
            } else {
                try cluster(document, historyMatch: historyMatches[index])
            }
        }
        return TransformOutput(articles: [])
    }

    /// Adds the next held article to the clusterer (made on first use), with the history
    /// record it duplicates, if any: such an article takes no part in the clusters.
    private func cluster(_ document: DedupeDocument, historyMatch: IndexMatch?) throws {
        if clusterer == nil {
            let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("copydesk-dedupe-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            scratch = folder
            clusterer = try DiskClusterer(config: config, streaming: false, expectedDocuments: 0, directory: folder)
        }
        let ranked = ShardDocument(
            ordinal: clusterer?.count ?? 0, articleID: document.key, date: document.date, rank: config.survivorPolicy.rank(of: document),
            fingerprint: document.fingerprint)
        try clusterer?.add(ranked, historyMatch: historyMatch)
    }

    /// With a history that other runs write at once, once the input ended: takes the commit
    /// turn, so nothing more is committed until this run commits; looks every held article
    /// up among what other runs committed since this run started; keeps the stronger match
    /// (``HistoryMatcher/stronger(_:_:)``); then clusters the articles still unmatched. The
    /// verdicts are those of a run started after those commits.
    private func catchUpWithConcurrentRuns() async throws {
        guard let history, history.store.admitsConcurrentRuns, !rebuildHistory else { return }
        try await history.store.takeCommitTurn(run: runID)
        let late = try await history.lateMatches(awaitingCatchUp.map { (id: $0.document.key, fingerprint: $0.document.fingerprint) }, run: runID)
        for ((document, match), lateMatch) in zip(awaitingCatchUp, late) {
            try cluster(document, historyMatch: HistoryMatcher.stronger(match, lateMatch))
        }
        awaitingCatchUp = []
    }

    /// Passes on the articles held back, in input order, once the input ended.
    public func drain(into emit: @Sendable (TransformOutput) async throws -> Void) async throws {
        guard let spill else { return }
        try await catchUpWithConcurrentRuns()
        guard var clusterer else { preconditionFailure("articles were held without a clusterer") }
        try clusterer.decide()
        var examples = observations.isEnabled ? try examplePicker(clusterer) : DuplicateExamplePicker([])
        let staging = try await openHistory() != nil
        var index = 0
        var reader = try spill.reader()
        while let batch = try reader.next(drainBatchSize) {
            var output = TransformOutput(articles: [])
            var survivors: [(article: Article, fingerprint: DocumentFingerprint)] = []
            for article in batch {
                defer { index += 1 }
                examples.see(article, at: index)
                let verdict = try clusterer.verdict(of: index)
                if verdict == nil && staging { survivors.append((article, try clusterer.fingerprint(of: index))) }
                marking.apply(verdict.map { ($0.key, $0.similarity) }, to: article, output: &output)
            }
            try await stageHistory(survivors)
            try await emit(output)
        }
        self.spill = nil
        self.clusterer = nil
        if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
        scratch = nil
        observations.explain(examples.examples, policy: survivorPolicy)
    }

    /// The picker of the clusters the run report explains, from every verdict of the run.
    private func examplePicker(_ clusterer: DiskClusterer) throws -> DuplicateExamplePicker {
        var duplicates: [DuplicateExamplePicker.Duplicate] = []
        for position in 0..<clusterer.count {
            guard let verdict = try clusterer.verdict(of: position) else { continue }
            duplicates.append(
                DuplicateExamplePicker.Duplicate(
                    position: position, survivorID: verdict.key, survivorPosition: clusterer.survivorIndex(of: position),
                    similarity: verdict.similarity))
        }
        return DuplicateExamplePicker(duplicates)
    }

    /// Makes this run's state changes permanent.
    public func commit() async throws {
        try await history?.store.commitHistory(run: runID, replacingAll: rebuildHistory)
    }

    /// Forgets this run's state changes.
    public func discard() async {
        try? await history?.store.discardHistory(run: runID)
        if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
        scratch = nil
    }

    /// First-seen policy: each article is checked against history and the survivors so far,
    /// keeping the better of the two matches as one index holding both would.
    private func decideNow(_ articles: [Article], _ fingerprints: [DocumentFingerprint], _ historyMatches: [IndexMatch?]) async throws
        -> TransformOutput
    {
        var output = TransformOutput(articles: [])
        var survivors: [(article: Article, fingerprint: DocumentFingerprint)] = []
        for (index, article) in articles.enumerated() {
            if let match = IndexMatch.preferred(historyMatches[index], seen.match(fingerprints[index])) {
                marking.apply((match.key, match.similarity), to: article, output: &output)
            } else {
                seen.add(key: article.id, fingerprint: fingerprints[index])
                survivors.append((article, fingerprints[index]))
                marking.apply(nil, to: article, output: &output)
            }
        }
        try await stageHistory(survivors)
        return output
    }

    /// Adds this run's survivors to the history as pending records. Outside a rebuild,
    /// survivors the history already holds (a rerun's own records) are not added again.
    private func stageHistory(_ survivors: [(article: Article, fingerprint: DocumentFingerprint)]) async throws {
        guard let history = try await openHistory() else { return }
        let records = survivors.map { history.record(articleID: $0.article.id, date: $0.article.date, fingerprint: $0.fingerprint) }
        try await history.store.stage(records, run: runID, skippingKnown: !rebuildHistory)
    }

    /// Opens and prepares the history on first use, so building the stage opens nothing
    /// (`copydesk validate`); `nil` without a history, or when a read-only factory (a dry
    /// run) finds none.
    private func openHistory() async throws -> HistoryMatcher? {
        if !historyOpened, let historyLocation {
            historyOpened = true
            if let store = try await stores.history(at: historyLocation) {
                let matcher = HistoryMatcher(store: store, storeName: historyLocation.displayName, config: config)
                // Streaming verdicts cannot wait for a catch-up: with a history other runs
                // write at once, this run takes its commit turn before its first lookup.
                if streaming && store.admitsConcurrentRuns { try await store.takeCommitTurn(run: runID) }
                try await matcher.prepare(run: runID)
                history = matcher
            }
        }
        return history
    }
}
