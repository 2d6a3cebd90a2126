#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test Copydesk: SQLite's headers
# for GRDB, zlib's for gzip output, libxml2's for HTML pages, libarchive's for archives and
# compressed files and libpq's for PostgreSQL (the last three found through pkg-config). Does
# nothing when everything is present. The PostgreSQL server the tests may use is installed by
# scripts/postgres-test-server.sh, not here: `make test` passes without it.
set -euo pipefail
missing=()
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.1 or newer is required)" >&2; exit 1; }
[ -e /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
[ -e /usr/include/libxml2/libxml/HTMLparser.h ] || missing+=(libxml2-dev)
[ -e /usr/include/archive.h ] || missing+=(libarchive-dev)
[ -e /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    echo "setup: installing ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
