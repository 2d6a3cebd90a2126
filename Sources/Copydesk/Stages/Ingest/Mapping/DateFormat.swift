import Foundation

/// How a source reads the `date` of a record; the date kept is the calendar date as written,
/// `YYYY-MM-DD`, whatever time and zone follow it.
///
/// - ``automatic`` (no `date_format`): an ISO date, or an ISO timestamp (`2024-02-08T10:00:00Z`);
///   an RFC 2822 date (`Thu, 8 Feb 2024 10:00:00 +0000`); a numeric date with a four-digit year
///   (`31/03/2024`, `03.31.2024`) when only one reading is a date, or both read the same
///   (`05/05/2024`). When day and month could swap (`05/04/2024`) it is ambiguous: never guessed.
/// - ``iso8601``: `YYYY-MM-DD`, optionally with a time (`T` or a space, `hh:mm[:ss[.fff]]`) and
///   a zone (`Z`, `+hh:mm`, `+hhmm`, `+hh`).
/// - ``rfc2822``: `[Www, ]d Mon yyyy[ hh:mm[:ss][ zone]]`.
/// - ``pattern(_:)``: a strptime-like pattern matching the whole value: `%d` day and `%m` month
///   (one or two digits), `%Y` four-digit year, `%b` month name or abbreviation (English), `%a`
///   weekday name or abbreviation, `%H` `%M` `%S` time (one or two digits), `%z` zone (`Z`,
///   `+hh:mm`, `+hhmm`), `%%` a percent sign; a space matches one or more spaces, any other
///   character itself.
public enum DateFormat: Sendable, Equatable {
    /// No format set: ISO, RFC 2822, and unambiguous numeric dates.
    case automatic
    /// ISO 8601 dates and timestamps.
    case iso8601
    /// RFC 2822 dates.
    case rfc2822
    /// A strptime-like pattern.
    case pattern(String)

    /// How the option's value is described in docs and errors.
    static let optionDescription = "a strptime pattern with %d, %m or %b and %Y (%d/%m/%Y), rfc2822, iso8601, or empty"

    /// The result of reading one value.
    enum Reading: Equatable {
        /// The calendar date, `YYYY-MM-DD`.
        case date(String)
        /// Day and month could be swapped.
        case ambiguous
        /// Not a date in the format.
        case mismatch
    }

    /// Reads the option's text: empty for ``automatic``, `rfc2822`, `iso8601`, or a pattern
    /// with a day, a month and a year and no unknown directive; `nil` otherwise.
    init?(option text: String) {
        switch text {
        case "": self = .automatic
        case "rfc2822": self = .rfc2822
        case "iso8601": self = .iso8601
        default:
            var directives: Set<Character> = []
            var iterator = text.makeIterator()
            while let character = iterator.next() {
                guard character == "%" else { continue }
                guard let directive = iterator.next(), "dmYbBaAHMSz%".contains(directive) else { return nil }
                directives.insert(directive)
            }
            guard directives.contains("d"), directives.contains("Y"), !directives.isDisjoint(with: ["m", "b", "B"]) else { return nil }
            self = .pattern(text)
        }
    }

    /// The option's text, as the docs show it.
    var optionText: String {
        switch self {
        case .automatic: ""
        case .iso8601: "iso8601"
        case .rfc2822: "rfc2822"
        case .pattern(let pattern): pattern
        }
    }

    /// How messages describe the format.
    var description: String {
        switch self {
        case .automatic: "an ISO date YYYY-MM-DD, an ISO timestamp, an RFC 2822 date or a day and month with a four-digit year"
        case .iso8601: "an ISO 8601 date or timestamp (date_format iso8601)"
        case .rfc2822: "an RFC 2822 date (date_format rfc2822)"
        case .pattern(let pattern): "a date written '\(pattern)' (date_format)"
        }
    }

    /// Reads `text` (surrounding whitespace ignored).
    func read(_ text: String) -> Reading {
        let value = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .automatic:
            if let day = Self.leadingISODate(value) { return .date(day) }
            if let day = Self.rfc2822Date(value) { return .date(day) }
            return Self.numericDate(value)
        case .iso8601:
            return Self.iso8601Date(value).map(Reading.date) ?? .mismatch
        case .rfc2822:
            return Self.rfc2822Date(value).map(Reading.date) ?? .mismatch
        case .pattern(let pattern):
            return Self.patternDate(value, pattern: pattern).map(Reading.date) ?? .mismatch
        }
    }

    /// `YYYY-MM-DD`, alone or followed by `T` and anything (the rule of versions before
    /// `date_format`, kept as the automatic reading).
    private static func leadingISODate(_ value: String) -> String? {
        let day = String(value.prefix(10))
        guard ISODate.isValid(day), value.count == 10 || value.dropFirst(10).first == "T" else { return nil }
        return day
    }

    private static func iso8601Date(_ value: String) -> String? {
        let form = /(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?/
        guard let match = value.wholeMatch(of: form) else { return nil }
        let day = String(match.1)
        return ISODate.isValid(day) ? day : nil
    }

    private static func rfc2822Date(_ value: String) -> String? {
        let form = /(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[+-]\d{4}|[A-Za-z]{1,5}))?)?/
        guard let match = value.wholeMatch(of: form), let month = monthNumber(String(match.2)) else { return nil }
        return isoDate(year: Int(match.3), month: month, day: Int(match.1))
    }

    /// A numeric day and month with a four-digit year, separated by `/`, `.` or `-`.
    private static func numericDate(_ value: String) -> Reading {
        let form = /(\d{1,2})([\/.\-])(\d{1,2})\2(\d{4})/
        guard let match = value.wholeMatch(of: form), let first = Int(match.1), let second = Int(match.3) else { return .mismatch }
        let year = Int(match.4)
        let dayFirst = isoDate(year: year, month: second, day: first)
        let monthFirst = isoDate(year: year, month: first, day: second)
        switch (dayFirst, monthFirst) {
        case (let day?, nil), (nil, let day?): return .date(day)
        case (let day?, let other?): return day == other ? .date(day) : .ambiguous
        case (nil, nil): return .mismatch
        }
    }

    private static func patternDate(_ value: String, pattern: String) -> String? {
        var scanner = DateScanner(value)
        var year: Int?
        var month: Int?
        var day: Int?
        var iterator = pattern.makeIterator()
        while let character = iterator.next() {
            if character == " " {
                guard scanner.skipSpaces() else { return nil }
                continue
            }
            guard character == "%", let directive = iterator.next() else {
                guard scanner.take(character) else { return nil }
                continue
            }
            switch directive {
            case "d":
                guard let number = scanner.number(digits: 1...2) else { return nil }
                day = number
            case "m":
                guard let number = scanner.number(digits: 1...2) else { return nil }
                month = number
            case "Y":
                guard let number = scanner.number(digits: 4...4) else { return nil }
                year = number
            case "b", "B":
                guard let number = scanner.word().flatMap(monthNumber) else { return nil }
                month = number
            case "a", "A":
                guard let word = scanner.word()?.lowercased(), weekdays.contains(where: word.hasPrefix) else { return nil }
            case "H", "M", "S":
                guard scanner.number(digits: 1...2) != nil else { return nil }
            case "z":
                guard scanner.zone() else { return nil }
            default:
                guard scanner.take(directive) else { return nil }
            }
        }
        guard scanner.atEnd else { return nil }
        return isoDate(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD` when the parts make a real date.
    private static func isoDate(year: Int?, month: Int?, day: Int?) -> String? {
        guard let year, let month, let day, (1...12).contains(month), day >= 1, day <= ISODate.daysIn(month: month, year: year) else {
            return nil
        }
        let text = String(format: "%04d-%02d-%02d", year, month, day)
        return ISODate.isValid(text) ? text : nil
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// 1–12 for an English month name or its three-letter abbreviation (`Sept` too).
    private static func monthNumber(_ word: String) -> Int? {
        let lower = word.lowercased()
        guard lower.count >= 3, let index = months.firstIndex(of: String(lower.prefix(3))) else { return nil }
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        return names[index].hasPrefix(lower) || lower == "sept" ? index + 1 : nil
    }
}
