"""Checks Copydesk's outputs with real validators: frictionless for the CSV tables and their
datapackage.json, jsonschema for the JSON-lines records.

    python3 validate.py setup VENV
        Prints a python that imports frictionless and jsonschema: python3 itself when it does,
        else the virtual environment VENV, made with the pinned versions when it lacks them,
        else python3 once `pip install` (with --break-system-packages when pip asks for it) has
        installed them. Exits 1 with the reason on standard error when none of these works.

    PYTHON validate.py records SCHEMA FILE
        Checks SCHEMA against its draft's meta-schema, then every line of FILE against SCHEMA,
        and prints one JSON object: {"lines": N, "errors": [{"line": 1, "path": "/id",
        "message": "..."}, ...]}.

The tables are checked with the frictionless command itself: PYTHON -m frictionless validate
--json DESCRIPTOR.
"""
import fcntl
import json
import os
import subprocess
import sys

PINNED = ["frictionless==5.21.0", "jsonschema==4.26.0"]
PROBE = "import frictionless, jsonschema"


def imports(python):
    """Whether `python` imports both packages."""
    if not os.access(python, os.X_OK):
        return False
    return subprocess.run([python, "-c", PROBE], capture_output=True).returncode == 0


def pip_install(python, log, *extra):
    """Runs pip install of the packages into `python`, its output appended to `log`."""
    with open(log, "a") as out:
        return subprocess.run(
            [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input",
             "--timeout", "20", "--retries", "1", *extra, *PINNED],
            stdout=out, stderr=subprocess.STDOUT).returncode == 0


def setup(venv):
    """Prints a python that imports both packages, installing them when needed (one process at
    a time); exits with the reasons when it cannot."""
    if imports(sys.executable):
        print(sys.executable)
        return
    os.makedirs(os.path.dirname(os.path.abspath(venv)), exist_ok=True)
    log = venv.rstrip("/") + ".log"
    with open(venv.rstrip("/") + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        python = os.path.join(venv, "bin", "python")
        if imports(python):
            print(python)
            return
        reasons = []
        made = subprocess.run([sys.executable, "-m", "venv", "--clear", venv], capture_output=True, text=True)
        if made.returncode == 0:
            if pip_install(python, log) and imports(python):
                print(python)
                return
            reasons.append(f"cannot install {' '.join(PINNED)} into {venv}")
        else:
            reasons.append(f"python3 cannot make a virtual environment ({made.stderr.strip()[-200:]})")
        if (pip_install(sys.executable, log) or pip_install(sys.executable, log, "--break-system-packages")) \
                and imports(sys.executable):
            print(sys.executable)
            return
        reasons.append(f"pip cannot install {' '.join(PINNED)} for python3")
        sys.exit("; ".join(reasons) + f" (see {log})")


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
        setup(args[0])
    elif command == "records":
        records(args[0], args[1])
    else:
        sys.exit(f"unknown command {command!r}")
