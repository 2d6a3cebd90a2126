/// The JSON Schema (draft-07) of one declared option's value, by its ``OptionKind``, as the
/// loader reads it: YAML scalars are read as text and converted, so the schema accepts what
/// converts and what an environment reference may still turn into a valid value.
///
/// - An integer or a number is a JSON number within the declared range, or a string that reads
///   as one (quoted, or `100_000`, which YAML 1.2 reads as a string; its range is then left
///   to the loader), or a string holding a `${VAR}` reference.
/// - A boolean is a JSON boolean, one of ``OptionKind/trueWords`` and ``OptionKind/falseWords``
///   in any case (YAML 1.2 reads `yes` as a string), or a reference.
/// - A choice is one of its values or a reference.
/// - A string, a path or a formatted value is any scalar (the loader reads `2024` or `no` as
///   text; an empty value is null); a formatted value's own syntax is left to the loader.
/// - A list of strings is a list of scalars, or one scalar for a one-item list.
/// - A mapping takes only its declared keys, each a non-empty scalar.
enum OptionValueSchema {
    /// Where the shared definitions live in the document.
    static let definitionsPath = "#/definitions/"

    /// The JSON types a YAML scalar reads as.
    static let scalarTypes = JSONValue.array(["string", "number", "boolean", "null"].map(JSONValue.string))

    /// The definitions the value schemas refer to, by name.
    static let definitions: [String: JSONValue] = [
        reference: .object([
            "type": .string("string"),
            "pattern": .string(EnvironmentInterpolation.referencePattern),
            "description": .string("A value holding a ${VAR} or ${VAR:-default} reference, checked once expanded when the pipeline is loaded."),
        ]),
        integerText: .object([
            "type": .string("string"),
            "pattern": .string("^[-+]?[0-9][0-9_]*$"),
            "description": .string("A whole number written as text (quoted, or grouped with _ as in 100_000); its range is checked when loaded."),
        ]),
        numberText: .object([
            "type": .string("string"),
            "pattern": .string("^[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?$"),
            "description": .string("A decimal number written as text; its range is checked when loaded."),
        ]),
        booleanText: .object([
            "type": .string("string"),
            "pattern": .string("^(" + (OptionKind.trueWords + OptionKind.falseWords).map(anyCase).joined(separator: "|") + ")$"),
            "description": .string(
                "A boolean written as a word, in any case: " + (OptionKind.trueWords + OptionKind.falseWords).joined(separator: ", ") + "."),
        ]),
    ]

    /// The definition of a value holding an environment reference.
    static let reference = "reference"
    /// The definition of an integer written as text.
    static let integerText = "integerText"
    /// The definition of a decimal number written as text.
    static let numberText = "numberText"
    /// The definition of a boolean written as a word.
    static let booleanText = "booleanText"

    /// The schema of one option: its value's schema, its doc as `description` and its default.
    static func schema(for option: OptionSummary) -> [String: JSONValue] {
        var schema = value(option.kind)
        schema["description"] = .string(option.doc)
        if let value = option.defaultValue { schema["default"] = value }
        return schema
    }

    /// The schema of a value of `kind`.
    static func value(_ kind: OptionKind) -> [String: JSONValue] {
        switch kind {
        case .string, .formatted:
            return ["type": scalarTypes]
        case .integer(let range):
            let exact: JSONValue = .object([
                "type": .string("integer"), "minimum": .integer(Int64(range.lowerBound)), "maximum": .integer(Int64(range.upperBound)),
            ])
            return ["anyOf": .array([exact, ref(integerText), ref(reference)])]
        case .number(let range):
            let exact: JSONValue = .object([
                "type": .string("number"), "minimum": .number(range.lowerBound), "maximum": .number(range.upperBound),
            ])
            return ["anyOf": .array([exact, ref(numberText), ref(reference)])]
        case .boolean:
            return ["anyOf": .array([.object(["type": .string("boolean")]), ref(booleanText), ref(reference)])]
        case .choice(let values):
            let exact: JSONValue = .object(["type": .string("string"), "enum": .array(values.map(JSONValue.string))])
            return ["anyOf": .array([exact, ref(reference)])]
        case .strings:
            let list: JSONValue = .object(["type": .string("array"), "items": .object(["type": scalarTypes])])
            return ["anyOf": .array([list, .object(["type": scalarTypes])])]
        case .mapping(let keys):
            let field: JSONValue = .object(["type": .array(["string", "number", "boolean"].map(JSONValue.string)), "minLength": .integer(1)])
            return [
                "type": .string("object"), "additionalProperties": .bool(false),
                "properties": .object(Dictionary(uniqueKeysWithValues: keys.map { ($0, field) })),
            ]
        }
    }

    /// A reference to the shared definition `name`.
    static func ref(_ name: String) -> JSONValue {
        .object(["$ref": .string(definitionsPath + name)])
    }

    /// A pattern matching `word` in any case (`[Yy][Ee][Ss]`), since not every regular expression
    /// dialect an editor uses has a case-insensitive flag.
    private static func anyCase(_ word: String) -> String {
        word.map { character in
            let lower = character.lowercased()
            let upper = character.uppercased()
            return lower == upper ? String(character) : "[\(upper)\(lower)]"
        }.joined()
    }
}
