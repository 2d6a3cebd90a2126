/// Encodes rows as RFC 4180 CSV records into a byte buffer: UTF-8, fields separated by commas,
/// every record ended by CRLF, a field holding a comma, a quote or a line break enclosed in
/// quotes with its quotes doubled.
///
/// A null value is an empty field and an empty string a quoted empty field (`""`). The encoder
/// works on UTF-8 bytes in bulk because a scalar-at-a-time stream writer is several times slower
/// than the sinks' throughput target.
struct CSVRecordEncoder: OutputRowWriter {
    /// The records encoded since the last ``removeAll()``.
    private(set) var bytes: [UInt8] = []
    /// Whether the next field is the first of its record.
    private var atRecordStart = true

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")

    /// Appends a header record of column names.
    mutating func appendHeader(_ columns: [String]) {
        for column in columns { text(column) }
        endRecord()
    }

    /// Appends a text field.
    mutating func text(_ value: String) {
        startField()
        appendField(value)
    }

    /// Appends a whole number in decimal.
    mutating func integer(_ value: Int) {
        startField()
        DecimalDigits.append(value, to: &bytes)
    }

    /// Appends a decimal number as Swift spells it (`0.85`, `1e-05`).
    mutating func real(_ value: Double) {
        startField()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends an empty field.
    mutating func null() {
        startField()
    }

    /// Ends the record with CRLF.
    mutating func endRow() {
        endRecord()
    }

    /// Empties the buffer, keeping its capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord() {
        bytes.append(Self.carriageReturn)
        bytes.append(Self.lineFeed)
        atRecordStart = true
    }

    /// Writes the comma in front of every field but a record's first.
    private mutating func startField() {
        if atRecordStart {
            atRecordStart = false
        } else {
            bytes.append(Self.comma)
        }
    }

    /// Appends a text field, quoted when it is empty or holds a comma, quote or line break; a
    /// quote inside is doubled. Runs of bytes without quotes are appended in bulk.
    private mutating func appendField(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            let needsQuotes =
                utf8.isEmpty
                || utf8.contains { byte in
                    byte == Self.comma || byte == Self.quote || byte == Self.carriageReturn || byte == Self.lineFeed
                }
            guard needsQuotes else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(Self.quote)
            var start = 0
            while let quote = utf8[start...].firstIndex(of: Self.quote) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...quote]))
                bytes.append(Self.quote)
                start = quote + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
            bytes.append(Self.quote)
        }
    }
}
