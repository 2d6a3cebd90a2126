#!/usr/bin/env bash
# Validates every Kubernetes manifest under deploy/kubernetes against the OpenAPI schema of the
# Kubernetes versions below, strictly: an unknown or misspelled field, a wrong type, a missing
# required field, a duplicated key or a kind without a schema is an error. Exit 0 when every
# document of every file passes, 1 otherwise.
#
#   scripts/validate-manifests.sh                 # deploy/kubernetes/*.yaml
#   scripts/validate-manifests.sh FILE...         # those files only
#   KUBERNETES_VERSIONS="1.33.0" scripts/validate-manifests.sh
#
# The validator is the PyPI package kubernetes-validate, which ships the schemas of many
# Kubernetes versions inside it, so it needs no network once installed (no cluster, no schema
# download). It is installed at the pinned version into a virtual environment under
# .build/manifest-validator when missing; installing needs PyPI, and python3 with venv
# (python3-venv on Debian, installed with apt-get when missing and this runs as root).
#
# Kubernetes versions: 1.31, the oldest the manifests are written for (Indexed Jobs with
# backoffLimitPerIndex and podFailurePolicy's FailIndex, beta and on by default since 1.29;
# podFailurePolicy GA in 1.31), and the newest the pinned validator ships, so that a field
# dropped or renamed since is caught too.
#
# The schemas say nothing of rules that the API server checks across fields, so a few of those
# that these manifests rely on are checked here as well: backoffLimitPerIndex and
# maxFailedIndexes need completionMode Indexed, podFailurePolicy needs restartPolicy Never and
# known actions, and the three phases agree on the job, the number of shards and their
# completions.
set -euo pipefail
# Files named on the command line are taken relative to the caller's directory, not the root.
files=()
for file in "$@"; do
    case "$file" in
        /*) files+=("$file") ;;
        *) files+=("$PWD/$file") ;;
    esac
done
cd "$(dirname "$0")/.."

validator_version=1.37.0
kubernetes_versions=${KUBERNETES_VERSIONS:-1.31.0 1.37.0}
venv=.build/manifest-validator

fail() { echo "validate-manifests: $*" >&2; exit 1; }

installed() {
    [ -x "$venv/bin/python" ] && "$venv/bin/python" -c \
        "import sys, kubernetes_validate; sys.exit(kubernetes_validate.__version__ != '$validator_version')" 2>/dev/null
}

install_validator() {
    installed && return
    echo "validate-manifests: installing kubernetes-validate $validator_version into $venv" >&2
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    # Debian's own python3 has venv and ensurepip only with python3-venv.
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        rm -rf "$venv"
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
            apt-get update -qq >/dev/null 2>&1 || true
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null 2>&1 \
                || fail "python3 cannot make a virtual environment, and python3-venv could not be installed"
            python3 -m venv "$venv" || fail "python3 cannot make a virtual environment in $venv"
        else
            fail "python3 cannot make a virtual environment (install python3-venv)"
        fi
    fi
    # Inside the venv pip needs no --break-system-packages: the system's packages are not touched.
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
        "kubernetes-validate==$validator_version" >"$venv/install.log" 2>&1 \
        || { tail -n 20 "$venv/install.log" >&2; rm -rf "$venv"; fail "cannot install kubernetes-validate $validator_version from PyPI"; }
    installed || fail "kubernetes-validate $validator_version did not install as expected (see $venv/install.log)"
}

if [ ${#files[@]} -eq 0 ]; then
    mapfile -t files < <(find deploy/kubernetes -type f \( -name '*.yaml' -o -name '*.yml' \) | LC_ALL=C sort)
    [ ${#files[@]} -gt 0 ] || fail "no manifests under deploy/kubernetes"
fi

mkdir -p .build
# Two runs at once (make lint in parallel with a manual run) must not install over each other.
exec 9>.build/manifest-validator.lock
flock 9
install_validator
flock -u 9

# shellcheck disable=SC2086 # the versions are one word each
"$venv/bin/python" - $kubernetes_versions -- "${files[@]}" <<'PY'
import sys

import yaml
import kubernetes_validate
from kubernetes_validate import utils

args = sys.argv[1:]
versions, files = args[: args.index("--")], args[args.index("--") + 1 :]
errors = 0


def error(where, message):
    global errors
    errors += 1
    print(f"validate-manifests: {where}: {message}", file=sys.stderr)


class StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key given twice in one mapping (PyYAML keeps the last)."""


def construct_mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.MarkedYAMLError(
                "while reading a mapping", node.start_mark,
                f"key {key!r} given twice (first on line {seen[key] + 1})", key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)


def option(args, name):
    """The value after `name` in a container's args, or None."""
    return args[args.index(name) + 1] if name in args[:-1] else None


def check_job(where, job, phases):
    spec = job.get("spec") or {}
    pod = (spec.get("template") or {}).get("spec") or {}
    indexed = spec.get("completionMode") == "Indexed"
    for field in ("backoffLimitPerIndex", "maxFailedIndexes"):
        if field in spec and not indexed:
            error(where, f"spec.{field} needs spec.completionMode: Indexed")
    policy = spec.get("podFailurePolicy")
    if policy is not None:
        if pod.get("restartPolicy") != "Never":
            error(where, "spec.podFailurePolicy needs spec.template.spec.restartPolicy: Never")
        for n, rule in enumerate(policy.get("rules") or []):
            action = rule.get("action")
            if action not in ("FailJob", "FailIndex", "Ignore", "Count"):
                error(where, f"spec.podFailurePolicy.rules.{n}.action: unknown action {action!r}")
            if action == "FailIndex" and "backoffLimitPerIndex" not in spec:
                error(where, f"spec.podFailurePolicy.rules.{n}: FailIndex needs spec.backoffLimitPerIndex")
    for container in pod.get("containers") or []:
        args = [str(a) for a in container.get("args") or []]
        phase = option(args, "--phase")
        if container.get("name") != "copydesk" or phase is None:
            continue
        phase = {"1": "fingerprint", "2": "cluster", "3": "emit"}.get(phase, phase)
        if phase not in ("fingerprint", "cluster", "emit"):
            error(where, f"--phase {phase!r} is no phase of a sharded run")
            continue
        shards = option(args, "--shards")
        if not indexed:
            error(where, "a copydesk phase runs as an Indexed Job (completionMode: Indexed)")
        if shards is None or not shards.isdigit() or int(shards) < 1:
            error(where, f"the {phase} phase needs --shards N (JOB_COMPLETION_INDEX alone names no shard count)")
            continue
        want = 1 if phase == "cluster" else int(shards)
        for field in ("completions", "parallelism"):
            if spec.get(field) != want:
                error(where, f"spec.{field} is {spec.get(field)!r}, not {want} (the {phase} phase with --shards {shards})")
        phases.append((where, phase, int(shards), option(args, "--job")))


phases = []
for path in files:
    try:
        with open(path, encoding="utf-8") as f:
            documents = [d for d in yaml.load_all(f, Loader=StrictLoader) if d is not None]
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        error(path, f"cannot be read as YAML: {e}")
        continue
    if not documents:
        error(path, "holds no manifest")
    for n, resource in enumerate(documents):
        where = path if len(documents) == 1 else f"{path} (document {n + 1})"
        if not isinstance(resource, dict) or not resource.get("apiVersion") or not resource.get("kind"):
            error(where, "is not a Kubernetes object (apiVersion and kind)")
            continue
        name = f"{resource['kind']}/{(resource.get('metadata') or {}).get('name', '?')}"
        for version in versions:
            try:
                checked = kubernetes_validate.validate(resource, version, strict=True)
            except kubernetes_validate.ValidationError as e:
                field = ".".join(str(p) for p in e.path) or "(top level)"
                error(f"{where} {name}", f"Kubernetes {e.version}: {field}: {e.message}")
                continue
            except kubernetes_validate.SchemaNotFoundError as e:
                error(f"{where} {name}", e.message)
                continue
            except utils.VersionNotSupportedError as e:
                sys.exit(f"validate-manifests: kubernetes-validate {kubernetes_validate.__version__} has no schema for Kubernetes {e.version}")
            if checked != utils.major_minor(version):
                sys.exit(f"validate-manifests: kubernetes-validate has no schema for Kubernetes {version} (nearest: {checked})")
        if resource["kind"] == "Job" and resource["apiVersion"] == "batch/v1":
            check_job(f"{where} {name}", resource, phases)

if len({(shards, job) for _, _, shards, job in phases}) > 1:
    error("deploy/kubernetes", "the phases disagree on --shards or --job: "
          + "; ".join(f"{w}: {p} --shards {s} --job {j}" for w, p, s, j in phases))

if errors:
    print(f"validate-manifests: {errors} error(s) in {len(files)} file(s)", file=sys.stderr)
    sys.exit(1)
print(f"validate-manifests: {len(files)} file(s) valid against Kubernetes {', '.join(utils.major_minor(v) for v in versions)}"
      f" (kubernetes-validate {kubernetes_validate.__version__}, strict)")
PY
