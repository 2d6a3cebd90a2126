import Foundation

/// Cleans one block of article text (a paragraph, heading, title or summary line): Unicode
/// normalisation, typographic unification, invisible and control character removal, whitespace
/// collapsing and repair of glued sentences. It never changes the letters of a word.
///
/// The work happens in one pass over UTF-8 bytes. A block that is plain ASCII, has no control
/// characters, no doubled or edge spaces and no glued-sentence candidate is returned as it came,
/// after a single read-only scan.
public struct TextNormalizer: Sendable {
    /// The clean-ups this normaliser applies.
    public let options: NormalizationOptions
    private let repairer: GluedSentenceRepairer
    private let scanner: BlockScanner

    /// Creates a normaliser with the given options; throws when the bundled word lists of the
    /// glued-sentence repair are missing, unreadable or malformed.
    public init(options: NormalizationOptions = NormalizationOptions()) throws {
        self.options = options
        self.repairer = try GluedSentenceRepairer()
        self.scanner = BlockScanner(
            stripControl: options.stripControl, collapseWhitespace: options.collapseWhitespace,
            repairGluedSentences: options.repairGluedSentences)
    }

    /// The normalised form of `block`.
    public func normalize(_ block: String) -> String {
        var block = block
        let scan = block.withUTF8 { scanner.scan($0) }
        if scan == .clean { return block }
        var source = block
        if scan == .nonASCII {
            switch options.form {
            case .nfc: source = block.precomposedStringWithCanonicalMapping
            case .nfkc: source = block.precomposedStringWithCompatibilityMapping
            }
        }
        var bytes = source.utf8.withContiguousStorageIfAvailable { mapScalars($0) } ?? mapScalars(Array(source.utf8))
        if options.repairGluedSentences {
            bytes = repairer.repair(bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Maps every scalar of `bytes` according to the options, writing UTF-8 bytes.
    private func mapScalars<C: RandomAccessCollection>(_ bytes: C) -> [UInt8] where C.Element == UInt8, C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var writer = BlockWriter(collapse: options.collapseWhitespace)
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    writer.whitespace(byte, into: &out)
                } else if byte < 0x20 || byte == 0x7F {
                    if !options.stripControl { writer.byte(byte, into: &out) }
                } else {
                    writer.byte(byte, into: &out)
                }
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            let scalarEnd = min(index + length, end)
            var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
            var cursor = index + 1
            while cursor < scalarEnd {
                value = value << 6 | UInt32(bytes[cursor] & 0x3F)
                cursor += 1
            }
            let nextByte: UInt8 = scalarEnd < end ? bytes[scalarEnd] : 0x20
            if !mapSpecial(value, nextByte: nextByte, writer: &writer, into: &out) {
                for position in index..<scalarEnd { writer.byte(bytes[position], into: &out) }
            }
            index = scalarEnd
        }
        return out
    }

    /// Writes the replacement for a special scalar and returns true, or returns false when the
    /// scalar is to be copied unchanged.
    private func mapSpecial(_ value: UInt32, nextByte: UInt8, writer: inout BlockWriter, into out: inout [UInt8]) -> Bool {
        switch value {
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB:
            guard options.unifyQuotes else { return false }
            writer.byte(0x22, into: &out)
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2039, 0x203A:
            guard options.unifyQuotes else { return false }
            writer.byte(0x27, into: &out)
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212:
            guard options.unifyDashes else { return false }
            writer.byte(0x2D, into: &out)
        case 0x2014, 0x2015:
            guard options.unifyDashes else { return false }
            // A dash glued between two words separates clauses: keep it readable as ` - `.
            let gluedLeft = !writer.endsWithSpace(out)
            let gluedRight = !(nextByte == 0x20 || (nextByte >= 0x09 && nextByte <= 0x0D))
            if gluedLeft && gluedRight {
                writer.whitespace(0x20, into: &out)
                writer.byte(0x2D, into: &out)
                writer.whitespace(0x20, into: &out)
            } else {
                writer.byte(0x2D, into: &out)
            }
        case 0x2026:
            guard options.unifyEllipses else { return false }
            writer.byte(0x2E, into: &out)
            writer.byte(0x2E, into: &out)
            writer.byte(0x2E, into: &out)
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            guard options.unifySpaces else { return false }
            writer.whitespace(0x20, into: &out)
        case 0x2028, 0x2029:
            guard options.collapseWhitespace else { return false }
            writer.whitespace(0x20, into: &out)
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E:
            guard options.removeZeroWidth else { return false }
        case 0x0080...0x009F:
            guard options.stripControl else { return false }
        default:
            return false
        }
        return true
    }
}

/// Appends bytes to a block's output, collapsing whitespace runs and trimming the edges when
/// asked to: a collapsed space is only written in front of a following non-space byte.
private struct BlockWriter {
    let collapse: Bool
    private var pendingSpace = false

    init(collapse: Bool) { self.collapse = collapse }

    /// Appends one non-whitespace byte, first writing a pending collapsed space.
    mutating func byte(_ byte: UInt8, into out: inout [UInt8]) {
        if pendingSpace {
            out.append(0x20)
            pendingSpace = false
        }
        out.append(byte)
    }

    /// Records whitespace: written as is without collapsing, else as one space before the next
    /// non-whitespace byte (so leading and trailing runs vanish).
    mutating func whitespace(_ byte: UInt8, into out: inout [UInt8]) {
        if !collapse {
            out.append(byte)
        } else if !out.isEmpty {
            pendingSpace = true
        }
    }

    /// True when the last thing written, or pending, is whitespace or nothing.
    func endsWithSpace(_ out: [UInt8]) -> Bool {
        if pendingSpace { return true }
        guard let last = out.last else { return true }
        return last == 0x20 || (last >= 0x09 && last <= 0x0D)
    }
}
