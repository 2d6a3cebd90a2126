import Foundation

/// Reads a publication date as pages write it, into ISO `YYYY-MM-DD`: ISO dates and
/// timestamps (`2024-03-14T09:30:00+01:00`, the date as written), `2024/03/14`, `20240314`,
/// `March 14, 2024`, `14 March 2024`, `Thu, 14 Mar 2024 09:30:00 GMT`, and numeric
/// day-month orders only where they are unambiguous (`31/03/2024`, `03/31/2024`).
enum PageDate {
    private static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        var table: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            table[name] = index + 1
            table[String(name.prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    /// The date in `text`, if it states a whole one.
    static func parse(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let iso = isoPrefix(trimmed) { return iso }
        let tokens = trimmed.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return fromTokens(tokens, original: trimmed)
    }

    /// `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD` at the start of `text`.
    private static func isoPrefix(_ text: String) -> String? {
        let bytes = Array(text.utf8.prefix(10))
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= bytes.count && bytes[range].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if bytes.count == 10, digits(0..<4), digits(5..<7), digits(8..<10), bytes[4] == bytes[7], bytes[4] == 0x2D || bytes[4] == 0x2F {
            return make(year: number(bytes[0..<4]), month: number(bytes[5..<7]), day: number(bytes[8..<10]))
        }
        let compact = Array(text.utf8)
        if compact.count >= 8, digits(0..<8), compact.count == 8 || !(compact[8] >= 0x30 && compact[8] <= 0x39) {
            return make(year: number(bytes[0..<4]), month: number(bytes[4..<6]), day: number(bytes[6..<8]))
        }
        return nil
    }

    private static func fromTokens(_ tokens: [String], original: String) -> String? {
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if let month = months[token] {
                // March 14, 2024 / Mar 14th 2024
                if index + 2 < tokens.count, let day = dayNumber(tokens[index + 1]), let year = yearNumber(tokens[index + 2]) {
                    if let date = make(year: year, month: month, day: day) { return date }
                }
                // 14 March 2024
                if index >= 1, index + 1 < tokens.count, let day = dayNumber(tokens[index - 1]), let year = yearNumber(tokens[index + 1]) {
                    if let date = make(year: year, month: month, day: day) { return date }
                }
            }
            if index + 2 < tokens.count, let first = Int(tokens[index]), let second = Int(tokens[index + 1]),
                let year = yearNumber(tokens[index + 2]),
                tokens[index].count <= 2, tokens[index + 1].count <= 2
            {
                if first > 12, second <= 12, let date = make(year: year, month: second, day: first) { return date }
                if second > 12, first <= 12, let date = make(year: year, month: first, day: second) { return date }
            }
            index += 1
        }
        return nil
    }

    /// The date a URL's path states (`/2024/03/14/`, `/2024-03-14-`, `/20240314/`).
    static func fromURL(_ url: String) -> String? {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let parts = path.split { !$0.isNumber }.map(String.init)
        for (index, part) in parts.enumerated() {
            if part.count == 8, let date = isoPrefix(part), let year = Int(part.prefix(4)), (1990...2100).contains(year) { return date }
            guard part.count == 4, let year = Int(part), (1990...2100).contains(year), index + 2 < parts.count,
                parts[index + 1].count <= 2, parts[index + 2].count <= 2, let month = Int(parts[index + 1]), let day = Int(parts[index + 2])
            else { continue }
            if let date = make(year: year, month: month, day: day) { return date }
        }
        return nil
    }

    private static func dayNumber(_ token: String) -> Int? {
        let digits = token.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2, ["", "st", "nd", "rd", "th"].contains(String(token.dropFirst(digits.count))) else { return nil }
        return Int(digits)
    }

    private static func yearNumber(_ token: String) -> Int? {
        guard token.count == 4, let year = Int(token), (1900...2100).contains(year) else { return nil }
        return year
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int { bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) } }

    private static func make(year: Int, month: Int, day: Int) -> String? {
        guard (1...12).contains(month), day >= 1, day <= ISODate.daysIn(month: month, year: year), (1900...2100).contains(year) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
