/// Why an archive member (or the rest of an archive) could not be read, as a quarantine record
/// will say it.
struct ArchiveProblem: Error, Sendable {
    /// `bad_archive`, `member_too_large` or `archive_too_large`.
    var reason: String
    /// The member concerned, when one is.
    var member: String?
    /// What went wrong, with libarchive's own message where it gave one.
    var message: String
    /// Whether nothing more can be read from the archive.
    var isFatal: Bool
}
