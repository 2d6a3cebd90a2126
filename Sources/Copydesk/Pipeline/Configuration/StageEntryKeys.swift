import Yams

/// The key every stage entry may take besides `type:` and its own options: `workers:`, the
/// number of workers running a stateless transform.
struct StageEntryKeys: DeclaredOptions {
    /// Workers running the stage.
    var workers = 1

    static let fields: [OptionField<Self>] = [
        .integer("workers", \.workers, in: 1...256, doc: "Workers running a stateless transform; the pipeline's `concurrency` when absent.")
    ]

    /// The key of the worker count.
    static let workersKey = key(of: \.workers)

    /// Decodes a `workers:` value.
    static func workers(_ node: Node, decoder: OptionDecoder) throws(ConfigError) -> Int {
        var keys = StageEntryKeys()
        for field in fields { try field.assign(&keys, node, decoder) }
        return keys.workers
    }
}
