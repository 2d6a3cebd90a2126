#!/usr/bin/env bash
# Starts, stops or reports a throw-away single-node Slurm cluster on this machine, for the tests
# that submit jobs with sbatch.
#
#   scripts/slurm-test-cluster.sh start    # prints export SLURM_CONF=... and COPYDESK_TEST_SLURM=1
#   scripts/slurm-test-cluster.sh stop     # stops it; does nothing when no cluster runs
#   scripts/slurm-test-cluster.sh status   # says whether it runs and answers: exit 0 if so, else 3
#
# start installs Debian's slurm-wlm and munge packages when they are missing, starts munged (as
# the munge user, with /etc/munge/munge.key, created when missing) unless one already answers,
# writes a slurm.conf for one node named after this host, with free TCP ports and every state,
# spool, pid and log file in .build/slurm-test-cluster/, starts slurmctld and slurmd as root,
# waits until sinfo shows the node idle and a first batch job has run, and writes the export
# lines both to standard output and to .build/slurm-test-cluster/env, for tests to source:
#
#   . .build/slurm-test-cluster/env && sbatch --wait --array=0-3 job.sh
#
# No cgroups, no accounting database and no MPI: processes are tracked through /proc, so it runs
# in a container without systemd. It needs root. Calling start while the cluster runs only
# rewrites the env file; otherwise start begins afresh, with no jobs but the one it ran. stop
# cancels the cluster's jobs, stops slurmd and slurmctld (waiting for them to exit) and munged if
# start started it, and removes the env file; it is safe to call from a trap, and from another
# shell. Tests that need the cluster are to skip when COPYDESK_TEST_SLURM is unset.
#
# sbatch --wait exits with the highest exit code of the job's (or array's) tasks, but with 0 for
# a job that Slurm cancelled because its dependency can never be met (--dependency=afterok:ID
# --kill-on-invalid-dep=yes after a failed ID): check `scontrol show job` for JobState=COMPLETED.
set -euo pipefail
cd "$(dirname "$0")/.."
state=$PWD/.build/slurm-test-cluster
conf=$state/slurm.conf
munge_socket=/run/munge/munge.socket.2
munge_pidfile=/run/munge/munged.pid

fail() { echo "slurm-test-cluster: $*" >&2; exit 1; }
note() { echo "slurm-test-cluster: $*" >&2; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])' 2>/dev/null && return
    local port
    for port in $(seq 46817 46917); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
    fail "no free port in 46817-46917"
}

# The pid in FILE when that process is alive and is the program NAME, else nothing.
live_pid() {
    local file=$1 name=$2 pid
    [ -s "$file" ] || return 1
    pid=$(tr -dc 0-9 <"$file")
    [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] || return 1
    echo "$pid"
}

# Sends TERM to the processes in the pid files, each given as FILE:NAME and skipped unless it is
# alive and runs NAME, waits up to 15 s for them to exit, KILLs what is left and removes the files.
stop_pidfiles() {
    local spec pid pids='' alive
    for spec in "$@"; do
        if pid=$(live_pid "${spec%:*}" "${spec##*:}"); then
            kill -TERM "$pid" 2>/dev/null || true
            pids="$pids $pid"
        fi
    done
    for _ in $(seq 150); do
        alive=
        for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive="$alive $pid"; done
        pids=$alive
        [ -n "$pids" ] || break
        sleep 0.1
    done
    for pid in $pids; do
        note "process $pid ($(cat "/proc/$pid/comm" 2>/dev/null)) did not exit after TERM; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    done
    for spec in "$@"; do rm -f "${spec%:*}"; done
}

munge_answers() {
    munge -n -S "$munge_socket" </dev/null 2>/dev/null | unmunge -S "$munge_socket" >/dev/null 2>&1
}

install_packages() {
    command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null \
        && command -v munged >/dev/null && return
    [ "$(id -u)" -eq 0 ] || fail "slurm-wlm and munge are missing, and installing them needs root"
    note "installing slurm-wlm and munge"
    apt-get update -qq >"$state/apt.log" 2>&1 || { tail -n 20 "$state/apt.log" >&2; fail "apt-get update failed"; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >"$state/apt.log" 2>&1 \
        || { tail -n 20 "$state/apt.log" >&2; fail "cannot install slurm-wlm and munge"; }
    if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
        fail "the slurm-wlm and munge packages brought no slurmctld or munged"
    fi
}

start_munge() {
    if munge_answers; then return; fi
    id munge >/dev/null 2>&1 || fail "there is no munge user (the munge package creates it)"
    if [ ! -s /etc/munge/munge.key ]; then
        install -d -o munge -g munge -m 0700 /etc/munge
        mungekey --create --keyfile=/etc/munge/munge.key 2>/dev/null \
            || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none \
            || fail "cannot create /etc/munge/munge.key"
    fi
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
    install -d -o munge -g munge -m 0755 /run/munge
    # A munged that died leaves its socket behind, which makes a new one refuse to start.
    live_pid "$munge_pidfile" munged >/dev/null \
        || rm -f "$munge_socket" "$munge_socket.lock" "$munge_pidfile"
    runuser -u munge -- /usr/sbin/munged --socket="$munge_socket" --pid-file="$munge_pidfile" \
        || fail "munged did not start (see /var/log/munge/munged.log)"
    for _ in $(seq 50); do
        munge_answers && { touch "$state/started-munged"; return; }
        sleep 0.1
    done
    tail -n 20 /var/log/munge/munged.log >&2 2>/dev/null || true
    fail "munged started but does not answer on $munge_socket"
}

write_conf() {
    local host ctld_port slurmd_port
    host=$(hostname -s)
    ctld_port=$(free_port)
    slurmd_port=$(free_port)
    while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done
    # NodeAddr and the controller address are fixed to 127.0.0.1 so that the host name need not
    # resolve. RealMemory is left out (1 MB by default), so jobs must not ask for memory.
    # MinJobAge keeps finished jobs' records for a day (scontrol show job still answers). It must
    # outlast every job array: sbatch --wait takes its exit code from the records of the array's
    # tasks, and a failed task whose record was purged before the last task ended is not counted.
    # (Slurm 22.05 raises 0 to 2. Only MinJobAge <= 5 would keep sbatch --wait polling every 2 s;
    # otherwise it polls after 2, 8 and then every 32 s, so it returns 2, 10, 42, 74... s after
    # submission.)
    cat >"$conf" <<EOF
# Written by scripts/slurm-test-cluster.sh; rewritten at every start.
ClusterName=copydesk-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$munge_socket
CredType=cred/munge
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,batch_sched_delay=0
StateSaveLocation=$state/ctld-state
SlurmdSpoolDir=$state/slurmd-spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MinJobAge=86400
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 NodeHostname=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

show_logs() {
    local log
    for log in "$state/slurmctld.log" "$state/slurmd.log"; do
        [ -s "$log" ] || continue
        echo "--- last lines of $log" >&2
        tail -n 20 "$log" >&2
    done
}

# Shows the logs, stops what start started and fails with the message.
start_failed() {
    show_logs
    stop >/dev/null 2>&1 || true
    fail "$*; the cluster is stopped again"
}

running() {
    live_pid "$state/slurmctld.pid" slurmctld >/dev/null && live_pid "$state/slurmd.pid" slurmd >/dev/null
}

# The state of job $1 (COMPLETED, RUNNING, ...), or nothing when slurmctld does not answer.
job_state() {
    { SLURM_CONF=$conf scontrol -o show job "$1" 2>/dev/null || true; } | sed -n 's/.* JobState=\([A-Z_]*\) .*/\1/p'
}

# The state of the node as sinfo shows it (idle, mix, down*, ...), or nothing.
node_state() { { SLURM_CONF=$conf sinfo -h -N -n "$(hostname -s)" -o %t 2>/dev/null || true; } | head -n 1; }

write_env() {
    printf 'export SLURM_CONF=%q\nexport COPYDESK_TEST_SLURM=1\n' "$conf" >"$state/env"
    cat "$state/env"
}

start() {
    [ "$(id -u)" -eq 0 ] || fail "start needs root (slurmd runs jobs as any user, munged as munge)"
    if running && [ -s "$conf" ] && [ -n "$(node_state)" ]; then
        write_env
        note "already running ($conf)"
        return
    fi
    mkdir -p "$state"
    install_packages
    # Leftovers of a cluster that half started or stopped answering: stop them, start afresh.
    stop_pidfiles "$state/slurmd.pid:slurmd" "$state/slurmctld.pid:slurmctld"
    rm -rf "$state/env" "$state/ctld-state" "$state/slurmd-spool" "$state"/*.log
    mkdir -p "$state/ctld-state" "$state/slurmd-spool"
    start_munge
    write_conf
    SLURM_CONF=$conf slurmctld -f "$conf" || start_failed "slurmctld did not start"
    SLURM_CONF=$conf slurmd -f "$conf" || start_failed "slurmd did not start"
    local node='' job warm_state=''
    for _ in $(seq 300); do
        node=$(node_state)
        [ "$node" = idle ] && break
        sleep 0.1
    done
    [ "$node" = idle ] || start_failed "the node is not idle after 30 s (state: ${node:-unknown})"
    # slurmctld's first scheduling pass comes about 3 s after it starts; batch jobs submitted
    # before it wait for it. Running one job here takes that wait out of the tests' timings (a
    # test's sbatch --wait first looks after 2 s, then after 10 s) and shows that jobs run.
    job=$(SLURM_CONF=$conf sbatch --parsable --job-name=warm-up --output=/dev/null --wrap true) \
        || start_failed "sbatch cannot submit a job"
    for _ in $(seq 300); do
        warm_state=$(job_state "$job")
        case "$warm_state" in
            COMPLETED) break ;;
            '' | PENDING | CONFIGURING | RUNNING | COMPLETING) sleep 0.1 ;;
            *) start_failed "the warm-up job $job ended $warm_state" ;;
        esac
    done
    [ "$warm_state" = COMPLETED ] \
        || start_failed "the warm-up job $job did not end in 30 s (${warm_state:-no state})"
    write_env
    note "$(slurmctld -V) running, one node $(hostname -s) with $(nproc) CPUs; state in $state"
}

stop() {
    if [ ! -d "$state" ]; then
        note "no cluster to stop"
        return
    fi
    rm -f "$state/env"
    if live_pid "$state/slurmctld.pid" slurmctld >/dev/null; then
        # Cancel what is still queued or running, and let it end, so that no job outlives slurmd.
        local jobs
        jobs=$(SLURM_CONF=$conf timeout 10 squeue -h -o %F 2>/dev/null | sort -u) || true
        if [ -n "$jobs" ]; then
            # shellcheck disable=SC2086 # one argument per job id
            SLURM_CONF=$conf timeout 10 scancel --quiet $jobs 2>/dev/null || true
            for _ in $(seq 100); do
                [ -n "$(SLURM_CONF=$conf timeout 10 squeue -h 2>/dev/null || true)" ] || break
                sleep 0.1
            done
        fi
    fi
    stop_pidfiles "$state/slurmd.pid:slurmd" "$state/slurmctld.pid:slurmctld"
    if [ -e "$state/started-munged" ]; then
        stop_pidfiles "$munge_pidfile:munged"
        rm -f "$state/started-munged"
    fi
    note "stopped"
}

status() {
    local node parts=''
    if running; then
        node=$(node_state)
        if [ -n "$node" ]; then
            echo "slurm-test-cluster: running (node $(hostname -s) $node; SLURM_CONF=$conf)"
            return 0
        fi
        echo "slurm-test-cluster: slurmctld and slurmd run but do not answer (is munged down?); start again"
        return 3
    fi
    live_pid "$state/slurmctld.pid" slurmctld >/dev/null && parts="$parts slurmctld"
    live_pid "$state/slurmd.pid" slurmd >/dev/null && parts="$parts slurmd"
    if [ -n "$parts" ]; then
        echo "slurm-test-cluster: only$parts running; start again"
    else
        echo "slurm-test-cluster: not running"
    fi
    return 3
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 64 ;;
esac
