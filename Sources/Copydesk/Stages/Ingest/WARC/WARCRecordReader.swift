import Foundation

/// Reads the records of one WARC file in order, from ``WARCFileBytes``: the `WARC/x.y` line,
/// the header fields up to a blank line, exactly `Content-Length` bytes of block, then the
/// blank lines that end a record.
///
/// A record that cannot be read (no version line, a field that is not `Name: value`, no
/// `Content-Length`, a block cut off by the end of the file or by a corrupt gzip member) is
/// given as ``WARCRecordEvent/broken(offset:message:header:)`` and reading resumes at the next
/// line starting with `WARC/` in a plain file, at the next gzip member in a `.warc.gz`. Every
/// step moves forward, so a damaged file is read to its end.
struct WARCRecordReader {
    /// The longest header read, in bytes; a longer one is broken.
    static let maxHeaderBytes = 64 << 10
    /// How much of a broken header quarantine records show.
    static let shownHeaderBytes = 2_048

    private let bytes: WARCFileBytes
    private let maxRecordBytes: Int

    /// Reads `bytes`, skipping blocks larger than `maxRecordBytes`.
    init(bytes: WARCFileBytes, maxRecordBytes: Int) {
        self.bytes = bytes
        self.maxRecordBytes = maxRecordBytes
    }

    /// The next record, skipped record or broken bytes; `nil` at the end of the file.
    func next() throws -> WARCRecordEvent? {
        guard try skipBlankLines() else { return damageEvent() }
        let start = bytes.position
        let offset = bytes.fileOffset(of: start)
        guard try startsWithVersionLine() else {
            if let damage = bytes.damage { return brokenByDamage(damage, offset: offset, header: shown(bytes.available)) }
            let header = shown(bytes.available)
            try resynchronise(from: start, atLineStart: false)
            return .broken(
                offset: offset, message: "record at offset \(offset): the bytes there do not start with a WARC/ version line", header: header)
        }
        guard let headerEnd = try findHeaderEnd() else {
            if let damage = bytes.damage { return brokenByDamage(damage, offset: offset, header: shown(bytes.available)) }
            let header = shown(bytes.available)
            let message =
                bytes.available >= Self.maxHeaderBytes
                ? "no blank line in the first \(Self.maxHeaderBytes) bytes: not a WARC header" : "the file ends inside the record header"
            try resynchronise(from: start, atLineStart: false)
            return .broken(offset: offset, message: "record at offset \(offset): \(message)", header: header)
        }
        let header = shown(headerEnd.length)
        let headerBytes = headerEnd.length + headerEnd.separator
        let parsed: WARCHeader
        switch WARCHeader.parse(bytes.buffer[bytes.start..<bytes.start + headerEnd.length]) {
        case .success(let fields): parsed = fields
        case .failure(let problem):
            return try broken(offset: offset, start: start, headerBytes: headerBytes, message: problem.message, header: header)
        }
        let recordID = parsed.fields.first { $0.name.caseInsensitiveCompare("WARC-Record-ID") == .orderedSame }?.value
        guard let lengthText = parsed.fields.first(where: { $0.name.caseInsensitiveCompare("Content-Length") == .orderedSame })?.value else {
            return try broken(offset: offset, start: start, headerBytes: headerBytes, message: "no Content-Length field", header: header)
        }
        guard let length = Int(lengthText), length >= 0 else {
            return try broken(
                offset: offset, start: start, headerBytes: headerBytes, message: "Content-Length is not a number: \(lengthText.prefix(40))",
                header: header)
        }
        bytes.consume(headerEnd.length + headerEnd.separator)
        if length > maxRecordBytes {
            guard try skip(length) else { return cutOff(offset: offset, length: length, header: header) }
            return .tooLarge(offset: offset, recordID: recordID, length: length, header: header)
        }
        while bytes.available < length {
            guard try bytes.fill() else { return cutOff(offset: offset, length: length, header: header) }
        }
        let block = Array(bytes.buffer[bytes.start..<bytes.start + length])
        bytes.consume(length)
        return .record(WARCRecord(version: parsed.version, fields: parsed.fields, block: block, offset: offset))
    }

    /// Skips the unreadable header of `headerBytes` bytes at `start` and resynchronises.
    private func broken(offset: Int, start: Int, headerBytes: Int, message: String, header: String) throws -> WARCRecordEvent {
        bytes.consume(headerBytes)
        try resynchronise(from: start, atLineStart: true)
        return .broken(offset: offset, message: "record at offset \(offset): \(message)", header: header)
    }

    /// The event for a block the file ends (or a damaged gzip member stops) before its length.
    private func cutOff(offset: Int, length: Int, header: String) -> WARCRecordEvent {
        if let damage = bytes.damage {
            bytes.resume()
            return .broken(
                offset: offset, message: "record at offset \(offset): the block is cut off: \(damage.message)",
                header: header)
        }
        let read = bytes.available
        bytes.consume(read)
        return .broken(
            offset: offset, message: "record at offset \(offset): the block has \(read) of its \(length) bytes: the file is cut off", header: header)
    }

    /// The event for a damaged gzip member found between records, when there is one.
    private func damageEvent() -> WARCRecordEvent? {
        guard let damage = bytes.damage else { return nil }
        let header = shown(bytes.available)
        bytes.resume()
        return .broken(offset: damage.offset, message: damage.message, header: header)
    }

    /// The event for a header the damage of a gzip member stops.
    private func brokenByDamage(_ damage: (offset: Int, message: String), offset: Int, header: String) -> WARCRecordEvent {
        bytes.resume()
        return .broken(offset: offset, message: "record at offset \(offset): the header is cut off: \(damage.message)", header: header)
    }

    /// The first bytes of the window, as text, for a quarantine record.
    private func shown(_ count: Int) -> String {
        let end = bytes.start + min(count, Self.shownHeaderBytes, bytes.available)
        return String(decoding: bytes.buffer[bytes.start..<end], as: UTF8.self)
    }

    /// Whether the window starts with `WARC/`, reading more bytes when it holds fewer.
    private func startsWithVersionLine() throws -> Bool {
        let marker = Array("WARC/".utf8)
        while bytes.available < marker.count {
            guard try bytes.fill() else { return false }
        }
        return bytes.buffer[bytes.start..<bytes.start + marker.count].elementsEqual(marker)
    }

    /// Consumes the line ends and spaces between records; `false` when nothing is left.
    private func skipBlankLines() throws -> Bool {
        while true {
            while bytes.available > 0 {
                let byte = bytes.buffer[bytes.start]
                guard byte == 0x0D || byte == 0x0A || byte == 0x20 || byte == 0x09 else { return true }
                bytes.consume(1)
            }
            guard try bytes.fill() else { return false }
        }
    }

    /// Where the header starting the window ends: its length without the blank line, and the
    /// blank line's length (`\r\n\r\n` or `\n\n`); `nil` when the file or the limit comes first.
    private func findHeaderEnd() throws -> (length: Int, separator: Int)? {
        var searched = 0
        while true {
            let buffer = bytes.buffer
            var index = bytes.start + max(0, searched - 3)
            let end = buffer.count
            while index < end {
                if buffer[index] == 0x0A {
                    if index + 1 < end, buffer[index + 1] == 0x0A { return (index - bytes.start + 1, 1) }
                    if index + 2 < end, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A { return (index - bytes.start + 1, 2) }
                }
                index += 1
            }
            searched = bytes.available
            guard searched < Self.maxHeaderBytes, try bytes.fill() else { return nil }
        }
    }

    /// Consumes `count` bytes without keeping them; `false` when the file ends first.
    private func skip(_ count: Int) throws -> Bool {
        var left = count
        while left > 0 {
            if bytes.available == 0 { guard try bytes.fill() else { return false } }
            let taken = min(left, bytes.available)
            bytes.consume(taken)
            left -= taken
        }
        return true
    }

    /// Moves past the broken record that started at `start`: to the next gzip member in a
    /// `.warc.gz`, to the next line starting with `WARC/` in a plain file; `atLineStart` when
    /// the first byte of the window starts a line.
    private func resynchronise(from start: Int, atLineStart: Bool) throws {
        if bytes.isGzip {
            while true {
                if let member = bytes.memberStart(after: start), member <= bytes.position + bytes.available {
                    if member > bytes.position { bytes.consume(member - bytes.position) }
                    return
                }
                bytes.consume(bytes.available)
                guard try bytes.fill() else { return }
            }
        }
        var lineStart = atLineStart
        if bytes.position == start {
            bytes.consume(1)
            lineStart = false
        }
        let marker = Array("WARC/".utf8)
        while true {
            let buffer = bytes.buffer
            var index = bytes.start
            scan: while index < buffer.count {
                if lineStart, buffer[index] == marker[0] {
                    if index + marker.count > buffer.count { break scan }
                    if buffer[index..<index + marker.count].elementsEqual(marker) {
                        bytes.consume(index - bytes.start)
                        return
                    }
                }
                lineStart = buffer[index] == 0x0A
                index += 1
            }
            bytes.consume(index - bytes.start)
            guard try bytes.fill() else {
                bytes.consume(bytes.available)
                return
            }
        }
    }
}
