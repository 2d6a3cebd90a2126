#!/usr/bin/env bash
# Installs the outside checkers some tests run against Copydesk's outputs, when they are
# missing: `promtool` (Debian's prometheus package) for the metrics file. Never fatal: a test
# whose checker is absent says so and checks with its own strict reader only.
set -uo pipefail
if ! command -v promtool >/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends prometheus; } >/dev/null 2>&1 \
        || echo "test-tools: promtool could not be installed; the metrics tests use their own parser only" >&2
fi
exit 0
