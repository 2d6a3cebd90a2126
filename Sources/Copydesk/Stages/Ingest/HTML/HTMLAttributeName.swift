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
        guard let key = PackedName(name) else { return nil }
        return byPackedName[key]
    }

    private static let byPackedName: [PackedName: HTMLAttributeName] = {
        var table: [PackedName: HTMLAttributeName] = [:]
        for attribute in allCases {
            var bytes = Array(attribute.spelling.utf8)
            bytes.append(0)
            table[bytes.withUnsafeBufferPointer { PackedName($0.baseAddress!)! }] = attribute
        }
        return table
    }()
}

/// A name of up to 16 ASCII bytes packed into two integers, so element and attribute names
/// are looked up without making a string of each.
struct PackedName: Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Packs a NUL-terminated name; `nil` when it is longer than 16 bytes.
    init?(_ name: UnsafePointer<UInt8>) {
        for index in 0...16 {
            let byte = name[index]
            if byte == 0 { return }
            if index == 16 { return nil }
            if index < 8 {
                low |= UInt64(byte) << (8 * UInt64(index))
            } else {
                high |= UInt64(byte) << (8 * UInt64(index - 8))
            }
        }
        return nil
    }
}
