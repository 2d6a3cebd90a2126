#!/usr/bin/env bash
# Submits the three phases of a sharded Copydesk run to Slurm, each waiting for the one before.
#
#   deploy/slurm/submit.sh PIPELINE SHARDS JOB [STATE]
#   deploy/slurm/submit.sh pipelines/sharded.yaml 16 archive-2019 'postgres://copydesk@db/news?schema=copydesk'
#
# prints the three Slurm job ids, one a line:
#
#   fingerprint=1201      an array of SHARDS tasks, 0..SHARDS-1
#   cluster=1202          one task, started when every fingerprint task exited 0
#   emit=1203             an array of SHARDS tasks, started when the cluster task exited 0
#
# A failed task cancels the phases after it (afterok with --kill-on-invalid-dep=yes), so they
# never run. Usage errors exit 64, a refused submission 1 (after cancelling the phases already
# submitted). Extra sbatch options for all three (partition, account, time limit, memory...)
# come from SBATCH_OPTIONS, split at white space: SBATCH_OPTIONS='--partition=batch --time=4:00:00'.
# The copydesk binary is COPYDESK (default: copydesk on the compute nodes' PATH). Task logs are
# copydesk-JOB-PHASE-<array job id>_<task>.out (the cluster phase's copydesk-JOB-cluster-<id>.out)
# in the directory this is run from, unless SBATCH_OPTIONS says otherwise. docs/scale-out.md
# tells the rest.
set -euo pipefail

usage() {
    echo "usage: $0 PIPELINE SHARDS JOB [STATE]" >&2
    echo "  PIPELINE  the pipeline file (a path the compute nodes see too)" >&2
    echo "  SHARDS    the number of shards, 1 or more (array tasks of phases 1 and 3)" >&2
    echo "  JOB       the sharded job's name, new for every run of a drop (archive-2019, \$(date +%Y%m%dT%H%M))" >&2
    echo "  STATE     the state store (postgres://...?schema=copydesk, or an SQLite path on a shared" >&2
    echo "            file system); default: the pipeline's ledger, else its dedupe history" >&2
    exit 64
}
fail() { echo "submit: $*" >&2; exit 64; }
die() { echo "submit: $*" >&2; exit 1; }

if [ $# -lt 3 ] || [ $# -gt 4 ]; then usage; fi
pipeline=$1 shards=$2 job=$3 state=${4:-}
[ -f "$pipeline" ] || fail "no pipeline file '$pipeline'"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || fail "SHARDS is '$shards', not a number of shards (1 or more)"
[ -n "$job" ] || fail "JOB is empty: name the sharded job (archive-2019, a timestamp)"
command -v sbatch >/dev/null || die "sbatch is not on the PATH (run this on a Slurm submit host)"

here=$(cd "$(dirname "$0")" && pwd)
script=$here/copydesk-phase.sbatch
[ -f "$script" ] || die "the batch script $script is missing"
# The tasks may start in another directory (--chdir in SBATCH_OPTIONS), so the pipeline is
# passed as an absolute path.
pipeline=$(cd "$(dirname "$pipeline")" && pwd)/$(basename "$pipeline")

# The batch script reads these; --export=ALL below hands them (and the rest of this shell's
# environment, such as DATABASE_URL, INPUT, OUT or PGPASSFILE) to every task, also on a site
# whose SBATCH_EXPORT says NONE.
export COPYDESK=${COPYDESK:-copydesk}
export COPYDESK_PIPELINE=$pipeline COPYDESK_JOB=$job COPYDESK_SHARDS=$shards
if [ -n "$state" ]; then
    export COPYDESK_STATE=$state
else
    unset COPYDESK_STATE
fi
# sbatch reads these from the environment too: SBATCH_ARRAY_INX would make the cluster phase an
# array, and SBATCH_WAIT would hold this script on each phase in turn.
unset SBATCH_ARRAY_INX SBATCH_WAIT

extra=()
if [ -n "${SBATCH_OPTIONS:-}" ]; then
    read -r -a extra <<<"$SBATCH_OPTIONS"
fi
# Job names (JOB-PHASE) go into the log file names: keep them to characters safe in a file name.
name=$(printf '%s' "$job" | tr -c 'A-Za-z0-9._-' '_')

# sbatch --parsable prints "ID" or "ID;CLUSTER"; the id alone is what --dependency takes.
submit() {
    local out
    out=$(sbatch --parsable --export=ALL "$@") || die "sbatch refused the $phase phase (see its message above)"
    out=${out%%;*}
    [[ "$out" =~ ^[0-9]+$ ]] || die "sbatch printed '$out' for the $phase phase, not a job id"
    echo "$out"
}

last=$((shards - 1))
phase=fingerprint
fingerprint=$(submit --job-name="$name-fingerprint" --array="0-$last" "${extra[@]}" "$script" fingerprint)
echo "fingerprint=$fingerprint"
# The cluster phase is no array: its log file is named by the job id alone (%a would be 4294967294).
phase=cluster
cluster=$(submit --job-name="$name-cluster" --output=copydesk-%x-%j.out \
    --dependency="afterok:$fingerprint" --kill-on-invalid-dep=yes "${extra[@]}" "$script" cluster) \
    || { echo "submit: cancelling the fingerprint phase ($fingerprint)" >&2; scancel "$fingerprint" || true; exit 1; }
echo "cluster=$cluster"
phase=emit
emit=$(submit --job-name="$name-emit" --array="0-$last" \
    --dependency="afterok:$cluster" --kill-on-invalid-dep=yes "${extra[@]}" "$script" emit) \
    || { echo "submit: cancelling the fingerprint and cluster phases ($fingerprint, $cluster)" >&2; scancel "$fingerprint" "$cluster" || true; exit 1; }
echo "emit=$emit"
