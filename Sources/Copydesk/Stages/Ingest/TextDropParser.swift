import Foundation

/// Parses the native text-drop format, line by line, into articles and rejected records.
///
/// An article is a header line ` date YYYY-MM-DD Section` (leading white space allowed), a
/// title line, a summary line, then body lines up to the next header or the end of the file.
/// A file may hold several articles. Problems are reported as ``QuarantineRecord``s naming the
/// file and line: invalid UTF-8, binary data, a missing or malformed header, an article with
/// no body, an empty file.
struct TextDropParser {
    /// The file being parsed.
    let path: String
    /// Stage name recorded in quarantine records.
    let stage: String
    /// The archive member being parsed, when the file is an archive.
    let member: String?

    private var current: Draft?
    private var preamble: Draft?
    private var sawContent = false

    /// The lines of one article (or of text before the first header) collected so far.
    private struct Draft {
        var firstLine: Int
        var header: Header?
        var lines: [LineReader.Line] = []
        var problem: (line: Int, reason: String, message: String)?
    }

    /// The fields of a header line.
    struct Header: Equatable {
        var date: String
        var section: String?
    }

    /// Creates a parser for one file, or for one `member` of the archive at `path`.
    init(path: String, stage: String, member: String? = nil) {
        self.path = path
        self.stage = stage
        self.member = member
    }

    /// Feeds the next line; returns the items it completed.
    mutating func feed(_ line: LineReader.Line) -> [SourceItem] {
        var completed: [SourceItem] = []
        var bytes = line.bytes
        if line.number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        if !isBlank { sawContent = true }
        switch Self.header(bytes) {
        case .valid(let header):
            completed += flush()
            current = Draft(firstLine: line.number, header: header)
            return completed
        case .malformed(let message):
            completed += flush()
            var draft = Draft(firstLine: line.number, header: nil)
            draft.problem = (line.number, "bad_header", message)
            current = draft
            return completed
        case .none:
            break
        }
        if current == nil {
            if isBlank && preamble == nil { return completed }
            if preamble == nil {
                preamble = Draft(firstLine: line.number, header: nil)
                preamble?.problem = (line.number, "missing_header", "expected a header line 'date YYYY-MM-DD Section' before the article text")
            }
            preamble?.lines.append(LineReader.Line(bytes: bytes, number: line.number, truncated: line.truncated))
            return completed
        }
        var fixed = line
        fixed.bytes = bytes
        current?.lines.append(fixed)
        if current?.problem == nil, let issue = Self.encodingProblem(fixed) { current?.problem = issue }
        return completed
    }

    /// Ends the file; returns the items still open.
    mutating func finish() -> [SourceItem] {
        var completed = flush()
        if !sawContent {
            completed.append(
                .rejected(
                    QuarantineRecord(
                        path: path, line: 0, stage: stage, reason: "empty_file",
                        message: "the file holds no article", raw: "", member: member)))
        }
        return completed
    }

    private mutating func flush() -> [SourceItem] {
        var items: [SourceItem] = []
        if let preamble {
            items.append(.rejected(record(preamble)))
            self.preamble = nil
        }
        if let draft = current {
            items.append(build(draft))
            current = nil
        }
        return items
    }

    private func build(_ draft: Draft) -> SourceItem {
        if draft.problem != nil { return .rejected(record(draft)) }
        guard let header = draft.header else { return .rejected(record(draft)) }
        let lines = draft.lines.map { String(decoding: $0.bytes, as: UTF8.self) }
        guard let titleIndex = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            var failed = draft
            failed.problem = (draft.firstLine, "no_body", "the article has a header but no title or body")
            return .rejected(record(failed))
        }
        let title = Substring(lines[titleIndex]).trimmingWhitespace()
        let summaryIndex = titleIndex + 1
        let summary = summaryIndex < lines.count ? Substring(lines[summaryIndex]).trimmingWhitespace() : ""
        let body = summaryIndex + 1 < lines.count ? lines[(summaryIndex + 1)...] : []
        let layout = BodyLayout.build(lines: body)
        guard !layout.paragraphs.isEmpty else {
            var failed = draft
            failed.problem = (draft.firstLine, "no_body", "the article '\(title)' has no body after its title and summary lines")
            return .rejected(record(failed))
        }
        let text = layout.text
        let source = SourceLocation(path: path, line: draft.firstLine, format: stage, member: member)
        let contentKey = ArticleID.contentKey(title: String(title), text: text)
        return .article(
            Article(
                id: ArticleID.make(source: source, contentKey: contentKey), contentKey: contentKey,
                source: source,
                date: header.date, section: header.section, title: String(title),
                summary: summary.isEmpty ? nil : String(summary), text: text, paragraphs: layout.paragraphs))
    }

    private func record(_ draft: Draft) -> QuarantineRecord {
        let problem = draft.problem ?? (draft.firstLine, "bad_record", "unreadable record")
        var raw = draft.lines.map { String(decoding: $0.bytes, as: UTF8.self) }.joined(separator: "\n")
        if raw.utf8.count > 16_384 { raw = String(raw.prefix(16_384)) }
        return QuarantineRecord(
            path: path, line: problem.line, stage: stage, reason: problem.reason, message: problem.message, raw: raw, member: member)
    }

    /// What a line says about being a header.
    enum HeaderMatch: Equatable {
        /// A well-formed header.
        case valid(Header)
        /// A line that starts like a header but is not one.
        case malformed(String)
    }

    /// Recognises ` date YYYY-MM-DD Section`; a line `date` followed by a digit that is not a
    /// valid header is malformed, any other line is not a header.
    static func header(_ bytes: [UInt8]) -> HeaderMatch? {
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        let keyword: [UInt8] = Array("date".utf8)
        guard bytes.count - start >= 4, Array(bytes[start..<start + 4]) == keyword,
            bytes.count == start + 4 || bytes[start + 4] == 0x20 || bytes[start + 4] == 0x09
        else { return nil }
        var rest = bytes[(start + 4)...].drop(while: { $0 == 0x20 || $0 == 0x09 })
        while let last = rest.last, last == 0x20 || last == 0x09 { rest = rest.dropLast() }
        guard let firstByte = rest.first, firstByte >= 0x30, firstByte <= 0x39 else { return nil }
        let text = String(decoding: rest, as: UTF8.self)
        let date = String(text.prefix(10))
        guard ISODate.isValid(date) else {
            return .malformed("malformed header: expected 'date YYYY-MM-DD Section', found 'date \(text.prefix(40))'")
        }
        let section = text.dropFirst(10).trimmingCharacters(in: .whitespaces)
        if !text.dropFirst(10).isEmpty, text.dropFirst(10).first != " ", text.dropFirst(10).first != "\t" {
            return .malformed("malformed header: the date '\(text.prefix(16))' must be followed by a space and the section")
        }
        return .valid(Header(date: date, section: section.isEmpty ? nil : section))
    }

    private static func encodingProblem(_ line: LineReader.Line) -> (line: Int, reason: String, message: String)? {
        if line.truncated {
            return (line.number, "line_too_long", "line \(line.number) is longer than the line limit; the article is not read")
        }
        if let nul = line.bytes.firstIndex(of: 0) {
            return (line.number, "binary_data", "line \(line.number) holds binary data (a NUL byte at column \(nul + 1))")
        }
        if !UTF8Validation.isValid(line.bytes) {
            let column = UTF8Validation.firstInvalidByte(line.bytes) ?? 0
            let byte = column < line.bytes.count ? String(line.bytes[column], radix: 16, uppercase: true) : "?"
            return (line.number, "invalid_utf8", "line \(line.number) is not valid UTF-8 (byte 0x\(byte) at column \(column + 1))")
        }
        return nil
    }
}
