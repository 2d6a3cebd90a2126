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
import fcntl
import json
import os
import subprocess
import sys

PINNED = ["jsonschema==4.26.0", "PyYAML==6.0.3"]


def installed(python):
    """Whether the venv's python imports the pinned versions."""
    if not os.access(python, os.X_OK):
        return False
    probe = "import jsonschema, yaml, importlib.metadata as m, sys; " + "; ".join(
        f"sys.exit(1) if m.version({name!r}) != {version!r} else None"
        for name, version in (spec.split("==") for spec in PINNED))
    return subprocess.run([python, "-c", probe], capture_output=True).returncode == 0


def setup(venv):
    """Installs the pinned packages into `venv` unless they are there (one process at a time) and
    prints its python; exits with the reason when it cannot."""
    python = os.path.join(venv, "bin", "python")
    os.makedirs(os.path.dirname(os.path.abspath(venv)), exist_ok=True)
    with open(venv.rstrip("/") + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not installed(python):
            made = subprocess.run([sys.executable, "-m", "venv", "--clear", venv], capture_output=True, text=True)
            if made.returncode != 0:
                sys.exit(f"python3 cannot make a virtual environment in {venv} (install python3-venv): {made.stderr.strip()[-300:]}")
            log = os.path.join(venv, "install.log")
            with open(log, "w") as out:
                pip = subprocess.run(
                    [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input",
                     "--timeout", "20", "--retries", "1", *PINNED],
                    stdout=out, stderr=subprocess.STDOUT)
            if pip.returncode != 0 or not installed(python):
                sys.exit(f"cannot install {' '.join(PINNED)} from PyPI into {venv} (see {log})")
    print(python)


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
        setup(args[0])
    elif command == "check":
        check(args[0], args[1:])
    else:
        sys.exit(f"unknown command {command!r}")
