import Foundation

/// The JSON Schema (draft 2020-12) of one record the `jsonl` sink writes (`docs/schema.md`),
/// printed by `copydesk schema --record`: every key typed, the nullable ones as
/// `["string", "null"]` and the like, every key required but a dateline's `place` and
/// `agency` (left out when unknown), and no other key allowed except inside `extra`, an open
/// object.
///
/// Where the record holds what an ``OutputTable`` holds, the types come from its columns: the
/// annotations from their tables less `article_id` and `idx`, the `source` object from the
/// `source_*` columns of `articles`, and the article's own scalars from the `articles`
/// columns of the same name.
public struct RecordSchema: Sendable {
    /// The draft the schema is written in.
    public static let draft = "https://json-schema.org/draft/2020-12/schema"

    /// The record's list annotations: their key, the table holding the same columns and the
    /// name of their item's definition.
    static let annotations: [(key: String, table: OutputTable, definition: String)] = [
        ("paragraphs", .paragraphs, "paragraph"), ("sentences", .sentences, "sentence"), ("entities", .entities, "entity"),
        ("quotes", .quotes, "quote"), ("amounts", .amounts, "amount"), ("dates", .dates, "date_mention"),
    ]

    /// The columns of an annotation table that the record nests instead of writing.
    static let tableOnlyColumns: Set<String> = ["article_id", "idx"]

    /// The prefix of the `articles` columns that the record writes inside `source`.
    static let sourcePrefix = "source_"

    /// The record keys that an `articles` column of the same name writes differently: a list
    /// of names joined in one cell, an object as JSON text, a key a table row may lack.
    static let articleKeysOfOtherTypes: Set<String> = [Article.CodingKeys.authors, .extra, .contentKey].reduce(into: []) {
        $0.insert($1.stringValue)
    }

    /// The values a text column of a table is limited to, by table and column.
    static let enumerations: [String: [String: [String]]] = [
        OutputTable.paragraphs.name: ["kind": Paragraph.Kind.allCases.map(\.rawValue)],
        OutputTable.entities.name: ["type": Entity.Kind.allCases.map(\.rawValue)],
        OutputTable.amounts.name: ["kind": Amount.Kind.allCases.map(\.rawValue)],
    ]

    /// Creates the schema.
    public init() {}

    /// The schema as pretty-printed JSON with sorted keys, byte for byte the same on every
    /// run; ends with a newline.
    public func text() -> String { document().prettyText }

    /// The schema as a JSON value.
    public func document() -> JSONValue {
        typealias Key = Article.CodingKeys
        var properties: [String: JSONValue] = [:]
        for column in OutputTable.articles.schema
        where Key(rawValue: column.name) != nil && !Self.articleKeysOfOtherTypes.contains(column.name) {
            properties[column.name] = Self.property(column)
        }
        properties[Key.contentKey.stringValue] = Self.type("string")
        properties[Key.authors.stringValue] = .object(["type": .string("array"), "items": Self.type("string")])
        properties[Key.extra.stringValue] = .object([
            "type": .string("object"), "description": .string("The input record's fields no field of the article took, as read."),
        ])
        properties[Key.source.stringValue] = Self.ref("source")
        properties[Key.dateline.stringValue] = .object(["anyOf": .array([Self.ref("dateline"), Self.type("null")])])
        properties[Key.removedBlocks.stringValue] = Self.list(of: "removed_block")
        var definitions: [String: JSONValue] = [
            "source": Self.source(),
            "dateline": Self.closedObject(
                [
                    "place": Self.type("string"), "agency": Self.type("string"),
                    "start_offset": Self.type("integer"), "end_offset": Self.type("integer"),
                ],
                required: ["start_offset", "end_offset"]),
            "removed_block": Self.closedObject([
                "kind": Self.type("string"), "location": Self.type("string"), "containment": Self.type("number"),
            ]),
        ]
        for annotation in Self.annotations {
            properties[annotation.key] = Self.list(of: annotation.definition)
            definitions[annotation.definition] = Self.item(of: annotation.table)
        }
        var members = Self.closedObjectMembers(properties)
        members["$schema"] = .string(Self.draft)
        members["title"] = .string("Copydesk JSON-lines record")
        members["description"] = .string("One line of the output of the `jsonl` sink: one article with its annotations.")
        members["$defs"] = .object(definitions)
        return .object(members)
    }

    /// The schema of a value of `column`: its type, or its type or null when it is nullable.
    static func property(_ column: OutputColumn) -> JSONValue {
        let name = JSONValue.string(column.kind.schemaTypeName)
        return .object(["type": column.isNullable ? .array([name, .string("null")]) : name])
    }

    /// The `source` object: the `source_*` columns of `articles`, less their prefix.
    static func source() -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for column in OutputTable.articles.schema where column.name.hasPrefix(sourcePrefix) {
            properties[String(column.name.dropFirst(sourcePrefix.count))] = property(column)
        }
        return closedObject(properties)
    }

    /// One annotation of `table`'s rows: its columns less those only the table holds.
    static func item(of table: OutputTable) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for column in table.schema where !tableOnlyColumns.contains(column.name) {
            var schema = property(column)
            if let values = enumerations[table.name]?[column.name], case .object(var members) = schema {
                members["enum"] = .array(values.map(JSONValue.string))
                schema = .object(members)
            }
            properties[column.name] = schema
        }
        return closedObject(properties)
    }

    /// An object with exactly `properties`, all of them required unless `required` is given.
    static func closedObject(_ properties: [String: JSONValue], required: [String]? = nil) -> JSONValue {
        .object(closedObjectMembers(properties, required: required))
    }

    /// The members of ``closedObject(_:required:)``'s schema.
    static func closedObjectMembers(_ properties: [String: JSONValue], required: [String]? = nil) -> [String: JSONValue] {
        [
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array((required ?? Array(properties.keys)).sorted().map(JSONValue.string)),
            "additionalProperties": .bool(false),
        ]
    }

    /// `{"type": name}`.
    static func type(_ name: String) -> JSONValue { .object(["type": .string(name)]) }

    /// A reference to the definition `name`.
    static func ref(_ name: String) -> JSONValue { .object(["$ref": .string("#/$defs/\(name)")]) }

    /// A list of values of the definition `name`.
    static func list(of name: String) -> JSONValue { .object(["type": .string("array"), "items": ref(name)]) }
}
