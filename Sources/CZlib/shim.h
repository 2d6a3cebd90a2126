// zlib from the system (Debian: zlib1g-dev), used to write gzip files.
#include <zlib.h>
