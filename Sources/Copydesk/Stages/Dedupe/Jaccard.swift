/// Exact set similarity over sorted arrays of unique shingle hashes, by a merge walk in
/// `O(|a| + |b|)`.
public enum Jaccard {
    /// Number of values present in both sorted, unique arrays.
    public static func intersectionCount(_ lhs: [UInt64], _ rhs: [UInt64]) -> Int {
        var left = 0
        var right = 0
        var shared = 0
        while left < lhs.count && right < rhs.count {
            let a = lhs[left]
            let b = rhs[right]
            if a == b {
                shared += 1
                left += 1
                right += 1
            } else if a < b {
                left += 1
            } else {
                right += 1
            }
        }
        return shared
    }

    /// `|a ∩ b| / |a ∪ b|`; two empty sets have similarity 0 (nothing to compare).
    public static func similarity(_ lhs: [UInt64], _ rhs: [UInt64]) -> Double {
        let shared = intersectionCount(lhs, rhs)
        let union = lhs.count + rhs.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }

    /// `|a ∩ b| / |a|`: the fraction of `a` found in `b`; 0 when `a` is empty.
    public static func containment(of lhs: [UInt64], in rhs: [UInt64]) -> Double {
        lhs.isEmpty ? 0 : Double(intersectionCount(lhs, rhs)) / Double(lhs.count)
    }
}
