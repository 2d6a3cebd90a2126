#!/usr/bin/env bash
# Runs the three shipped pipelines on samples/ with the copydesk binary BIN into the folder
# OUT (emptied first), then writes OUT/dump.txt: every output file, SQLite table row and report
# line, with run ids, timestamps and timings replaced by placeholders. Two binaries whose dumps
# are identical wrote the same outputs:
#   scripts/shipped-outputs.sh old/copydesk /tmp/before && scripts/shipped-outputs.sh .build/debug/copydesk /tmp/after
#   diff /tmp/before/dump.txt /tmp/after/dump.txt
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 BIN OUT" >&2; exit 64; fi
bin=$(realpath "$1"); out=$(realpath -m "$2"); rm -rf "$out"; mkdir -p "$out"
cd "$(dirname "$0")/.."
for p in default daily-cron reprocess-archive; do
  extra=""; [ "$p" = reprocess-archive ] && extra="--reprocess"
  OUT="$out/$p" "$bin" run $extra --quiet pipelines/$p.yaml > "$out/$p.stdout" 2> "$out/$p.stderr" || echo "$p exit $?" >> "$out/exits"
done
python3 - "$out" <<'PY'
import sys, os, json, sqlite3, re, glob
out = sys.argv[1]
lines = []
def placeholders(text):
    """Run ids (UUIDs) and ISO timestamps replaced, since they differ on every run."""
    text = re.sub(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'RUNID', text)
    return re.sub(r'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?', 'TS', text)
# Columns that hold a run id, a time or a row number of a state table.
volatile = ('started_at', 'finished_at', 'updated', 'elapsed_seconds', 'run', 'run_id', 'id')
output_tables = ('articles', 'entities', 'sentences', 'paragraphs', 'quotes', 'dates', 'amounts', 'datelines')
for f in sorted(glob.glob(out + '/**/*', recursive=True)):
    if os.path.isdir(f) or f.endswith(('-wal', '-shm', '.lock', 'dump.txt')): continue
    rel = f[len(out)+1:]
    if f.endswith('.sqlite'):
        db = sqlite3.connect(f)
        for (t,) in db.execute("select name from sqlite_master where type='table' order by name"):
            if t.startswith(('articles_fts', 'sqlite_')): continue
            cols = [r[1] for r in db.execute(f'pragma table_info("{t}")')]
            for row in db.execute(f'select * from "{t}" order by 1,2' if len(cols) > 1 else f'select * from "{t}"'):
                kept = {c: v for c, v in zip(cols, row) if c not in volatile or (c == 'id' and t in output_tables)}
                lines.append(f'{rel}:{t}: {placeholders(json.dumps(kept, default=lambda b: b.hex() if isinstance(b, bytes) else str(b)))}')
    elif f.endswith('.prom'):
        with open(f) as h:
            prom = [re.sub(r'(seconds\{[^}]*\}) .*', r'\1 N', l.rstrip()) for l in h]
        lines += sorted(f'{rel}: {l}' for l in prom)
    elif f.endswith(('.json', '.stderr')):
        with open(f, errors='replace') as h:
            for l in h:
                l = placeholders(l)
                l = re.sub(r"(_seconds\" : )[0-9.e+-]+", r"\1N", l)
                l = re.sub(r'\b\d+(\.\d+)? ?(s|ms|µs|articles/s|MB/s)\b', 'N', l)
                lines.append(f'{rel}: {l.rstrip()}')
    else:
        with open(f, 'rb') as h:
            for l in h: lines.append(f'{rel}: {placeholders(l.decode("utf-8", "replace")).rstrip()}')
open(out + '/dump.txt', 'w').write('\n'.join(lines) + '\n')
print(len(lines), 'lines')
PY
