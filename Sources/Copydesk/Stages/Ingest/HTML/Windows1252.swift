/// Windows-1252, the encoding of pages that declare none (or Latin-1) and of stray bytes in
/// UTF-8 text, converted to UTF-8.
enum Windows1252 {
    /// The code points of bytes 0x80–0x9F; bytes Windows-1252 leaves undefined become U+FFFD.
    private static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// The code point of one byte.
    static func scalar(_ byte: UInt8) -> UInt32 {
        switch byte {
        case 0x80...0x9F: high[Int(byte - 0x80)]
        default: UInt32(byte)
        }
    }

    /// Every byte read as Windows-1252.
    static func utf8(from bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes { append(scalar(byte), to: &output) }
        return output
    }

    /// UTF-8 sequences kept, every other byte read as Windows-1252; `sawUTF8` tells whether any
    /// multi-byte UTF-8 sequence was there (when none was, the text is plain Windows-1252).
    static func repairingUTF8(_ bytes: [UInt8]) -> (bytes: [UInt8], sawUTF8: Bool) {
        var sawUTF8 = false
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = UTF8Validation.sequenceLength(lead: lead) ?? 0
            if length == 1 {
                output.append(lead)
                index += 1
            } else if length > 1, index + length <= bytes.count, String(validating: bytes[index..<index + length], as: UTF8.self) != nil {
                output += bytes[index..<index + length]
                index += length
                sawUTF8 = true
            } else {
                append(scalar(lead), to: &output)
                index += 1
            }
        }
        return (output, sawUTF8)
    }

    private static func append(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
