/// The attributes the HTML extractor reads; the parser keeps only these.
enum HTMLAttributeName: UInt8, CaseIterable, Sendable {
    case `class`, id, role, itemprop, itemtype, rel, property, name, content, datetime, lang, type, href, httpEquiv, charset, hidden
    case ariaHidden, style

    /// The attribute's name as written in HTML.
    var spelling: String {
        switch self {
        case .httpEquiv: "http-equiv"
        case .ariaHidden: "aria-hidden"
        default: "\(self)"
        }
    }

    /// The attribute called `name` (lower case, NUL-terminated), if it is one the extractor reads.
    static func named(_ name: UnsafePointer<UInt8>) -> HTMLAttributeName? {
        PackedName(name).flatMap { byPackedName[$0] }
    }

    private static let byPackedName = PackedNameTable(allCases.map { ($0.spelling, $0) })
}
