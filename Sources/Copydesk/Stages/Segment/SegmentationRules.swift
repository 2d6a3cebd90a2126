/// The language data the sentence splitter and dateline parser work from: which abbreviations
/// keep a period from ending a sentence, which capitalised words start a new sentence after an
/// ambiguous abbreviation, and which news agencies appear in datelines.
///
/// A language is added by adding `Resources/segment/abbreviations-<code>.txt` and
/// `Resources/segment/sentence-starters-<code>.txt`; no code changes.
public struct SegmentationRules: Sendable {
    /// How an abbreviation's period behaves at a possible sentence end.
    enum AbbreviationKind: String, Sendable {
        /// Stands before a name (`Mr.`, `Gen.`): never ends a sentence when a word follows.
        case title
        /// Stands before a number (`No.`, `p.`): does not end a sentence before a digit.
        case number
        /// Ends a sentence only when a capitalised sentence starter follows (`Inc.`, `U.S.`).
        case ambiguous
    }

    /// A data line that names an unknown abbreviation kind.
    struct MalformedEntry: Error, CustomStringConvertible {
        /// The data file holding the line.
        let file: String
        /// The offending entry.
        let entry: String
        /// Human-readable message.
        var description: String { "Resources/\(file): cannot read abbreviation entry '\(entry)'" }
    }

    /// Abbreviations keyed by their lowercased spelling without the final period (`u.s`, `mr`).
    let abbreviations: [String: AbbreviationKind]
    /// Lowercased words that start a sentence after an ambiguous abbreviation.
    let sentenceStarters: Set<String>
    /// Agency names accepted in datelines, as written (`Reuters`, `AP`).
    let agencies: Set<String>

    /// Creates rules from explicit lists; abbreviation keys and starters must be lowercase.
    init(abbreviations: [String: AbbreviationKind], sentenceStarters: Set<String>, agencies: Set<String>) {
        self.abbreviations = abbreviations
        self.sentenceStarters = sentenceStarters
        self.agencies = agencies
    }

    /// Loads the bundled rules for `language` (an ISO 639-1 code, English by default).
    public static func load(language: String = "en") throws -> SegmentationRules {
        let abbreviationFile = "segment/abbreviations-\(language).txt"
        var abbreviations: [String: AbbreviationKind] = [:]
        for entry in try BundledData.entries(abbreviationFile) {
            let fields = entry.split(separator: " ", omittingEmptySubsequences: true)
            var kind = AbbreviationKind.ambiguous
            var words = fields
            if let last = fields.last, fields.count > 1, let named = AbbreviationKind(rawValue: String(last)) {
                kind = named
                words.removeLast()
            }
            var spelling = words.joined(separator: " ").lowercased()
            guard spelling.hasSuffix("."), spelling.count > 1 else {
                throw MalformedEntry(file: abbreviationFile, entry: entry)
            }
            spelling.removeLast()
            // "et al." is looked up by its last word, which is what precedes the period.
            let key = spelling.split(separator: " ").last.map(String.init) ?? spelling
            abbreviations[key] = abbreviations[key] ?? kind
        }
        let starters = try BundledData.entries("segment/sentence-starters-\(language).txt").map { $0.lowercased() }
        let agencies = try BundledData.entries("segment/agencies.txt")
        return SegmentationRules(
            abbreviations: abbreviations, sentenceStarters: Set(starters), agencies: Set(agencies))
    }

    /// The kind of the abbreviation spelled by `bytes` (without its final period), if listed.
    func abbreviationKind(_ bytes: UnsafeBufferPointer<UInt8>) -> AbbreviationKind? {
        abbreviations[Self.lowercasedKey(bytes)]
    }

    /// Whether the word spelled by `bytes` starts a sentence after an ambiguous abbreviation.
    func isSentenceStarter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        sentenceStarters.contains(Self.lowercasedKey(bytes))
    }

    /// `bytes` as a String with ASCII letters lowercased; short keys fit Swift's inline small
    /// string, so the lookup does not allocate.
    private static func lowercasedKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return bytes.count
        }
    }
}
