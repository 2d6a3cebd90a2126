/// Array literals in PostgreSQL's text input form, for binding a list as one parameter
/// (`= ANY($1::text[])`, `unnest($1::text[], …)`).
enum PostgresArrayLiteral {
    /// `values` as a PostgreSQL array literal of text (`{"a","b",NULL}`), nil as `NULL`: each
    /// element quoted, `"` and `\` escaped with a backslash, in one pass over the bytes.
    static func text(_ values: [String?]) -> String {
        var literal: [UInt8] = [UInt8(ascii: "{")]
        literal.reserveCapacity(2 + values.reduce(0) { $0 + ($1?.utf8.count ?? 4) + 3 })
        for (index, value) in values.enumerated() {
            if index > 0 { literal.append(UInt8(ascii: ",")) }
            guard let value else {
                literal += "NULL".utf8
                continue
            }
            literal.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { literal.append(UInt8(ascii: "\\")) }
                literal.append(byte)
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
        return String(decoding: literal, as: UTF8.self)
    }
}
