/// Output rows in the text format of PostgreSQL's `COPY … FROM STDIN`: one line per row, values
/// separated by tabs, null as `\N`, and backslash, tab, newline and carriage return in text
/// escaped with a backslash.
struct PostgresCopyRows: OutputRowWriter {
    /// The encoded rows.
    private(set) var bytes: [UInt8] = []
    /// Whether the next value is the first of its row.
    private var atRowStart = true

    /// Appends a text value, escaped.
    mutating func text(_ value: String) {
        startValue()
        let utf8 = value.utf8
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

    /// Appends a whole number in decimal.
    mutating func integer(_ value: Int) {
        startValue()
        DecimalDigits.append(value, to: &bytes)
    }

    /// Appends a decimal number as Swift spells it.
    mutating func real(_ value: Double) {
        startValue()
        bytes += String(value).utf8
    }

    /// Appends `\N`.
    mutating func null() {
        startValue()
        bytes += [UInt8(ascii: "\\"), UInt8(ascii: "N")]
    }

    /// Ends the row with a newline.
    mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        atRowStart = true
    }

    /// Writes the tab in front of every value but a row's first.
    private mutating func startValue() {
        if atRowStart {
            atRowStart = false
        } else {
            bytes.append(UInt8(ascii: "\t"))
        }
    }

    /// Whether `byte` must be escaped inside a text value.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
