/// Appends compact JSON text to a byte buffer, byte for byte as Foundation's `JSONEncoder`
/// writes it with `[.sortedKeys, .withoutEscapingSlashes]`:
///
/// - strings escape `"`, `\` and the C0 controls only: `\b`, `\t`, `\n`, `\f`, `\r` by name, the
///   others as `\u00XX` with lowercase hex; `/`, DEL, U+2028, U+2029 and every other character
///   are written as their UTF-8 bytes;
/// - a `Double` is its shortest round-trip form (`description`) without a trailing `.0`
///   (`50`, `-0`, `0.93`, `1e-05`, `9007199254740992`, `9.007199254740994e+15`); infinities
///   and NaN cannot be written;
/// - containers nested ``maximumDepth`` deep or deeper cannot be written.
///
/// The writer keeps no state besides the bytes written: a key is preceded by a comma unless the
/// object was just opened. Callers write object keys in UTF-8 byte order and check the depth of
/// the containers they nest.
///
/// The bytes live in memory the writer owns (so it cannot be copied): appending checks the
/// capacity and stores, with none of the uniqueness checks of a growing `[UInt8]`, which cost
/// more than the writing itself at several thousand appends per article.
struct JSONByteWriter: ~Copyable {
    /// The depth (the outermost container is 1) from which `JSONEncoder` refuses to write a
    /// container.
    static let maximumDepth = 512

    /// A value that has no JSON form; nothing of it was written.
    struct Unwritable: Error, CustomStringConvertible {
        /// What the value was and why it has no JSON form.
        let description: String
    }

    /// The capacity a new or emptied writer starts with.
    private static let initialCapacity = 1 << 14

    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes written.
    private(set) var count = 0

    /// Creates an empty writer.
    init() {
        capacity = Self.initialCapacity
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// A copy of the bytes written.
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Calls `body` with the bytes written, valid during the call only.
    func withBytes<Result, Failure: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result) throws(Failure) -> Result {
        try body(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Forgets every byte written and gives back memory beyond the initial capacity.
    mutating func removeAll() {
        count = 0
        guard capacity > Self.initialCapacity else { return }
        storage.deallocate()
        capacity = Self.initialCapacity
        storage = .allocate(capacity: capacity)
    }

    /// Forgets the bytes written after the first `length`.
    mutating func truncate(to length: Int) {
        count = min(count, length)
    }

    /// Starts an object.
    mutating func openObject() {
        append(UInt8(ascii: "{"))
    }

    /// Ends an object.
    mutating func closeObject() {
        append(UInt8(ascii: "}"))
    }

    /// Writes `elements` as an array, each written by `writeElement`; throws what it throws.
    mutating func array<Element, Failure: Error>(
        _ elements: [Element], _ writeElement: (inout JSONByteWriter, Element) throws(Failure) -> Void
    ) throws(Failure) {
        append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            try writeElement(&self, element)
        }
        append(UInt8(ascii: "]"))
    }

    /// Writes `"name":` (after a comma unless the object was just opened); `name` is a fixed key
    /// that needs no escaping.
    mutating func key(_ name: StaticString) {
        let length = name.utf8CodeUnitCount
        reserve(length + 4)
        if count > 0, storage[count - 1] != UInt8(ascii: "{") { store(UInt8(ascii: ",")) }
        store(UInt8(ascii: "\""))
        (storage + count).update(from: name.utf8Start, count: length)
        count += length
        store(UInt8(ascii: "\""))
        store(UInt8(ascii: ":"))
    }

    /// Writes `"name":` (after a comma unless the object was just opened), escaping `name`.
    mutating func key(_ name: String) {
        if count > 0, storage[count - 1] != UInt8(ascii: "{") { append(UInt8(ascii: ",")) }
        string(name)
        append(UInt8(ascii: ":"))
    }

    /// Writes `null`.
    mutating func null() {
        append("null")
    }

    /// Writes `true` or `false`.
    mutating func bool(_ value: Bool) {
        append(value ? "true" : "false")
    }

    /// Writes a line break, the end of a record in JSON lines.
    mutating func lineBreak() {
        append(UInt8(ascii: "\n"))
    }

    /// Writes `value` as a quoted, escaped string, or `null` when it is nil.
    mutating func string(_ value: String?) {
        guard let value else { return null() }
        append(UInt8(ascii: "\""))
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var contiguous = value
            contiguous.withUTF8 { appendEscaped($0) }
        }
        append(UInt8(ascii: "\""))
    }

    /// Writes `value` in decimal, or `null` when it is nil.
    mutating func integer(_ value: Int?) {
        guard let value else { return null() }
        integer(Int64(value))
    }

    /// Writes `value` in decimal.
    mutating func integer(_ value: Int) {
        integer(Int64(value))
    }

    /// Writes `value` in decimal.
    mutating func integer(_ value: Int64) {
        reserve(20)
        if value < 0 { store(UInt8(ascii: "-")) }
        var remaining = value.magnitude
        var digits = 1
        // 10^19 exceeds every Int64 magnitude, so the power never overflows.
        var power: UInt64 = 10
        while remaining >= power {
            digits += 1
            power &*= 10
        }
        count += digits
        var position = count
        repeat {
            position -= 1
            storage[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        } while remaining != 0
    }

    /// Writes `value` as `JSONEncoder` does (see the type's doc), or `null` when it is nil;
    /// throws ``Unwritable`` for an infinity or NaN.
    mutating func number(_ value: Double?) throws(Unwritable) {
        guard let value else { return null() }
        guard value.isFinite else { throw Unwritable(description: "cannot write \(value) as a JSON number") }
        // Up to 2^53 `description` writes a whole number as all its digits (above, in exponent
        // form), which Int64 writes without going through a String.
        if value.magnitude <= 0x1p53, value.rounded(.towardZero) == value {
            if value == 0, value.sign == .minus {
                append("-0")
            } else {
                integer(Int64(value))
            }
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        text.withUTF8 { appendBytes($0) }
    }

    /// Makes room for `extra` more bytes.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = moved
        capacity = grown
    }

    /// Stores `byte` in room already reserved.
    private mutating func store(_ byte: UInt8) {
        storage[count] = byte
        count += 1
    }

    /// Appends `byte`.
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        store(byte)
    }

    /// Appends the bytes of `text`, ASCII that needs no escaping.
    private mutating func append(_ text: StaticString) {
        appendBytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `bytes` as they are.
    private mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (storage + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends the UTF-8 bytes of a string's contents, escaped: runs of bytes that need no
    /// escape are copied in one go, and eight bytes are checked at a time while none does.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let length = utf8.count
        var runStart = 0
        var index = 0
        while index < length {
            if index + 8 <= length,
                !Self.anyByteNeedsEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
                continue
            }
            let byte = base[index]
            if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            appendBytes(UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            appendEscape(of: byte)
            index += 1
            runStart = index
        }
        appendBytes(UnsafeBufferPointer(start: base + runStart, count: length - runStart))
    }

    /// Whether any of the eight bytes of `word` is a control character, `"` or `\`: the usual
    /// bit tricks for "some byte is below 0x20" and "some byte is zero" (after XOR with the
    /// byte sought), exact for the question whether any byte matches.
    private static func anyByteNeedsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let belowSpace = (word &- ones &* 0x20) & ~word
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteOrBackslash = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
        return (belowSpace | quoteOrBackslash) & highBits != 0
    }

    /// Appends the escape sequence of `byte`, a control character, `"` or `\`.
    private mutating func appendEscape(of byte: UInt8) {
        let name: UInt8
        switch byte {
        case UInt8(ascii: "\""): name = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): name = UInt8(ascii: "\\")
        case 0x08: name = UInt8(ascii: "b")
        case 0x09: name = UInt8(ascii: "t")
        case 0x0A: name = UInt8(ascii: "n")
        case 0x0C: name = UInt8(ascii: "f")
        case 0x0D: name = UInt8(ascii: "r")
        default:
            let hexDigits: StaticString = "0123456789abcdef"
            append("\\u00")
            append(hexDigits.utf8Start[Int(byte >> 4)])
            append(hexDigits.utf8Start[Int(byte & 0x0F)])
            return
        }
        append(UInt8(ascii: "\\"))
        append(name)
    }
}
