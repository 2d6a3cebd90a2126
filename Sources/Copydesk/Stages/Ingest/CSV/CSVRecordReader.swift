/// Splits a CSV file into its records, each with the number of the physical line it starts on:
/// physical lines (from a ``LineReader``) are joined with `\n` while a quoted field is open,
/// that is while the record so far holds an odd number of `"` (an escaped `""` counts twice),
/// so a field may span lines. The fields of each record are parsed by `CSV.swift`.
///
/// A UTF-8 byte-order mark at the start of the file is dropped. A line break inside a quoted
/// field comes out as `\n` whatever the file used.
struct CSVRecordReader {
    /// One record's bytes, the line it starts on, and what went wrong with it.
    struct Record {
        /// The record's bytes, lines joined by `\n`.
        var bytes: [UInt8]
        /// 1-based physical line the record starts on.
        var line: Int
        /// Why the record cannot be read whole, if it cannot: `line_too_long`, or
        /// `unclosed_quote` when a quoted field is still open at the end of the file.
        var problem: (reason: String, message: String)?
    }

    private var lines: LineReader
    private var atStart = true

    /// Reads the records of the lines `lines` gives.
    init(lines: LineReader) {
        self.lines = lines
    }

    /// The next record that is not a blank line, or `nil` at the end of the file.
    mutating func next() throws -> Record? {
        var record: Record?
        var quotes = 0
        while var line = try lines.next() {
            if atStart {
                atStart = false
                if line.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { line.bytes.removeFirst(3) }
            }
            if record == nil {
                if line.bytes.isEmpty { continue }
                record = Record(bytes: [], line: line.number)
            } else {
                record?.bytes.append(0x0A)
            }
            record?.bytes.append(contentsOf: line.bytes)
            if line.truncated, record?.problem == nil {
                record?.problem = ("line_too_long", "line \(line.number) is longer than the line limit")
            }
            quotes += line.bytes.count { $0 == UInt8(ascii: "\"") }
            if quotes % 2 == 0 { return record }
        }
        guard var record else { return nil }
        if record.problem == nil {
            record.problem = ("unclosed_quote", "a quoted field opened on line \(record.line) is not closed by the end of the file")
        }
        return record
    }

    /// Up to `count` bytes at the start of the file, before any record is read.
    mutating func leadingBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        try lines.leadingBytes(count)
    }

    /// Closes the file.
    func close() {
        lines.close()
    }
}
