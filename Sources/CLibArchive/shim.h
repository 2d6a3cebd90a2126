// libarchive from the system (Debian: libarchive-dev), used to read zip, tar, 7z and gzip,
// bzip2, xz and zstd compressed files.
#include <archive.h>
#include <archive_entry.h>
