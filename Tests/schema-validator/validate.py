"""Checks pipeline files against the pipeline JSON Schema with the jsonschema package.

    python3 validate.py setup VENV
        Makes the virtual environment VENV with the pinned jsonschema and PyYAML when it lacks
        them (from PyPI) and prints its python; exits 1 with the reason on standard error when
        python3 cannot make one or PyPI cannot be reached.

    VENV/bin/python validate.py check SCHEMA FILE...
        Checks SCHEMA against the draft-07 meta-schema, then reads each FILE as YAML (a key
        given twice is refused, dates stay strings) and prints one JSON line per file:
        {"file": FILE, "errors": [{"path": "/stages/0/path", "message": "..."}, ...]}, or
        {"file": FILE, "yaml_error": "..."} when it is not YAML data.
"""
import json
import os
import sys

PINNED = ["jsonschema==4.26.0", "PyYAML==6.0.3"]

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from pinned_venv import setup  # noqa: E402  (the shared installer, beside this script's folder)



def leaves(error):
    """The error as an editor shows it: for a stage entry (a oneOf of stage types told apart by
    `type: {const: ...}`), the errors of the one branch whose type matched; otherwise itself."""
    if error.validator == "oneOf" and error.context:
        branches = {}
        for e in error.context:
            branches.setdefault(e.relative_schema_path[0], []).append(e)
        matched = [errors for errors in branches.values() if not any(e.validator == "const" for e in errors)]
        if len(matched) == 1:
            return [leaf for e in matched[0] for leaf in leaves(e)]
    return [error]


def check(schema_path, files):
    """Checks the schema against the meta-schema, then prints one JSON line per file."""
    import jsonschema
    import yaml

    class Loader(yaml.SafeLoader):
        """A SafeLoader that refuses a key given twice and keeps dates as the strings written."""

    def mapping(loader, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.MarkedYAMLError("while reading a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)

    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                document = yaml.load(f, Loader=Loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
            print(json.dumps({"file": path, "yaml_error": str(e)}))
            continue
        errors = [leaf for e in validator.iter_errors(document) for leaf in leaves(e)]
        print(json.dumps({"file": path, "errors": [
            {"path": "".join(f"/{p}" for p in e.absolute_path), "message": e.message} for e in errors]}))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "setup":
        setup(args[0], PINNED)
    elif command == "check":
        check(args[0], args[1:])
    else:
        sys.exit(f"unknown command {command!r}")
