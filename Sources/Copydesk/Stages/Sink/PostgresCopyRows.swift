/// Output rows in the text format of PostgreSQL's `COPY … FROM STDIN`: one line per row, values
/// separated by tabs, null as `\N`, and backslash, tab, newline and carriage return in text
/// escaped with a backslash.
struct PostgresCopyRows {
    /// The encoded rows.
    private(set) var bytes: [UInt8] = []

    /// Appends `rows`, each with one value per column.
    mutating func append(_ rows: [[OutputValue]]) {
        for row in rows {
            for (index, value) in row.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: "\t")) }
                append(value)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    private mutating func append(_ value: OutputValue) {
        switch value {
        case .null:
            bytes += [UInt8(ascii: "\\"), UInt8(ascii: "N")]
        case .integer(let number):
            bytes += String(number).utf8
        case .real(let number):
            bytes += String(number).utf8
        case .text(let text):
            let utf8 = text.utf8
            guard utf8.contains(where: Self.needsEscape) else {
                bytes += utf8
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                default: bytes.append(byte)
                }
            }
        }
    }

    /// Whether `byte` must be escaped inside a text value.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
