/// Receives the rows of an ``OutputTable`` cell by cell, in column order, then ``endRow()``:
/// how the sinks write an article's rows straight into their output (CSV bytes, bound SQLite
/// statements, `COPY` text) instead of building an array of values for every row first.
protocol OutputRowWriter {
    /// Writes a text cell.
    mutating func text(_ value: String)
    /// Writes a whole-number cell.
    mutating func integer(_ value: Int)
    /// Writes a decimal-number cell.
    mutating func real(_ value: Double)
    /// Writes an absent value.
    mutating func null()
    /// Ends the row whose cells were just written.
    mutating func endRow() throws
}

extension OutputRowWriter {
    /// Writes a text cell for a present string, null for `nil`.
    mutating func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// Writes a whole-number cell for a present number, null for `nil`.
    mutating func integer(_ value: Int?) {
        if let value { integer(value) } else { null() }
    }

    /// Writes a decimal cell for a present number, null for `nil`.
    mutating func real(_ value: Double?) {
        if let value { real(value) } else { null() }
    }

    /// Writes one cell of any kind.
    mutating func cell(_ value: OutputValue) {
        switch value {
        case .text(let text): self.text(text)
        case .integer(let number): integer(number)
        case .real(let number): real(number)
        case .null: null()
        }
    }
}

/// Collects the rows written as arrays of ``OutputValue``: for readers that want whole rows
/// (tests, benchmarks) rather than a sink's output.
struct OutputValueRows: OutputRowWriter {
    /// The rows ended so far.
    private(set) var rows: [[OutputValue]] = []
    private var row: [OutputValue] = []

    mutating func text(_ value: String) { row.append(.text(value)) }
    mutating func integer(_ value: Int) { row.append(.integer(value)) }
    mutating func real(_ value: Double) { row.append(.real(value)) }
    mutating func null() { row.append(.null) }

    mutating func endRow() {
        rows.append(row)
        row.removeAll(keepingCapacity: true)
    }
}
