#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 for the tests, on 127.0.0.1 at a free port.
#
#   scripts/postgres-test-server.sh start   # prints export COPYDESK_TEST_DATABASE_URL=postgres://...
#   scripts/postgres-test-server.sh stop    # stops it and deletes its data
#   scripts/postgres-test-server.sh pause   # stops the server at once (as a crash would), keeps its data
#   scripts/postgres-test-server.sh resume  # starts the paused server again, same port and data
#
# --state DIR (before the command) keeps the server's bookkeeping in DIR instead of
# .build/postgres-test-server, so a test can run a private server of its own next to the shared
# one and stop it in the middle of a run.
#
# start installs Debian's postgresql package when it is missing, creates a cluster in a new
# temporary directory (owned by the postgres user, as the server requires), with password
# authentication over TCP and a random password, and writes the export line both to standard
# output and to .build/postgres-test-server/env, which `make test` reads when it exists. stop
# reads the same directory, so it works from another shell; it does nothing when no server runs.
# Tests that need the server skip with a printed reason when COPYDESK_TEST_DATABASE_URL is unset.
set -euo pipefail
cd "$(dirname "$0")/.."
state=.build/postgres-test-server
if [ "${1:-}" = "--state" ]; then
    [ -n "${2:-}" ] || { echo "postgres-test-server: --state needs a directory" >&2; exit 64; }
    state=$2
    shift 2
fi
bin=/usr/lib/postgresql/15/bin

fail() { echo "postgres-test-server: $*" >&2; exit 1; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null && return
    for port in $(seq 54320 54420); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
    fail "no free port in 54320-54420"
}

start() {
    [ ! -e "$state/root" ] || fail "a server is already running ($state/root); stop it first"
    if [ ! -x "$bin/pg_ctl" ]; then
        if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
        echo "postgres-test-server: installing postgresql" >&2
        $SUDO apt-get update -qq >&2 || fail "apt-get update failed"
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null || fail "cannot install postgresql"
        [ -x "$bin/pg_ctl" ] || fail "the postgresql package brought no $bin/pg_ctl (PostgreSQL 15 is expected)"
    fi
    id postgres >/dev/null 2>&1 || fail "there is no postgres user (the postgresql package creates it)"
    local root port password
    root=$(mktemp -d /tmp/copydesk-postgres.XXXXXX)
    port=$(free_port)
    password=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
    mkdir -p "$root/data" "$root/socket"
    printf '%s\n' "$password" >"$root/password"
    chown -R postgres "$root"
    chmod 700 "$root"
    mkdir -p "$state"
    echo "$root" >"$state/root"
    echo "$port" >"$state/port"
    runuser -u postgres -- "$bin/initdb" -D "$root/data" -U postgres --pwfile="$root/password" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >"$root/initdb.log" 2>&1 \
        || { cat "$root/initdb.log" >&2; fail "initdb failed"; }
    rm -f "$root/password"
    serve "$root" "$port"
    runuser -u postgres -- "$bin/psql" -h "$root/socket" -p "$port" -d postgres -qAt \
        -c "CREATE DATABASE copydesk_test" >/dev/null || fail "cannot create the database copydesk_test"
    echo "export COPYDESK_TEST_DATABASE_URL=postgres://postgres:$password@127.0.0.1:$port/copydesk_test" >"$state/env"
    cat "$state/env"
    echo "postgres-test-server: PostgreSQL 15 on 127.0.0.1:$port, data in $root" >&2
}

# Starts the cluster in $1 on port $2 and waits until it accepts connections. The server gets
# no descriptor of the caller's but the standard three: a caller that watches a descriptor of
# its own to learn that this script ended (Foundation's Process does) would wait forever on one
# the server kept open.
serve() {
    (
        for fd in /proc/$BASHPID/fd/*; do
            fd=${fd##*/}
            [ "$fd" -le 2 ] || eval "exec $fd>&-"
        done
        runuser -u postgres -- "$bin/pg_ctl" -D "$1/data" -l "$1/server.log" -w \
            -o "-k $1/socket -p $2 -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null </dev/null
    ) || { cat "$1/server.log" >&2; fail "the server did not start"; }
}

pause() {
    [ -e "$state/root" ] || fail "no server to pause ($state)"
    runuser -u postgres -- "$bin/pg_ctl" -D "$(cat "$state/root")/data" -m immediate -w stop >/dev/null \
        || fail "pg_ctl stop failed"
}

resume() {
    [ -e "$state/root" ] || fail "no server to resume ($state)"
    serve "$(cat "$state/root")" "$(cat "$state/port")"
}

stop() {
    [ -e "$state/root" ] || { echo "postgres-test-server: no server to stop" >&2; return; }
    local root
    root=$(cat "$state/root")
    if [ -e "$root/data/postmaster.pid" ]; then
        runuser -u postgres -- "$bin/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null || echo "postgres-test-server: pg_ctl stop failed" >&2
    fi
    rm -rf "$root" "$state"
    echo "postgres-test-server: stopped" >&2
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    pause) pause ;;
    resume) resume ;;
    *) echo "usage: $0 [--state DIR] start|stop|pause|resume" >&2; exit 64 ;;
esac
