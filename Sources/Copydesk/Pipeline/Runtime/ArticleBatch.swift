/// A batch of articles travelling between stages, with the records rejected on the way so they
/// reach the quarantine file in input order.
struct ArticleBatch: Sendable {
    /// Articles still in the pipeline, in input order.
    var articles: [Article]
    /// Records rejected by the source or a transform while this batch was processed.
    var rejected: [QuarantineRecord]
    /// Articles dropped as duplicates while this batch was processed.
    var droppedDuplicates: [DroppedDuplicate] = []
    /// What the next stage's ``TransformStage/prepare(_:)`` computed for these articles, on
    /// the way to its ``TransformStage/process(_:prepared:)``; `nil` elsewhere.
    var prepared: (any Sendable)? = nil
}
