/// The language data the sentence splitter and dateline parser work from: which abbreviations
/// keep a period from ending a sentence, which capitalised words start a new sentence after an
/// ambiguous abbreviation, and which news agencies appear in datelines.
///
/// The abbreviations and sentence starters come from the language's word lists,
/// `Resources/language/<code>/abbreviations.txt` (every kind but `glued`) and
/// `Resources/language/<code>/sentence-starters.txt` (kind `after-abbreviation`), which the
/// normalize stage shares; the agencies from `Resources/segment/agencies.txt`, and the words
/// that go on after a clock time from `Resources/segment/after-time.txt`. A language is
/// added by adding its two word lists; no code changes.
public struct SegmentationRules: Sendable {
    /// How an abbreviation's period behaves at a possible sentence end.
    enum AbbreviationKind: String, Sendable {
        /// Stands before a name (`Mr.`, `Gen.`): never ends a sentence when a word follows.
        case title
        /// Stands before a number (`No.`, `p.`): does not end a sentence before a digit.
        case number
        /// Ends a sentence only when a capitalised sentence starter follows (`Inc.`, `U.S.`).
        case ambiguous
        /// Follows a clock time (`5 p.m.`): ends a sentence before a capitalised word, unless
        /// the time opens the sentence or the word is a day, month or time zone.
        case time
    }

    /// Abbreviations keyed by their lowercased spelling without the final period (`u.s`, `mr`).
    let abbreviations: [String: AbbreviationKind]
    /// Lowercased words that start a sentence after an ambiguous abbreviation.
    let sentenceStarters: Set<String>
    /// Agency names accepted in datelines, as written (`Reuters`, `AP`).
    let agencies: Set<String>
    /// Lowercased words that go on with a sentence after a clock time (`tuesday`, `eastern`).
    let timeFollowers: Set<String>

    /// Loads the bundled rules for `language` (an ISO 639-1 code, English by default).
    public static func load(language: String = "en") throws -> SegmentationRules {
        var abbreviations: [String: AbbreviationKind] = [:]
        for entry in try LanguageWordList.abbreviations(language: language).entries {
            let spelling = entry.text.dropLast().lowercased()
            // "et al." is looked up by its last word, which is what precedes the period.
            let key = spelling.split(separator: " ").last.map(String.init) ?? spelling
            abbreviations[key] = abbreviations[key] ?? sentenceEndKind(entry.kinds)
        }
        let starters = try LanguageWordList.sentenceStarters(language: language).entries(ofKind: .afterAbbreviation).map { $0.lowercased() }
        let agencies = try BundledData.entries("segment/agencies.txt")
        let timeFollowers = try BundledData.entries("segment/after-time.txt").map { $0.lowercased() }
        return SegmentationRules(
            abbreviations: abbreviations, sentenceStarters: Set(starters), agencies: Set(agencies), timeFollowers: Set(timeFollowers))
    }

    /// The rule for an abbreviation whose list entry carries `kinds`, which hold exactly one
    /// sentence-end kind.
    private static func sentenceEndKind(_ kinds: Set<AbbreviationListKind>) -> AbbreviationKind {
        if kinds.contains(.title) { return .title }
        if kinds.contains(.number) { return .number }
        if kinds.contains(.time) { return .time }
        return .ambiguous
    }

    /// The kind of the abbreviation spelled by `bytes` (without its final period), if listed.
    func abbreviationKind(_ bytes: UnsafeBufferPointer<UInt8>) -> AbbreviationKind? {
        abbreviations[Self.lowercasedKey(bytes)]
    }

    /// Whether the word spelled by `bytes` starts a sentence after an ambiguous abbreviation.
    func isSentenceStarter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        sentenceStarters.contains(Self.lowercasedKey(bytes))
    }

    /// Whether the word spelled by `bytes` goes on with a sentence after a clock time.
    func followsTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        timeFollowers.contains(Self.lowercasedKey(bytes))
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
