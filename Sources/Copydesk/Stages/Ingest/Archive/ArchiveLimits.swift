/// Caps on what an archive may expand to, so a zip bomb is refused instead of filling memory
/// or the disk: a member over `memberBytes` is quarantined as `member_too_large`, and an
/// archive whose members add up to more than `archiveBytes` is quarantined as
/// `archive_too_large` and read no further.
public struct ArchiveLimits: Sendable, Equatable {
    /// Largest expanded size of one member, in bytes (default 256 MB).
    public var memberBytes = 256 << 20
    /// Largest expanded size of all members of one archive, in bytes (default 16 GB).
    public var archiveBytes = 16 << 30

    /// The default caps.
    public init() {}
}
