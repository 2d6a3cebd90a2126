#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test Copydesk: SQLite's headers
# for GRDB and zlib's for gzip output. Does nothing when everything is present.
set -euo pipefail
missing=()
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.1 or newer is required)" >&2; exit 1; }
[ -e /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    echo "setup: installing ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
