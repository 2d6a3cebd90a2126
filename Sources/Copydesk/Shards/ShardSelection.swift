/// Which part of a drop one task of a sharded run reads: shard `index` of `count`.
///
/// The drop's sorted listing is cut into `count` contiguous runs of files of nearly equal
/// length, in order, so every file (with every member of an archive or WARC file it holds)
/// belongs to exactly one shard for a given `count`, and shard 0's articles, then shard 1's,
/// and so on, come in the order a single-machine run reads them.
public struct ShardSelection: Sendable, Equatable, CustomStringConvertible {
    /// This task's shard, `0..<count`.
    public let index: Int
    /// Number of shards.
    public let count: Int

    /// Why a shard could not be told.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        /// The message as printed.
        public let description: String
    }

    /// Shard `index` of `count`; fails unless `count ≥ 1` and `0 ≤ index < count`.
    public init(index: Int, count: Int) throws(Invalid) {
        guard count >= 1 else { throw Invalid(description: "the number of shards must be at least 1, not \(count)") }
        guard (0..<count).contains(index) else {
            throw Invalid(description: "shard \(index) does not exist: shards of \(count) are numbered 0 to \(count - 1)")
        }
        self.index = index
        self.count = count
    }

    /// The shard `I/N` names (`--shard 2/4`).
    public init(argument: String) throws(Invalid) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw Invalid(description: "'\(argument)' is not a shard: expected I/N, such as 0/4")
        }
        try self.init(index: index, count: count)
    }

    /// The shard the scheduler's environment names, or `nil` when it names none: a Slurm array
    /// task (`SLURM_ARRAY_TASK_ID` of `SLURM_ARRAY_TASK_COUNT`, or of `count` when given), or a
    /// Kubernetes Indexed Job pod (`JOB_COMPLETION_INDEX`, which needs `count`).
    public static func fromEnvironment(_ environment: [String: String], count: Int?) throws(Invalid) -> ShardSelection? {
        if let task = environment["SLURM_ARRAY_TASK_ID"] {
            guard let index = Int(task) else { throw Invalid(description: "SLURM_ARRAY_TASK_ID is '\(task)', not a number") }
            let total = environment["SLURM_ARRAY_TASK_COUNT"].flatMap { Int($0) } ?? count
            guard let total else { throw Invalid(description: "SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor --shards is") }
            if let count, count != total {
                throw Invalid(description: "--shards \(count) disagrees with SLURM_ARRAY_TASK_COUNT=\(total)")
            }
            return try ShardSelection(index: index, count: total)
        }
        if let completion = environment["JOB_COMPLETION_INDEX"] {
            guard let index = Int(completion) else { throw Invalid(description: "JOB_COMPLETION_INDEX is '\(completion)', not a number") }
            guard let count else { throw Invalid(description: "JOB_COMPLETION_INDEX is set: give the number of shards with --shards N") }
            return try ShardSelection(index: index, count: count)
        }
        return nil
    }

    /// The positions of `total` listed files this shard reads: the `index`-th of `count`
    /// contiguous, nearly equal runs.
    public func range(of total: Int) -> Range<Int> {
        (total * index / count)..<(total * (index + 1) / count)
    }

    /// `2/4`.
    public var description: String { "\(index)/\(count)" }
}
