import Synchronization

/// What a run's HTML report shows beyond the counters, gathered while the run goes: samples of
/// the stages' counts over time, quarantined records by reason with a few examples, the
/// written articles by date and section, the names they mention most, and explained duplicate
/// clusters. Every part is bounded (samples are thinned, examples and lists are capped), so the
/// page stays small whatever the run's size.
public final class RunObservations: Sendable {
    /// One sample of the stages' counts: seconds since the run started, then each stage's
    /// articles passed on, in pipeline order.
    public struct Sample: Sendable, Equatable, Codable {
        /// Seconds since the run started.
        public var elapsed: Double
        /// Articles each stage had passed on by then.
        public var articlesOut: [Int]
    }

    /// One quarantined record as the page shows it.
    public struct QuarantineExample: Sendable, Equatable, Codable {
        /// `path[member]:line`.
        public var location: String
        /// The stage that rejected it.
        public var stage: String
        /// Why.
        public var message: String
        /// The first bytes of the record as read.
        public var excerpt: String
    }

    /// Counts and the first examples of one quarantine reason.
    public struct QuarantineReason: Sendable, Equatable, Codable {
        /// Records quarantined for it.
        public var count = 0
        /// Up to ``RunObservations/examplesPerReason`` of them, in the order they came.
        public var examples: [QuarantineExample] = []
    }

    /// The counts of what the sinks received.
    public struct WrittenCounts: Sendable, Equatable, Codable {
        /// Articles per `date` (`undated` for none).
        public var byDate: [String: Int] = [:]
        /// Articles per `section` (`none` for none).
        public var bySection: [String: Int] = [:]
        /// Articles naming each entity (by type, then canonical name).
        public var entities: [String: [String: Int]] = [:]
    }

    /// Records quarantined per reason keep this many examples.
    public static let examplesPerReason = 5
    /// Bytes of a quarantined record's excerpt.
    static let excerptLength = 160
    /// The most samples kept: when full, every other one goes and sampling slows down by half.
    static let maximumSamples = 240
    /// The most distinct dates, sections or names per type counted; later new ones are left out.
    static let maximumDistinctValues = 20_000

    private struct State {
        var samples: [Sample] = []
        var sampleEvery = 1
        var sampleTicks = 0
        var quarantine: [String: QuarantineReason] = [:]
        var written = WrittenCounts()
        var duplicateClusters: [DuplicateClusterExample] = []
        var duplicatePolicy: DedupeStage.Options.Survivor?
    }

    private let state = Mutex(State())
    /// Whether anything is gathered: only a run that writes its page spends the time.
    public let isEnabled: Bool

    /// Creates an empty collection; a disabled one gathers nothing.
    public init(enabled: Bool = true) {
        isEnabled = enabled
    }

    /// Records a sample of the stages' counts; once ``maximumSamples`` are kept, every other
    /// sample goes and only every second later call is kept, so the samples span the whole run.
    func sample(elapsed: Double, articlesOut: [Int], final: Bool = false) {
        guard isEnabled else { return }
        state.withLock { state in
            state.sampleTicks += 1
            guard final || state.sampleTicks % state.sampleEvery == 0 else { return }
            state.samples.append(Sample(elapsed: elapsed, articlesOut: articlesOut))
            if state.samples.count > Self.maximumSamples {
                state.samples = state.samples.enumerated().filter { $0.offset % 2 == 0 || $0.offset == state.samples.count - 1 }.map(\.element)
                state.sampleEvery *= 2
            }
        }
    }

    /// Counts quarantined records by reason, keeping the first examples of each.
    func quarantined(_ records: [QuarantineRecord]) {
        guard isEnabled, !records.isEmpty else { return }
        state.withLock { state in
            for record in records {
                var reason = state.quarantine[record.reason] ?? QuarantineReason()
                reason.count += 1
                if reason.examples.count < Self.examplesPerReason {
                    reason.examples.append(
                        QuarantineExample(
                            location: record.location, stage: record.stage, message: record.message,
                            excerpt: String(String(decoding: record.raw.utf8.prefix(Self.excerptLength), as: UTF8.self))))
                }
                state.quarantine[record.reason] = reason
            }
        }
    }

    /// Counts the articles a batch brings to the sinks by date, section and the entities named.
    func written(_ articles: [Article]) {
        guard isEnabled, !articles.isEmpty else { return }
        state.withLock { state in
            for article in articles {
                Self.count(article.date ?? "undated", in: &state.written.byDate)
                Self.count(article.section ?? "none", in: &state.written.bySection)
                var named: Set<String> = []
                for entity in article.entities where named.insert("\(entity.type.rawValue)\u{0}\(entity.canonical)").inserted {
                    Self.count(entity.canonical, in: &state.written.entities[entity.type.rawValue, default: [:]])
                }
            }
        }
    }

    /// Keeps the duplicate clusters the dedupe stage chose to explain, and its survivor policy.
    func explain(_ clusters: [DuplicateClusterExample], policy: DedupeStage.Options.Survivor) {
        guard isEnabled else { return }
        state.withLock { state in
            state.duplicateClusters += clusters
            state.duplicatePolicy = policy
        }
    }

    /// Everything gathered, as the page shows it and the SQLite output keeps it.
    public struct Snapshot: Sendable, Equatable, Codable {
        /// The samples, oldest first.
        public var samples: [Sample] = []
        /// Quarantined records by reason.
        public var quarantine: [String: QuarantineReason] = [:]
        /// What the sinks received.
        public var written = WrittenCounts()
        /// The explained duplicate clusters, largest first.
        public var duplicateClusters: [DuplicateClusterExample] = []
        /// The dedupe stage's survivor policy, when it ran.
        public var duplicatePolicy: DedupeStage.Options.Survivor?
    }

    /// What was gathered so far.
    public var snapshot: Snapshot {
        state.withLock { state in
            Snapshot(
                samples: state.samples, quarantine: state.quarantine, written: state.written, duplicateClusters: state.duplicateClusters,
                duplicatePolicy: state.duplicatePolicy)
        }
    }

    /// The samples, oldest first.
    public var samples: [Sample] { state.withLock(\.samples) }
    /// Quarantined records by reason.
    public var quarantine: [String: QuarantineReason] { state.withLock(\.quarantine) }
    /// What the sinks received.
    public var written: WrittenCounts { state.withLock(\.written) }
    /// The explained duplicate clusters, largest first.
    public var duplicateClusters: [DuplicateClusterExample] { state.withLock(\.duplicateClusters) }
    /// The dedupe stage's survivor policy, when it ran.
    public var duplicatePolicy: DedupeStage.Options.Survivor? { state.withLock(\.duplicatePolicy) }

    private static func count(_ value: String, in counts: inout [String: Int]) {
        if let known = counts[value] {
            counts[value] = known + 1
        } else if counts.count < maximumDistinctValues {
            counts[value] = 1
        }
    }
}
