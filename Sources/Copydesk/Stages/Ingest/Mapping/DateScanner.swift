/// Reads the parts of a date value one after another, for ``DateFormat`` patterns.
struct DateScanner {
    private let characters: [Character]
    private var position = 0

    /// Starts at the beginning of `text`.
    init(_ text: String) {
        characters = Array(text)
    }

    /// Whether every character has been read.
    var atEnd: Bool { position == characters.count }

    /// Reads `character`; `false` when another one is there.
    mutating func take(_ character: Character) -> Bool {
        guard position < characters.count, characters[position] == character else { return false }
        position += 1
        return true
    }

    /// Reads one or more spaces; `false` when there is none.
    mutating func skipSpaces() -> Bool {
        let start = position
        while position < characters.count, characters[position] == " " { position += 1 }
        return position > start
    }

    /// Reads a number of as many ASCII digits as `digits` allows (as many as there are, up to
    /// its upper bound); `nil` when fewer than its lower bound are there.
    mutating func number(digits: ClosedRange<Int>) -> Int? {
        var value = 0
        var count = 0
        while count < digits.upperBound, position < characters.count, let digit = characters[position].wholeNumberValue,
            characters[position].isASCII
        {
            value = value * 10 + digit
            count += 1
            position += 1
        }
        return count >= digits.lowerBound ? value : nil
    }

    /// Reads a run of ASCII letters, or `nil` when none is there.
    mutating func word() -> String? {
        let start = position
        while position < characters.count, characters[position].isASCII, characters[position].isLetter { position += 1 }
        return position > start ? String(characters[start..<position]) : nil
    }

    /// Reads a zone: `Z`, or a sign and `hh`, `hhmm` or `hh:mm`.
    mutating func zone() -> Bool {
        if take("Z") { return true }
        guard take("+") || take("-"), number(digits: 2...2) != nil else { return false }
        if take(":") { return number(digits: 2...2) != nil }
        _ = number(digits: 2...2)
        return true
    }
}
