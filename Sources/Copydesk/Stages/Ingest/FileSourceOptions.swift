/// The options every file-reading source takes: `path` (required), `extensions`, whose
/// default is the format's usual endings, and the caps on what archives expand to.
protocol FileSourceOptions: DeclaredOptions {
    /// File, directory (searched recursively) or glob pattern to read.
    var path: String { get set }
    /// File endings read from directories; empty reads every file.
    var extensions: [String] { get set }
    /// Caps on the expanded size of archive members and archives.
    var archive: ArchiveLimits { get set }
}

extension FileSourceOptions {
    /// Sources whose format decompresses its own files (WARC) read no archives and keep the
    /// default caps, which they never use.
    var archive: ArchiveLimits {
        get { ArchiveLimits() }
        set {}
    }

    /// The `path` and `extensions` fields, for sources that read no archives.
    static var pathFields: [OptionField<Self>] { Array(fileFields.prefix(2)) }

    /// The `path`, `extensions` and archive-cap fields, declared once for every file source.
    static var fileFields: [OptionField<Self>] {
        [
            .string("path", \.path, required: true, doc: "File, directory (searched recursively) or glob pattern to read."),
            .strings(
                "extensions", \.extensions,
                doc:
                    "File endings read from directories (archives and compressed files are read as the files they hold); an empty list reads every file."
            ),
            .integer(
                "max_member_bytes", \.archive.memberBytes, in: 1...(1 << 40),
                doc: "Largest expanded size of one archive member, in bytes; larger members are quarantined as member_too_large."),
            .integer(
                "max_archive_bytes", \.archive.archiveBytes, in: 1...(1 << 50),
                doc: "Largest expanded size of one archive, in bytes; the rest of a larger archive is quarantined as archive_too_large."),
        ]
    }
}
