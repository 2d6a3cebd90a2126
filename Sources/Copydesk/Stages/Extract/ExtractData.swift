/// Loading helpers for the tab-separated data files of the extract stage.
enum ExtractData {
    /// The rows of `Resources/extract/<name>`, split on tabs.
    static func rows(_ name: String) throws -> [[String]] {
        try BundledData.entries("extract/\(name)").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The single-column entries of `Resources/extract/<name>`.
    static func words(_ name: String) throws -> [String] {
        try BundledData.entries("extract/\(name)")
    }
}
