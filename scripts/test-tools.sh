#!/usr/bin/env bash
# Installs the outside checkers some tests run against Copydesk's outputs, when they are
# missing: `promtool` (Debian's prometheus package) for the metrics file, and a headless
# Chromium (Debian's chromium package) for the HTML pages. Never fatal: a test whose checker is
# absent says so and checks with its own strict reader only, or is skipped, saying why.
set -uo pipefail
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
updated=
# Installs Debian packages quietly; the package lists are fetched once per call of this script.
apt_install() {
    if [ -z "$updated" ]; then $SUDO apt-get update -qq >/dev/null 2>&1 && updated=1 || return 1; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1
}
if ! command -v promtool >/dev/null; then
    apt_install prometheus \
        || echo "test-tools: promtool could not be installed; the metrics tests use their own parser only" >&2
fi
# The same names, in the same order, as Tests/CopydeskTests/Support/HeadlessChromium.swift looks for.
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
    && ! command -v google-chrome >/dev/null && ! command -v google-chrome-stable >/dev/null; then
    apt_install chromium \
        || echo "test-tools: chromium could not be installed (apt-get failed); the browser tests are skipped" >&2
fi
exit 0
