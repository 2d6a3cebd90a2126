@testable import Copydesk

/// Seeded generated articles full of what JSON text has to escape or format with care: every C0
/// control, DEL, quotes, backslashes, slashes, U+2028/2029, emoji and other non-BMP scalars,
/// combining marks, empty strings, absent optionals, doubles of every magnitude, extreme
/// integers and `extra` fields of nested objects, arrays, numbers, booleans and nulls. The same
/// seed gives the same articles.
struct AwkwardArticles {
    private var random: SplitMix64

    /// Starts the stream of articles for `seed`.
    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// Doubles whose formatting is easy to get wrong: negative zero, the ends of the plain
    /// notation (below 1e16 and from 1e-4), whole numbers around 2^53, the smallest and largest.
    static let edgeDoubles: [Double] = [
        0, -0.0, 1, -1, 0.5, -0.5, 0.93, 0.1 + 0.2, 100, 227_700_000_000, 1e15, 1e16, 1e16.nextDown, 1e16.nextUp, -1e16,
        -1e16.nextUp, 9_007_199_254_740_992, 9_007_199_254_740_994, -9_007_199_254_740_994, 4_503_599_627_370_497, 1e17,
        123_456_789_012_345_680, 1e21, 1e22, 1e23, 1e-4, 1e-4.nextDown, 1e-4.nextUp, 1e-5, 1.5e-7, 0.000_123_4, 12_345.678,
        Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 1e300,
        2.5e-300, 1.0 / 3, 2.0 / 3, Double(Int64.max), Double(Int64.min),
    ]

    /// The next `count` articles.
    mutating func next(_ count: Int) -> [Article] {
        (0..<count).map { _ in next() }
    }

    /// The next article.
    mutating func next() -> Article {
        let text = string(maximumLength: 400)
        var article = Article(
            id: string(maximumLength: 20), contentKey: string(maximumLength: 20),
            source: SourceLocation(
                path: string(maximumLength: 40), line: integer(), format: string(maximumLength: 10),
                recordID: optional { $0.string(maximumLength: 20) },
                member: optional { $0.string(maximumLength: 30) }, offset: optional { $0.integer() }),
            date: optional { $0.string(maximumLength: 12) }, section: optional { $0.string(maximumLength: 20) },
            title: optional { $0.string(maximumLength: 80) }, summary: optional { $0.string(maximumLength: 120) },
            url: optional { $0.string(maximumLength: 60) }, authors: list(maximumCount: 3) { $0.string(maximumLength: 20) },
            language: optional { $0.string(maximumLength: 6) }, site: optional { $0.string(maximumLength: 20) }, text: text,
            paragraphs: list(maximumCount: 4) {
                Paragraph(kind: $0.pick([.paragraph, .heading, .dateline, .listItem, .quote]), start: $0.integer(), end: $0.integer())
            })
        article.dateline = optional {
            Dateline(
                place: $0.optional { $0.string(maximumLength: 20) }, agency: $0.optional { $0.string(maximumLength: 10) },
                start: $0.integer(), end: $0.integer())
        }
        article.sentences = list(maximumCount: 4) {
            Sentence(paragraph: $0.integer(), start: $0.integer(), end: $0.integer(), text: $0.string(maximumLength: 120))
        }
        article.entities = list(maximumCount: 4) {
            Entity(
                text: $0.string(maximumLength: 20), type: $0.pick(Entity.Kind.allCases), canonical: $0.string(maximumLength: 20),
                start: $0.integer(), end: $0.integer(), sentence: $0.integer(), mentions: $0.integer())
        }
        article.quotes = list(maximumCount: 3) {
            Quote(
                text: $0.string(maximumLength: 60), speaker: $0.optional { $0.string(maximumLength: 20) },
                verb: $0.optional { $0.string(maximumLength: 8) }, start: $0.integer(), end: $0.integer(), sentence: $0.integer())
        }
        article.amounts = list(maximumCount: 3) {
            Amount(
                text: $0.string(maximumLength: 20), kind: $0.pick([.money, .percent, .quantity]), value: $0.double(),
                currency: $0.optional { $0.string(maximumLength: 3) }, unit: $0.optional { $0.string(maximumLength: 6) },
                qualifier: $0.optional { $0.string(maximumLength: 8) }, start: $0.integer(), end: $0.integer(), sentence: $0.integer())
        }
        article.dates = list(maximumCount: 3) {
            DateMention(
                text: $0.string(maximumLength: 20), value: $0.optional { $0.string(maximumLength: 10) },
                resolution: $0.string(maximumLength: 12), start: $0.integer(), end: $0.integer(), sentence: $0.integer())
        }
        article.removedBlocks = list(maximumCount: 2) {
            RemovedBlock(kind: $0.string(maximumLength: 16), location: $0.string(maximumLength: 12), containment: $0.double())
        }
        article.duplicateOf = optional { $0.string(maximumLength: 16) }
        article.similarity = optional { $0.double() }
        article.extra = members(depth: 0)
        return article
    }

    /// A string of up to `maximumLength` scalars (often none): long runs of plain ASCII with
    /// characters that need escaping or care at any position.
    mutating func string(maximumLength: Int) -> String {
        var scalars: [Unicode.Scalar] = []
        let length = below(4) == 0 ? 0 : below(maximumLength + 1)
        while scalars.count < length {
            switch below(10) {
            case 0...4: scalars.append(contentsOf: pick(Self.words).unicodeScalars)
            case 5, 6: scalars.append(Unicode.Scalar(UInt8(below(0x20))))
            case 7: scalars.append(pick(["\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{2029}"]))
            case 8: scalars.append(contentsOf: pick(Self.nonASCII).unicodeScalars)
            default: scalars.append(anyScalar())
            }
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return String(text)
    }

    /// A double: an edge case, a whole number, any magnitude, or any finite bit pattern.
    mutating func double() -> Double {
        switch below(4) {
        case 0: return pick(Self.edgeDoubles)
        case 1: return Double(Int64(bitPattern: random.next()) >> below(64))
        case 2: return Double(below(1_000_000)) / 1_000 * pow10(below(60) - 30) * (below(2) == 0 ? 1 : -1)
        default:
            let value = Double(bitPattern: random.next())
            return value.isFinite ? value : 0.25
        }
    }

    /// An integer, often small, sometimes negative or extreme.
    mutating func integer() -> Int {
        switch below(8) {
        case 0: return pick([Int.min, Int.max, -1, 0])
        case 1: return Int(bitPattern: UInt(random.next()))
        default: return below(5_000)
        }
    }

    /// Plain ASCII runs, each longer than eight bytes or not.
    private static let words = ["The port ", "strike", " ended on Thursday, officials said. ", "a", "of ", "quotation-free text ", " "]

    /// Characters outside ASCII, from two to four UTF-8 bytes, some made of several scalars.
    private static let nonASCII = [
        "é", "e\u{301}", "—", "€", "’", "“", "”", "ø", "中文", "\u{FEFF}", "\u{200D}", "😀", "👩‍👩‍👧", "🇳🇴", "\u{10FFFF}", "\u{A0}",
    ]

    /// Any Unicode scalar (no surrogate).
    private mutating func anyScalar() -> Unicode.Scalar {
        while true {
            if let scalar = Unicode.Scalar(UInt32(below(0x11_0000))) { return scalar }
        }
    }

    /// Members of an `extra` object at nesting `depth`: none at times, fewer as it deepens.
    private mutating func members(depth: Int) -> [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        for _ in 0..<below(max(1, 5 - depth)) {
            members[string(maximumLength: 8)] = value(depth: depth + 1)
        }
        return members
    }

    /// Any JSON value, containers only down to a few levels.
    private mutating func value(depth: Int) -> JSONValue {
        switch below(depth < 4 ? 9 : 7) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2: return .integer(pick([Int64.min, Int64.max, 0, -7, Int64(bitPattern: random.next())]))
        case 3, 4: return .number(double())
        case 5, 6: return .string(string(maximumLength: 30))
        case 7: return .array((0..<below(4)).map { _ in value(depth: depth + 1) })
        default: return .object(members(depth: depth))
        }
    }

    /// `make()`'s value two times in three, else nil.
    private mutating func optional<Value>(_ make: (inout Self) -> Value) -> Value? {
        below(3) == 0 ? nil : make(&self)
    }

    /// Up to `maximumCount` values of `make()`.
    private mutating func list<Value>(maximumCount: Int, _ make: (inout Self) -> Value) -> [Value] {
        (0..<below(maximumCount + 1)).map { _ in make(&self) }
    }

    /// One of `choices`.
    private mutating func pick<Value>(_ choices: [Value]) -> Value {
        choices[below(choices.count)]
    }

    /// A number in `0..<bound`.
    private mutating func below(_ bound: Int) -> Int {
        Int(random.next() % UInt64(bound))
    }

    /// 10 to the power `exponent`.
    private func pow10(_ exponent: Int) -> Double {
        (0..<exponent.magnitude).reduce(1.0) { value, _ in exponent < 0 ? value / 10 : value * 10 }
    }
}
