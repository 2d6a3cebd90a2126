/// The header of a WARC record: the `WARC/x.y` version line and its `Name: value` fields
/// (a line starting with a space or a tab continues the field before it).
struct WARCHeader {
    /// Why a header cannot be read.
    struct Problem: Error {
        /// What is wrong, for the quarantine record.
        var message: String
    }

    /// The version number (`1.0`, `1.1`).
    var version: String
    /// Fields in order, names as written, values without surrounding spaces.
    var fields: [(name: String, value: String)]

    /// Parses the header lines in `bytes` (up to, not including, the blank line).
    static func parse(_ bytes: ArraySlice<UInt8>) -> Result<WARCHeader, Problem> {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { return .failure(Problem(message: "empty header")) }
        let versionLine = String(decoding: first, as: UTF8.self)
        guard versionLine.hasPrefix("WARC/") else {
            return .failure(Problem(message: "the header does not start with a WARC/ version line: \(versionLine.prefix(80))"))
        }
        let version = String(versionLine.dropFirst(5))
        guard version == "1.0" || version == "1.1" else { return .failure(Problem(message: "unsupported version WARC/\(version.prefix(20))")) }
        var fields: [(name: String, value: String)] = []
        for (number, line) in lines.enumerated().dropFirst() {
            if let byte = line.first, byte == 0x20 || byte == 0x09 {
                guard !fields.isEmpty else { return .failure(Problem(message: "line \(number + 1) continues no field")) }
                fields[fields.count - 1].value += " " + trimmed(line)
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                return .failure(Problem(message: "line \(number + 1) is not a field: \(String(decoding: line.prefix(80), as: UTF8.self))"))
            }
            let name = trimmed(line[line.startIndex..<colon])
            guard !name.contains(" ") else {
                return .failure(Problem(message: "line \(number + 1) is not a field: \(String(decoding: line.prefix(80), as: UTF8.self))"))
            }
            fields.append((name, trimmed(line[(colon + 1)...])))
        }
        return .success(WARCHeader(version: version, fields: fields))
    }

    /// `bytes` as text without leading and trailing spaces and tabs.
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}
