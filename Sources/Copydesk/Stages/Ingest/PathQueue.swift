import Foundation

/// The sorted listing a ``FileSequenceReader`` reads, handed out one path at a time, in order.
///
/// A listing of more than `memoryLimit` paths is written to a scratch file in the temporary
/// directory (each path as its length in four bytes, then its bytes) and read back through a
/// 64 KiB window, so a drop of millions of files holds its listing in memory only while it is
/// sorted, not for the whole run: 31 MB at a million files. A smaller listing stays in memory.
/// The scratch file is deleted with the queue.
final class PathQueue {
    /// Listings of more paths than this go to a scratch file.
    static let defaultMemoryLimit = 50_000

    /// The number of paths in the listing.
    let count: Int
    private let storage: Storage
    private var position = 0
    /// Bytes of the scratch file from `windowStart`.
    private var window: [UInt8] = []
    private var windowStart = 0
    /// Where the next path's record starts in the scratch file.
    private var recordStart = 0

    /// Where the paths are.
    private enum Storage {
        case memory(PathList)
        case scratch(ScratchFile)
    }

    private static let windowBytes = 64 << 10

    /// A queue of `paths`, in their order.
    init(_ paths: PathList, memoryLimit: Int = PathQueue.defaultMemoryLimit) throws {
        count = paths.count
        guard paths.count > memoryLimit else {
            storage = .memory(paths)
            return
        }
        let file = try ScratchFile(path: NSTemporaryDirectory() + "/copydesk-listing-\(UUID().uuidString)")
        for index in paths.indices {
            try paths.withBytes(of: index) { bytes in
                try file.append(UInt32(bytes.count))
                try file.append(bytes: bytes)
            }
        }
        try file.flush()
        storage = .scratch(file)
    }

    /// The next path, or `nil` after the last; throws when the scratch file cannot be read.
    func next() throws -> String? {
        guard position < count else { return nil }
        defer { position += 1 }
        switch storage {
        case .memory(let paths):
            return paths[position]
        case .scratch(let file):
            let length = Int(try bytes(4, at: recordStart, of: file).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian })
            let path = String(decoding: try bytes(length, at: recordStart + 4, of: file), as: UTF8.self)
            recordStart += 4 + length
            return path
        }
    }

    /// `length` bytes of the scratch file at `offset`, moving the window forward to hold them.
    private func bytes(_ length: Int, at offset: Int, of file: ScratchFile) throws -> ArraySlice<UInt8> {
        if offset + length > windowStart + window.count {
            let size = min(max(length, Self.windowBytes), file.size - offset)
            window = [UInt8](repeating: 0, count: size)
            try window.withUnsafeMutableBytes { try file.read(into: $0, at: offset) }
            windowStart = offset
        }
        return window[(offset - windowStart)..<(offset - windowStart + length)]
    }
}
