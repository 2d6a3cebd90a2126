import Foundation

/// One table's CSV file being written by the `csv` sink (records as ``CSVRecordEncoder`` writes
/// them, header row first), under a temporary name until ``commit()``.
final class CSVTableFile {
    /// The table written.
    let table: OutputTable
    private let file: AtomicFileWriter
    private var encoder = CSVRecordEncoder()

    /// Creates `<directory>/<table>.csv` under its temporary name and writes the header row.
    init(table: OutputTable, directory: String) throws {
        self.table = table
        file = try AtomicFileWriter(path: (directory as NSString).appendingPathComponent("\(table.name).csv"))
        encoder.appendHeader(table.columns)
        try flush()
    }

    /// Appends the rows of `articles`.
    func append(_ articles: [Article], runID: String) throws {
        try table.writeRows(of: articles, runID, to: &encoder)
        try flush()
    }

    /// Renames the finished file into place.
    func commit() throws {
        try file.commit()
    }

    /// Deletes the temporary file, leaving any previous file intact.
    func discard() {
        file.discard()
    }

    /// Moves the encoded records into the file's buffer.
    private func flush() throws {
        try file.write(encoder.bytes)
        encoder.removeAll()
    }
}
