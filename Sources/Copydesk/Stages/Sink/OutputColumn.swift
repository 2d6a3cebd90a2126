/// One column of an output table as the database sinks declare it: its name, the kind of value
/// it holds and whether it may be null. The `sqlite` and `postgres` sinks both follow it, and
/// the `csv` sink writes the names as its header.
public struct OutputColumn: Sendable, Equatable {
    /// The kind of value a column holds.
    public enum Kind: Sendable, Equatable {
        /// A string (`TEXT` in SQLite, `text` in PostgreSQL).
        case text
        /// A whole number (`INTEGER`, `bigint`).
        case integer
        /// A decimal number (`REAL`, `double precision`).
        case real
    }

    /// The column's name.
    public let name: String
    /// The kind of its values.
    public let kind: Kind
    /// Whether a row may hold null in it.
    public let isNullable: Bool

    /// A text column.
    static func text(_ name: String, nullable: Bool = false) -> OutputColumn {
        OutputColumn(name: name, kind: .text, isNullable: nullable)
    }

    /// A whole-number column.
    static func integer(_ name: String, nullable: Bool = false) -> OutputColumn {
        OutputColumn(name: name, kind: .integer, isNullable: nullable)
    }

    /// A decimal-number column.
    static func real(_ name: String, nullable: Bool = false) -> OutputColumn {
        OutputColumn(name: name, kind: .real, isNullable: nullable)
    }
}

extension OutputColumn.Kind {
    /// The kind's type name in JSON Schema and in Frictionless Table Schema, which agree:
    /// `string`, `integer` or `number`.
    public var schemaTypeName: String {
        switch self {
        case .text: "string"
        case .integer: "integer"
        case .real: "number"
        }
    }
}
