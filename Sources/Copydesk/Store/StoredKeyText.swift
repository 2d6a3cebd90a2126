import Foundation
import GRDB

/// How ``SQLiteStateStore`` keeps the text of a key (an article id, an exact content key):
/// text made of an even number of lowercase hex digits, as Copydesk's ids and content keys
/// are, is stored as the bytes it spells, half its size in the table and in the key's index;
/// any other text is stored as text. Equal texts have equal stored forms, so a lookup compares
/// stored forms.
enum StoredKeyText {
    /// The stored form of `text`.
    static func databaseValue(_ text: String) -> DatabaseValue {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count.isMultiple(of: 2) else { return text.databaseValue }
        var bytes = [UInt8](repeating: 0, count: digits.count / 2)
        for index in bytes.indices {
            guard let high = value(ofDigit: digits[2 * index]), let low = value(ofDigit: digits[2 * index + 1]) else { return text.databaseValue }
            bytes[index] = high << 4 | low
        }
        return Data(bytes).databaseValue
    }

    /// The text whose stored form is `value`.
    static func text(_ value: DatabaseValue) -> String {
        guard case .blob(let bytes) = value.storage else { return String.fromDatabaseValue(value) ?? "" }
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The value of a lowercase hex digit, or `nil` for any other character.
    private static func value(ofDigit digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
