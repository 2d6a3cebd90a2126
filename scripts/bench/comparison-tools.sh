#!/usr/bin/env bash
# Installs the tools the benchmarks compare Copydesk against (pysbd for sentence splitting,
# trafilatura and readability-lxml for HTML article extraction) into a private virtual
# environment under .build/, never as dependencies of Copydesk. On success, writes the path of
# its Python to VENV/python-path; a tool that fails to install (no network, no venv module) is
# reported, and the benchmarks skip its comparison.
set -u
venv=${1:-.build/bench-venv}
rm -f "$venv/python-path"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >/dev/null 2>&1 || { echo "bench: python3 -m venv failed; skipping comparisons" >&2; exit 0; }
fi
# One package per pip call: a failed one leaves the others installed, and older pips trip over
# trafilatura's and readability-lxml's overlapping lxml extras when resolving them together.
installed=0
for spec in pysbd:pysbd trafilatura:trafilatura readability:readability-lxml; do
    module=${spec%%:*}
    package=${spec#*:}
    if "$venv/bin/python" -c "import $module" >/dev/null 2>&1 || "$venv/bin/pip" install --quiet "$package" >/dev/null 2>&1; then
        installed=$((installed + 1))
    else
        echo "bench: pip install $package failed; skipping its comparison" >&2
    fi
done
[ "$installed" -gt 0 ] || exit 0
echo "$(cd "$venv/bin" && pwd)/python" > "$venv/python-path"
