import Copydesk

extension SplitMix64 {
    /// A skewed pick from `items`: early items come up far more often, like words in text.
    mutating func skewed<T>(_ items: [T]) -> T {
        let u = Double(next() >> 11) / Double(1 << 53)
        return items[min(items.count - 1, Int(Double(items.count) * u * u * u))]
    }
}
