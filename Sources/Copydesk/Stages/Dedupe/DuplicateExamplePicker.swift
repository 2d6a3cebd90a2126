/// Picks the duplicate clusters a run report explains, once every verdict of the run is known,
/// and keeps their members' texts as the dedupe stage passes its held articles on: the
/// ``largest`` clusters, then ``sampled`` more spread evenly over the rest (by survivor id), each
/// with at most ``duplicatesShown`` duplicates. Only those articles are kept, cut short, so the
/// memory it takes does not grow with the run.
struct DuplicateExamplePicker {
    /// How many of the largest clusters are explained.
    static let largest = 10
    /// How many of the other clusters are explained.
    static let sampled = 10
    /// The most duplicates shown per cluster.
    static let duplicatesShown = 5

    /// One duplicate of the run: its input position, and the survivor it was merged into.
    struct Duplicate {
        /// The duplicate's input position.
        var position: Int
        /// The survivor's id.
        var survivorID: String
        /// The survivor's input position, `nil` when it is in the history.
        var survivorPosition: Int?
        /// Similarity to the survivor.
        var similarity: Double
    }

    private var clusters: [DuplicateClusterExample] = []
    /// Input position → (cluster, similarity; `nil` for a survivor).
    private var wanted: [Int: [(cluster: Int, similarity: Double?)]] = [:]

    /// Chooses the clusters among `duplicates` (every duplicate of the run).
    init(_ duplicates: [Duplicate]) {
        var bySurvivor: [String: [Duplicate]] = [:]
        for duplicate in duplicates { bySurvivor[duplicate.survivorID, default: []].append(duplicate) }
        let ordered = bySurvivor.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        let rest = ordered.dropFirst(Self.largest).sorted { $0.key < $1.key }
        let sample =
            rest.isEmpty ? [] : (0..<min(Self.sampled, rest.count)).map { rest[rest.startIndex + $0 * rest.count / min(Self.sampled, rest.count)] }
        for (survivorID, members) in ordered.prefix(Self.largest) + sample {
            let members = members.sorted { $0.position < $1.position }
            let cluster = clusters.count
            clusters.append(DuplicateClusterExample(survivor: nil, survivorID: survivorID, duplicates: [], size: members.count))
            if let survivor = members[0].survivorPosition { wanted[survivor, default: []].append((cluster, nil)) }
            for member in members.prefix(Self.duplicatesShown) { wanted[member.position, default: []].append((cluster, member.similarity)) }
        }
    }

    /// Keeps `article` (at input position `position`) when a chosen cluster holds it.
    mutating func see(_ article: Article, at position: Int) {
        for (cluster, similarity) in wanted[position] ?? [] {
            let member = DuplicateClusterExample.Member(article, similarity: similarity)
            if similarity == nil { clusters[cluster].survivor = member } else { clusters[cluster].duplicates.append(member) }
        }
    }

    /// The chosen clusters, the largest first.
    var examples: [DuplicateClusterExample] { clusters }
}
