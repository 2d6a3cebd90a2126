/// Disjoint sets over `0..<count` with path halving, where the root of every set is its smallest
/// member. Because the root does not depend on the order of unions, clusters come out the same
/// for any order in which the same pairs are joined.
public struct UnionFind: Sendable {
    private var parent: [Int]

    /// Creates `count` singleton sets.
    public init(count: Int = 0) {
        parent = Array(0..<count)
    }

    /// Number of elements.
    public var count: Int { parent.count }

    /// Adds a new singleton element and returns it.
    @discardableResult
    public mutating func append() -> Int {
        parent.append(parent.count)
        return parent.count - 1
    }

    /// The smallest member of the set holding `element`.
    public mutating func find(_ element: Int) -> Int {
        var node = element
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    /// Joins the sets of `a` and `b`; the smaller root becomes the root of both. Returns false
    /// when they were already joined.
    @discardableResult
    public mutating func union(_ a: Int, _ b: Int) -> Bool {
        let rootA = find(a)
        let rootB = find(b)
        if rootA == rootB { return false }
        if rootA < rootB { parent[rootB] = rootA } else { parent[rootA] = rootB }
        return true
    }

    /// The sets with more than one member, each sorted ascending, ordered by smallest member.
    public mutating func clusters() -> [[Int]] {
        var members: [Int: [Int]] = [:]
        for element in 0..<parent.count {
            members[find(element), default: []].append(element)
        }
        return members.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
    }
}
