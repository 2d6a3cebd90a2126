/// One article as the dedupe algorithms see it.
public struct DedupeDocument: Sendable, Equatable {
    /// Article id, reported as the survivor key of its duplicates.
    public var key: String
    /// ISO `YYYY-MM-DD` publication date, when known.
    public var date: String?
    /// Section or desk name, when known.
    public var section: String?
    /// Path of the input the article came from.
    public var sourcePath: String
    /// Length of the body (any consistent unit: scalars or bytes).
    public var bodyLength: Int
    /// Content fingerprint.
    public var fingerprint: DocumentFingerprint

    /// Creates a document.
    public init(
        key: String, date: String? = nil, section: String? = nil, sourcePath: String = "",
        bodyLength: Int, fingerprint: DocumentFingerprint
    ) {
        self.key = key
        self.date = date
        self.section = section
        self.sourcePath = sourcePath
        self.bodyLength = bodyLength
        self.fingerprint = fingerprint
    }
}

/// How a duplicate was recognised.
public enum DuplicateEvidence: String, Sendable, Equatable, Codable {
    /// Same content key: an exact copy.
    case exactContent = "exact"
    /// The MinHash estimate of the shingle sets' Jaccard similarity reached the threshold.
    case estimatedJaccard = "minhash_estimate"
}
