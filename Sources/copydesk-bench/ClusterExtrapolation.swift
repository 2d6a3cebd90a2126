import Foundation

/// The cluster phase's cost at 10 million articles, extrapolated linearly from measured cases:
/// time and disk per article of the largest case; memory along the line through the largest
/// two cases' peak RSS (per article of the largest when there is one case, an upper bound as
/// it counts the process's fixed memory as growing too).
struct ClusterExtrapolation {
    /// The largest case measured.
    let largest: ClusterCostRun.Figures
    /// The next largest, when more than one was.
    let smaller: ClusterCostRun.Figures?
    /// Articles extrapolated to.
    var target = 10_000_000

    /// The extrapolated figures, as ``BenchReport/line(_:_:)`` prints them.
    var figures: [(String, String)] {
        let scale = Double(target) / Double(largest.articles)
        let memory: Double
        let memoryBasis: String
        if let smaller, smaller.articles < largest.articles {
            let perArticle = (largest.peakResidentMegabytes - smaller.peakResidentMegabytes) / Double(largest.articles - smaller.articles)
            memory = largest.peakResidentMegabytes + perArticle * Double(target - largest.articles)
            memoryBasis = String(format: "%.0f bytes/article between %d and %d", perArticle * 1e6, smaller.articles, largest.articles)
        } else {
            memory = largest.peakResidentMegabytes * scale
            memoryBasis = "per article of \(largest.articles)"
        }
        return [
            ("seconds", String(format: "%.0f (%.1f min)", largest.seconds * scale, largest.seconds * scale / 60)),
            ("peak RSS MB", String(format: "%.0f", memory) + " (\(memoryBasis))"),
            ("scratch GB", String(format: "%.1f", Double(largest.scratchBytes) * scale / 1e9)),
            ("store GB", String(format: "%.1f", Double(largest.storeBytesDecided) * scale / 1e9)),
        ]
    }
}
