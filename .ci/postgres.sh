#!/usr/bin/env bash
# Start a private PostgreSQL cluster for the store tests (idempotent) and print the line
# that points the tests at it:
#     eval "$(bash .ci/postgres.sh)"        # exports CONSOLE_TEST_POSTGRES_URL
#     bash .ci/postgres.sh stop             # stops it again
# The cluster lives in $PGTEST_DIR (default /tmp/console-pgtest), listens only on
# 127.0.0.1:$PGTEST_PORT (default 55432) and a socket in that folder, and runs as the
# unprivileged 'postgres' user when started as root (PostgreSQL refuses to run as root).
# Needs Debian's postgresql packages; as root it installs them when they are missing.
set -euo pipefail

PGTEST_DIR="${PGTEST_DIR:-/tmp/console-pgtest}"
PGTEST_PORT="${PGTEST_PORT:-55432}"
DB=console_test
ROLE=console
PASSWORD=console
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN="${PGBIN:-$(find_bin)}"
if [[ -z "$BIN" && "$(id -u)" == 0 && "${1:-start}" != stop ]]; then
    # a fresh machine: install the server (Debian packages; output to stderr, not the eval)
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2
    BIN="$(find_bin)"
fi
if [[ -z "$BIN" || ! -x "$BIN/initdb" ]]; then
    echo "postgres.sh: no PostgreSQL server found (apt-get install -y postgresql)" >&2
    exit 1
fi

as_pg() {
    if [[ "$(id -u)" == 0 ]]; then
        su postgres -s /bin/bash -c "$*"
    else
        bash -c "$*"
    fi
}

if [[ "${1:-start}" == stop ]]; then
    if [[ -f "$PGTEST_DIR/data/postmaster.pid" ]]; then
        as_pg "'$BIN/pg_ctl' -D '$PGTEST_DIR/data' -m fast -w stop" >&2
    fi
    exit 0
fi

mkdir -p "$PGTEST_DIR"
if [[ "$(id -u)" == 0 ]]; then chown postgres: "$PGTEST_DIR"; fi
if [[ ! -f "$PGTEST_DIR/data/PG_VERSION" ]]; then
    as_pg "'$BIN/initdb' -D '$PGTEST_DIR/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$PGTEST_DIR/initdb.log' 2>&1"
fi
if ! as_pg "'$BIN/pg_ctl' -D '$PGTEST_DIR/data' status" >/dev/null 2>&1; then
    as_pg "'$BIN/pg_ctl' -D '$PGTEST_DIR/data' -l '$PGTEST_DIR/server.log' -w -t 60 start \
        -o \"-p $PGTEST_PORT -k $PGTEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off\"" >&2
fi
psql_() { as_pg "'$BIN/psql' -h '$PGTEST_DIR' -p $PGTEST_PORT -U postgres -v ON_ERROR_STOP=1 -qAt $*"; }
if [[ "$(psql_ "-c \"SELECT 1 FROM pg_roles WHERE rolname='$ROLE'\"")" != 1 ]]; then
    psql_ "-c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'\"" >&2
fi
# CREATEDB: the suite runs in parallel workers (pytest-xdist), each on a database of its own
# that tests/conftest.py creates beside this one (the tests drop and recreate a schema as they go)
psql_ "-c \"ALTER ROLE $ROLE CREATEDB\"" >&2
if [[ "$(psql_ "-c \"SELECT 1 FROM pg_database WHERE datname='$DB'\"")" != 1 ]]; then
    psql_ "-c \"CREATE DATABASE $DB OWNER $ROLE\"" >&2
fi
echo "export CONSOLE_TEST_POSTGRES_URL=postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PGTEST_PORT/$DB"
