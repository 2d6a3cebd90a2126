/// The source read fewer articles than the pipeline's `min_articles`: the drop is empty, holds
/// only files the source does not read, or arrived incomplete. The run fails (exit 6) before
/// any output is committed, so the previous outputs stay as they were.
public struct TooFewArticles: Error, CustomStringConvertible {
    /// Articles the source read.
    public let read: Int
    /// The pipeline's `min_articles`.
    public let minimum: Int

    /// The message as printed.
    public var description: String {
        "\(read) article\(read == 1 ? "" : "s") read, fewer than min_articles \(minimum): nothing was committed and the previous outputs are intact"
    }
}
