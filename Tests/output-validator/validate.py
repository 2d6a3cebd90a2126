"""Checks Copydesk's outputs with real validators: frictionless for the CSV tables and their
datapackage.json, jsonschema for the JSON-lines records.

    python3 validate.py setup VENV
        Prints a python with the pinned frictionless and jsonschema: the virtual environment
        VENV, made from PyPI when it lacks them, else python3 itself when it has them. Exits 1
        with the reason on standard error when neither works.

    PYTHON validate.py records SCHEMA FILE
        Checks SCHEMA against its draft's meta-schema, then every line of FILE against SCHEMA,
        and prints one JSON object: {"lines": N, "errors": [{"line": 1, "path": "/id",
        "message": "..."}, ...]}.

The tables are checked with the frictionless command itself: PYTHON -m frictionless validate
--json DESCRIPTOR.
"""
import json
import os
import sys

PINNED = ["frictionless==5.21.0", "jsonschema==4.26.0"]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from pinned_venv import setup  # noqa: E402  (the shared installer, beside this script's folder)



def records(schema_path, file):
    """Checks the schema, then every line of `file`; prints the findings as one JSON object."""
    import jsonschema

    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    errors = []
    count = 0
    with open(file, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            count += 1
            for error in validator.iter_errors(json.loads(line)):
                errors.append({"line": number, "path": "".join(f"/{p}" for p in error.absolute_path), "message": error.message})
    print(json.dumps({"lines": count, "errors": errors, "validator": validator_class.__name__}))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "setup":
        setup(args[0], PINNED)
    elif command == "records":
        records(args[0], args[1])
    else:
        sys.exit(f"unknown command {command!r}")
