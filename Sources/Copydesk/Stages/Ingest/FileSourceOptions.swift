/// The options every file-reading source takes: `path` (required) and `extensions`, whose
/// default is the format's usual endings.
protocol FileSourceOptions: DeclaredOptions {
    /// File, directory (searched recursively) or glob pattern to read.
    var path: String { get set }
    /// File endings read from directories; empty reads every file.
    var extensions: [String] { get set }
}

extension FileSourceOptions {
    /// The `path` and `extensions` fields, declared once for every file source.
    static var fileFields: [OptionField<Self>] {
        [
            .string("path", \.path, required: true, doc: "File, directory (searched recursively) or glob pattern to read."),
            .strings("extensions", \.extensions, doc: "File endings read from directories; an empty list reads every file."),
        ]
    }
}
