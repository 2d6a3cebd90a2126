import CLibArchive

/// Reads the members of an archive (zip, tar, 7z…) or of a single compressed file (gzip,
/// bzip2, xz, zstd) with libarchive, one regular file at a time and in archive order, each
/// into memory within ``ArchiveLimits``. A single compressed file has one member, named after
/// the file without its compression ending (`articles.jsonl.gz` holds `articles.jsonl`).
final class ArchiveReader {
    /// One member: its name in the archive and its bytes.
    struct Member {
        /// Path inside the archive.
        var name: String
        /// The expanded bytes.
        var bytes: [UInt8]
    }

    /// File endings of archives and compressed files, which file sources list whatever their
    /// own endings are.
    static let endings: Set<String> = ["zip", "tar", "tgz", "gz", "bz2", "tbz", "tbz2", "xz", "txz", "zst", "tzst", "7z"]
    private static let compressionEndings: Set<String> = ["gz", "bz2", "xz", "zst"]
    /// libarchive's `AE_IFREG` (a macro Swift does not import).
    private static let regularFile = mode_t(0o100000)

    private var archive: OpaquePointer
    private var membersRead = 0
    private var streaming = false
    private let path: String
    private let limits: ArchiveLimits
    private var expanded = 0
    private var finished = false

    /// Opens `path`; throws an ``ArchiveProblem`` when libarchive cannot read it at all.
    init(path: String, limits: ArchiveLimits) throws {
        self.path = path
        self.limits = limits
        archive = try Self.open(path, streaming: false)
    }

    /// A libarchive reader of `path`. The default zip reader needs the central directory at
    /// the end of the file; the streaming one reads member by member from the start, which is
    /// what a cut-off zip still allows.
    private static func open(_ path: String, streaming: Bool) throws -> OpaquePointer {
        guard let archive = archive_read_new() else {
            throw ArchiveProblem(reason: "bad_archive", member: nil, message: "libarchive could not start", isFatal: true)
        }
        archive_read_support_filter_all(archive)
        if streaming {
            archive_read_support_format_zip_streamable(archive)
            archive_read_support_format_tar(archive)
            archive_read_support_format_7zip(archive)
        } else {
            archive_read_support_format_all(archive)
        }
        archive_read_support_format_raw(archive)
        guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else {
            let message = Self.message(archive)
            archive_read_free(archive)
            if !streaming, let retried = try? open(path, streaming: true) { return retried }
            throw ArchiveProblem(reason: "bad_archive", member: nil, message: "cannot be opened as an archive: \(message)", isFatal: true)
        }
        return archive
    }

    deinit {
        archive_read_free(archive)
    }

    /// Whether the first bytes of a file are those of an archive or a compressed file.
    static func isArchive(_ leading: ArraySlice<UInt8>) -> Bool {
        guard let kind = BinaryContent.kind(of: leading) else { return false }
        return kind.contains("archive") || kind.contains("compressed")
    }

    /// The next regular member, or `nil` after the last. A member that cannot be read whole
    /// throws; when the problem is not fatal, the following call goes on with the next member.
    func next() throws -> Member? {
        while !finished {
            var entry: OpaquePointer?
            let status = archive_read_next_header(archive, &entry)
            if status == ARCHIVE_EOF {
                finished = true
                return nil
            }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
                if membersRead == 0, !streaming, let reopened = try? Self.open(path, streaming: true) {
                    archive_read_free(archive)
                    archive = reopened
                    streaming = true
                    continue
                }
                finished = true
                throw ArchiveProblem(
                    reason: "bad_archive", member: nil, message: "after the last member read: \(Self.message(archive))", isFatal: true)
            }
            guard archive_entry_filetype(entry) == Self.regularFile else { continue }
            let name = memberName(entry)
            membersRead += 1
            return try read(name)
        }
        return nil
    }

    private func read(_ name: String) throws -> Member {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
            if count == 0 { break }
            guard count > 0 else {
                finished = count == Int(ARCHIVE_FATAL)
                throw ArchiveProblem(
                    reason: "bad_archive", member: name, message: "cannot be read whole: \(Self.message(archive))", isFatal: finished)
            }
            expanded += count
            if expanded > limits.archiveBytes {
                finished = true
                throw ArchiveProblem(
                    reason: "archive_too_large", member: name,
                    message: "the archive expands to more than \(limits.archiveBytes) bytes (max_archive_bytes); the rest is not read", isFatal: true)
            }
            if bytes.count + count > limits.memberBytes {
                _ = archive_read_data_skip(archive)
                throw ArchiveProblem(
                    reason: "member_too_large", member: name,
                    message: "the member expands to more than \(limits.memberBytes) bytes (max_member_bytes)", isFatal: false)
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return Member(name: name, bytes: bytes)
    }

    /// The member's path; for a single compressed file, the file's name without its ending.
    private func memberName(_ entry: OpaquePointer) -> String {
        if archive_format(archive) == ARCHIVE_FORMAT_RAW || archive_entry_pathname(entry) == nil {
            let file = path.split(separator: "/").last.map(String.init) ?? path
            let ending = file.split(separator: ".").last.map { $0.lowercased() } ?? ""
            return Self.compressionEndings.contains(ending) ? String(file.dropLast(ending.count + 1)) : file
        }
        return String(cString: archive_entry_pathname(entry))
    }

    private static func message(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
    }
}
