"""Runs the README's snippet that reads every output with DuckDB and pandas, and checks the types.

    python3 readers.py setup VENV
        Makes the virtual environment VENV with the pinned DuckDB and pandas when it lacks them
        (from PyPI) and prints its python; exits 1 with the reason on standard error when
        python3 cannot make one or PyPI cannot be reached.

    VENV/bin/python readers.py check README OUT
        Runs the Python block of README that follows the line `<!-- checked by
        Tests/client-readers -->`, with the OUT environment variable set to OUT, then prints one
        JSON object: {"checked": [NAME, ...], "null_columns": {NAME: [COLUMN, ...]},
        "problems": [TEXT, ...]}. A problem is a column whose DuckDB or pandas type is not the
        declared one, a declared column missing, or an unquoted DuckDB SELECT of every column
        of a table that fails.
"""
import json
import os
import sys

PINNED = ["duckdb==2.0.1", "pandas==3.1.1"]
MARKER = "<!-- checked by Tests/client-readers -->"

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from pinned_venv import setup  # noqa: E402  (the shared installer, beside this script's folder)



def snippet(readme):
    """The Python block after the marker line."""
    text = open(readme, encoding="utf-8").read()
    start = text.index(MARKER)
    block = text.index("```python\n", start) + len("```python\n")
    # Blank lines in front keep the README's line numbers in tracebacks.
    return "\n" * text.count("\n", 0, block) + text[block:text.index("```\n", block)]


def check(readme, out):
    """Runs the snippet and compares what DuckDB and pandas read with the declared types."""
    import pandas as pd

    os.environ["OUT"] = out
    scope = {}
    exec(compile(snippet(readme), readme, "exec"), scope)
    expected_duckdb, expected_pandas = scope["DUCKDB"], scope["PANDAS"]
    problems, checked, nulls = [], [], {}

    def compare(name, declared, duckdb_relation, frames):
        """declared: column -> declared type name; frames: reader -> DataFrame."""
        checked.append(name)
        if duckdb_relation is not None:
            types = dict(zip(duckdb_relation.columns, (str(t) for t in duckdb_relation.types)))
            for column, kind in declared.items():
                if types.get(column) != expected_duckdb[kind]:
                    problems.append(f"DuckDB {name}.{column}: {types.get(column)}, declared {kind} ({expected_duckdb[kind]})")
        for reader, frame in frames.items():
            for column, kind in declared.items():
                if column not in frame.columns:
                    problems.append(f"pandas {reader} {name}: no column {column}")
                elif str(frame[column].dtype) != str(pd.api.types.pandas_dtype(expected_pandas[kind])):
                    problems.append(f"pandas {reader} {name}.{column}: {frame[column].dtype}, declared {kind} ({expected_pandas[kind]})")
            empty = sorted(c for c in frame.columns if len(frame) > 0 and frame[c].isna().all())
            if empty:
                nulls[f"{reader}/{name}"] = empty

    record_types = {key: scope["json_type"](prop) for key, prop in scope["record"]["properties"].items()}
    compare("records", record_types, scope["records"], {"jsonl": scope["records_frame"]})
    for resource in scope["package"]["resources"]:
        name = resource["name"]
        declared = {field["name"]: field["type"] for field in resource["schema"]["fields"]}
        compare(name, declared, scope["csv_tables"][name], {"csv": scope["csv_frames"][name], "sqlite": scope["sqlite_frames"][name]})
        columns = ", ".join(declared)
        try:
            scope["db"].sql(f"SELECT {columns} FROM {name}").fetchall()
        except Exception as error:  # the parser error DuckDB gives for a reserved word
            problems.append(f"DuckDB SELECT {columns} FROM {name}: {error}")
    print(json.dumps({"checked": checked, "null_columns": nulls, "problems": problems}))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "setup":
        setup(sys.argv[2], PINNED)
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
