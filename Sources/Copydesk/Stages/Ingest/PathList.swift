import Glibc

/// A listing of file paths kept as one buffer of their UTF-8 bytes and the offset where each
/// ends. A drop of a million files is listed in its path bytes and eight bytes more a path; as
/// an array of strings, each path past 15 bytes would be an object of its own, some 80 bytes.
/// A path is made a `String` only when it is read.
struct PathList: RandomAccessCollection, Sendable {
    private var bytes: [UInt8] = []
    /// `ends[i]` is the offset just past path `i` in `bytes`.
    private var ends: [Int] = []

    /// An empty listing.
    init() {}

    /// The listing of `paths`, in their order.
    init(_ paths: some Sequence<String>) {
        for path in paths { append(path) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { ends.count }

    /// Path `index`.
    subscript(index: Int) -> String {
        bytes.withUnsafeBufferPointer { buffer in String(decoding: UnsafeBufferPointer(rebasing: buffer[range(of: index)]), as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of path `index`.
    func withBytes<T>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { buffer in try body(UnsafeBufferPointer(rebasing: buffer[range(of: index)])) }
    }

    /// Appends `path`.
    mutating func append(_ path: String) {
        bytes.append(contentsOf: path.utf8)
        ends.append(bytes.count)
    }

    /// Appends the path made of `folder`, a `/` unless `folder` ends with one, and the
    /// NUL-terminated file name `name`, without making a string of it.
    mutating func append(folder: String, name: UnsafePointer<CChar>) {
        bytes.append(contentsOf: folder.utf8)
        if folder.utf8.last != UInt8(ascii: "/") { bytes.append(UInt8(ascii: "/")) }
        name.withMemoryRebound(to: UInt8.self, capacity: 1) { name in
            bytes.append(contentsOf: UnsafeBufferPointer(start: name, count: strlen(name)))
        }
        ends.append(bytes.count)
    }

    /// The same paths sorted by their bytes (`memcmp` order, a shorter path before the longer
    /// one it starts), a permutation being sorted rather than the paths themselves.
    func sortedByBytes() -> PathList {
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress
            let order = Array(indices).sorted { left, right in
                let (a, b) = (range(of: left), range(of: right))
                let shared = Swift.min(a.count, b.count)
                let comparison = shared == 0 ? 0 : memcmp(base! + a.lowerBound, base! + b.lowerBound, shared)
                return comparison != 0 ? comparison < 0 : a.count < b.count
            }
            return picking(order, from: buffer)
        }
    }

    /// The paths `isIncluded` accepts, in order.
    func keeping(_ isIncluded: (String) -> Bool) -> PathList {
        bytes.withUnsafeBufferPointer { buffer in picking(indices.filter { isIncluded(self[$0]) }, from: buffer) }
    }

    /// The paths at `positions`, in order.
    func slice(_ positions: Range<Int>) -> PathList {
        bytes.withUnsafeBufferPointer { buffer in picking(Array(positions), from: buffer) }
    }

    /// A new listing of the paths at `order`, in that order.
    private func picking(_ order: [Int], from buffer: UnsafeBufferPointer<UInt8>) -> PathList {
        var picked = PathList()
        picked.bytes.reserveCapacity(order.reduce(0) { $0 + range(of: $1).count })
        picked.ends.reserveCapacity(order.count)
        for index in order {
            picked.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range(of: index)]))
            picked.ends.append(picked.bytes.count)
        }
        return picked
    }

    /// Where path `index` lies in `bytes`.
    private func range(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }
}
