import CLibArchive
import Foundation

/// Writes archives and compressed files for tests with libarchive's writer: zip, tar with any
/// compression, or a single gzip-compressed file.
enum TestArchive {
    /// How the archive is laid out.
    enum Layout {
        case zip, tar, tarGzip, tarXz, tarZstd, tarBzip2, sevenZip
        /// One gzip-compressed file (its one member's bytes).
        case gzip
    }

    /// Writes `members` (name, bytes) to `path` as `layout`.
    static func write(_ members: [(String, [UInt8])], as layout: Layout, to path: String) throws {
        guard let archive = archive_write_new() else { throw CocoaError(.fileWriteUnknown) }
        defer { archive_write_free(archive) }
        switch layout {
        case .zip: archive_write_set_format_zip(archive)
        case .sevenZip: archive_write_set_format_7zip(archive)
        case .gzip:
            archive_write_set_format_raw(archive)
            archive_write_add_filter_gzip(archive)
        default:
            archive_write_set_format_pax_restricted(archive)
            switch layout {
            case .tarGzip: archive_write_add_filter_gzip(archive)
            case .tarXz: archive_write_add_filter_xz(archive)
            case .tarZstd: archive_write_add_filter_zstd(archive)
            case .tarBzip2: archive_write_add_filter_bzip2(archive)
            default: break
            }
        }
        guard archive_write_open_filename(archive, path) == ARCHIVE_OK else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: archive_error_string(archive))])
        }
        for (name, bytes) in members {
            let entry = archive_entry_new()
            archive_entry_set_pathname(entry, name)
            archive_entry_set_size(entry, la_int64_t(bytes.count))
            archive_entry_set_filetype(entry, 0o100000)
            archive_entry_set_perm(entry, 0o644)
            archive_write_header(archive, entry)
            _ = bytes.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, $0.count) }
            archive_entry_free(entry)
        }
        archive_write_close(archive)
    }
}
