import CSV
import Foundation

/// One table's CSV file being written by the `csv` sink: RFC 4180 records (CRLF line ends, fields
/// holding quotes, commas or line breaks quoted, quotes doubled) in UTF-8 with a header row,
/// written under a temporary name until ``commit()``.
///
/// A null value is an empty field and an empty string a quoted empty field (`""`), so readers
/// that tell them apart (DuckDB, `csv` in Python) keep the difference.
final class CSVTableFile {
    /// The table written.
    let table: OutputTable
    private let file: AtomicFileWriter
    private let stream = CSVByteStream(toMemory: ())
    private let writer: CSVWriter

    /// Creates `<directory>/<table>.csv` under its temporary name and writes the header row.
    init(table: OutputTable, directory: String) throws {
        self.table = table
        file = try AtomicFileWriter(path: (directory as NSString).appendingPathComponent("\(table.name).csv"))
        writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: table.columns)
        try flush()
    }

    /// Appends the rows of `articles`.
    func append(_ articles: [Article], runID: String) throws {
        for article in articles {
            for row in table.rows(article, runID) {
                writer.beginNewRow()
                for value in row { try write(value) }
            }
        }
        try flush()
    }

    /// Ends the last record with a line break and renames the file into place.
    func commit() throws {
        try file.write([UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        try file.commit()
    }

    /// Deletes the temporary file, leaving any previous file intact.
    func discard() {
        file.discard()
    }

    private func write(_ value: OutputValue) throws {
        switch value {
        case .text(let text): try writer.write(field: text, quoted: text.isEmpty)
        case .integer(let number): try writer.write(field: String(number))
        case .real(let number): try writer.write(field: String(number))
        case .null: try writer.write(field: "")
        }
    }

    /// Moves what the CSV writer produced into the file's buffer.
    private func flush() throws {
        try file.write(stream.bytes)
        stream.removeAll()
    }
}
