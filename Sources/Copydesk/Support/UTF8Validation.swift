/// Locates the first byte that breaks UTF-8 validity, for error messages that point at it.
enum UTF8Validation {
    /// How many bytes the UTF-8 sequence starting with `lead` has; `nil` for a byte no sequence
    /// starts with.
    static func sequenceLength(lead: UInt8) -> Int? {
        switch lead {
        case 0x00...0x7F: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: nil
        }
    }

    /// Whether `bytes` are valid UTF-8, without making a string of them: ASCII is checked eight
    /// bytes at a time, and only text holding other bytes is validated in full.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        let isASCII = bytes.withUnsafeBytes { raw in
            var offset = 0
            var high: UInt64 = 0
            while offset + 8 <= raw.count {
                high |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            while offset < raw.count {
                high |= UInt64(raw[offset])
                offset += 1
            }
            return high & 0x8080_8080_8080_8080 == 0
        }
        return isASCII || String(validating: bytes, as: UTF8.self) != nil
    }

    /// Index of the first byte of the first invalid sequence in `bytes`, or `nil` if valid.
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            guard let length = sequenceLength(lead: bytes[index]) else { return index }
            guard index + length <= bytes.count else { return index }
            if length > 1, String(validating: bytes[index..<index + length], as: UTF8.self) == nil { return index }
            index += length
        }
        return nil
    }
}
