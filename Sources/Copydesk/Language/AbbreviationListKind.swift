/// The kinds an entry of a language's abbreviation list
/// (`Resources/language/<code>/abbreviations.txt`) carries. Every abbreviation has exactly one of
/// `title`, `number`, `ambiguous` and `time`, which the sentence splitter reads, and may be
/// `glued`, which the glued-sentence repair reads.
enum AbbreviationListKind: String, CaseIterable, Sendable {
    /// Stands before a name (`Mr.`, `Gen.`): never ends a sentence when a word follows.
    case title
    /// Stands before a number (`No.`, `p.`): does not end a sentence before a digit.
    case number
    /// Ends a sentence only when a capitalised sentence starter follows (`Inc.`, `U.S.`).
    case ambiguous
    /// Follows a clock time (`p.m.`): ends a sentence before a capitalised word unless the time
    /// opens the sentence or a day, month or time zone follows.
    case time
    /// Written glued to the word after it (`Mr.Smith`, `St.Petersburg`): the glued-sentence
    /// repair never inserts a space after its period.
    case glued

    /// The kinds of which every abbreviation has exactly one.
    static let sentenceEndKinds: Set<AbbreviationListKind> = [.title, .number, .ambiguous, .time]
}

extension LanguageWordList where Kind == AbbreviationListKind {
    /// The abbreviation list of `language` (an ISO 639-1 code).
    static func abbreviations(language: String) throws -> Self {
        try Self(language: language, name: "abbreviations.txt").validatedAsAbbreviations()
    }

    /// The list itself; throws when an entry is not written with its final period or does not
    /// have exactly one of the sentence-end kinds.
    func validatedAsAbbreviations() throws -> Self {
        for entry in entries {
            guard entry.text.count > 1, entry.text.hasSuffix(".") else {
                throw BundledData.MalformedEntry(
                    relativePath: relativePath, entry: entry.text, problem: "an abbreviation is written with its final period")
            }
            guard entry.kinds.intersection(Kind.sentenceEndKinds).count == 1 else {
                throw BundledData.MalformedEntry(
                    relativePath: relativePath, entry: entry.text, problem: "an abbreviation has exactly one of title, number, ambiguous, time")
            }
        }
        return self
    }
}
