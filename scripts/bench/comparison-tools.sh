#!/usr/bin/env bash
# Installs the tools the benchmarks compare Copydesk against (pysbd) into a private virtual
# environment under .build/, never as a dependency of Copydesk. On success, writes the path of
# its Python to VENV/python-path; on failure (no network, no venv module) the benchmarks skip
# the comparison.
set -u
venv=${1:-.build/bench-venv}
rm -f "$venv/python-path"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >/dev/null 2>&1 || { echo "bench: python3 -m venv failed; skipping comparisons" >&2; exit 0; }
fi
if ! "$venv/bin/python" -c "import pysbd" >/dev/null 2>&1; then
    "$venv/bin/pip" install --quiet pysbd >/dev/null 2>&1 || { echo "bench: pip install pysbd failed; skipping the comparison" >&2; exit 0; }
fi
echo "$(cd "$venv/bin" && pwd)/python" > "$venv/python-path"
