"""The one way the test scripts get their pinned Python packages.

setup(venv, pinned) prints a python that imports exactly the `pinned` versions
(["name==version", ...]): the virtual environment `venv` when it has them, else `venv` made anew
and filled from PyPI, else python3 itself when it already has them; it exits 1 with the reasons
on standard error when none of these works. One process at a time does the installing (a lock
file beside `venv`).
"""
import fcntl
import os
import subprocess
import sys


def has(python, pinned):
    """Whether `python` has exactly the pinned versions."""
    if not os.access(python, os.X_OK):
        return False
    probe = "import importlib.metadata as m, sys; " + "; ".join(
        f"sys.exit(1) if m.version({name!r}) != {version!r} else None"
        for name, version in (spec.split("==") for spec in pinned))
    return subprocess.run([python, "-c", probe], capture_output=True).returncode == 0


def setup(venv, pinned):
    """Prints a python with the pinned packages, installing them when needed."""
    python = os.path.join(venv, "bin", "python")
    os.makedirs(os.path.dirname(os.path.abspath(venv)), exist_ok=True)
    with open(venv.rstrip("/") + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if has(python, pinned):
            print(python)
            return
        reasons = []
        made = subprocess.run([sys.executable, "-m", "venv", "--clear", venv], capture_output=True, text=True)
        if made.returncode == 0:
            log = os.path.join(venv, "install.log")
            with open(log, "w") as out:
                subprocess.run(
                    [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input",
                     "--timeout", "20", "--retries", "1", *pinned],
                    stdout=out, stderr=subprocess.STDOUT)
            if has(python, pinned):
                print(python)
                return
            reasons.append(f"cannot install {' '.join(pinned)} from PyPI into {venv} (see {log})")
        else:
            reasons.append(f"python3 cannot make a virtual environment in {venv} (install python3-venv): {made.stderr.strip()[-300:]}")
        if has(sys.executable, pinned):
            print(sys.executable)
            return
        sys.exit("; ".join(reasons))
