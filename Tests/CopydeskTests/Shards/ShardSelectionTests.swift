import Testing

@testable import Copydesk

@Suite("shard selection")
struct ShardSelectionTests {
    @Test func everyFileBelongsToExactlyOneShardInListingOrder() throws {
        for total in [0, 1, 2, 3, 7, 40, 101] {
            for count in [1, 2, 3, 4, 8] {
                let ranges = try (0..<count).map { try ShardSelection(index: $0, count: count).range(of: total) }
                #expect(ranges.flatMap { Array($0) } == Array(0..<total), "\(total) files in \(count) shards")
                let sizes = ranges.map(\.count)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "shards differ by one file at most")
            }
        }
    }

    @Test func theCommandLineFormIsIndexSlashCount() throws {
        #expect(try ShardSelection(argument: "2/4") == ShardSelection(index: 2, count: 4))
        #expect(throws: ShardSelection.Invalid(description: "shard 4 does not exist: shards of 4 are numbered 0 to 3")) {
            try ShardSelection(argument: "4/4")
        }
        #expect(throws: ShardSelection.Invalid(description: "'2' is not a shard: expected I/N, such as 0/4")) { try ShardSelection(argument: "2") }
        #expect(throws: ShardSelection.Invalid(description: "the number of shards must be at least 1, not 0")) { try ShardSelection(argument: "0/0") }
    }

    @Test func slurmArrayTasksAndIndexedJobPodsNameTheirShard() throws {
        let slurm = ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4"]
        #expect(try ShardSelection.fromEnvironment(slurm, count: nil) == ShardSelection(index: 3, count: 4))
        #expect(try ShardSelection.fromEnvironment(["JOB_COMPLETION_INDEX": "1"], count: 2) == ShardSelection(index: 1, count: 2))
        #expect(try ShardSelection.fromEnvironment([:], count: 2) == nil)
        #expect(throws: ShardSelection.Invalid(description: "JOB_COMPLETION_INDEX is set: give the number of shards with --shards N")) {
            try ShardSelection.fromEnvironment(["JOB_COMPLETION_INDEX": "1"], count: nil)
        }
        #expect(throws: ShardSelection.Invalid(description: "--shards 8 disagrees with SLURM_ARRAY_TASK_COUNT=4")) {
            try ShardSelection.fromEnvironment(slurm, count: 8)
        }
    }

    @Test func phasesAreNamedOrNumbered() {
        #expect(ShardPhase(argument: "2") == .cluster)
        #expect(ShardPhase(argument: "emit") == .emit)
        #expect(ShardPhase(argument: "4") == nil)
    }
}
