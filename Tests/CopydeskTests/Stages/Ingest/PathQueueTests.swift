import Foundation
import Testing

@testable import Copydesk

@Suite("path queue", .serialized)
struct PathQueueTests {
    /// Paths of every size around the read window, names that are not ASCII, an empty one.
    static let paths: [String] = {
        var paths = (0..<3_000).map { "/drops/2026-12-04/wire-\(String($0, radix: 7))-Zürich-東京.txt" }
        paths.insert(String(repeating: "a", count: 70_000), at: 1_000)
        paths.insert("", at: 2)
        paths.append(String(repeating: "/deep", count: 2_000) + "/last.txt")
        return paths
    }()

    @Test(arguments: [PathQueue.defaultMemoryLimit, 0])
    func handsOutEveryPathInOrderHeldOrSpilled(memoryLimit: Int) throws {
        let queue = try PathQueue(PathList(Self.paths), memoryLimit: memoryLimit)
        #expect(queue.count == Self.paths.count)
        var read: [String] = []
        while let path = try queue.next() { read.append(path) }
        #expect(read == Self.paths)
        #expect(try queue.next() == nil)
    }

    @Test func theScratchFileGoesWithTheQueue() throws {
        let before = try Self.listingFiles()
        var queue: PathQueue? = try PathQueue(PathList(Self.paths), memoryLimit: 10)
        #expect(try Self.listingFiles().count == before.count + 1)
        _ = try queue?.next()
        queue = nil
        #expect(try Self.listingFiles() == before)
    }

    private static func listingFiles() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("copydesk-listing-") })
    }
}
