#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks.
#
#   eval "$(scripts/pg-test-cluster.sh start)"   # prints DATABASE_URL=... and PG_TEST_CLUSTER_DIR=...
#   scripts/pg-test-cluster.sh stop "$PG_TEST_CLUSTER_DIR"
#
# The cluster lives in a new temporary directory, listens on 127.0.0.1 only (plus a Unix socket inside
# that directory) on a free port, trusts connections from loopback only, and keeps fsync on so crash
# tests exercise real durability. Run as root it runs the server as the `postgres` user (PostgreSQL
# refuses to run as root). Binaries: $PG_BIN, else `pg_config --bindir`, else the newest
# /usr/lib/postgresql/*/bin. Exit code 3 means PostgreSQL is not installed.
set -euo pipefail

find_bin() {
  if [[ -n "${PG_BIN:-}" && -x "$PG_BIN/initdb" ]]; then echo "$PG_BIN"; return; fi
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir)"
    if [[ -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  return 1
}

# Runs a PostgreSQL binary as the cluster's owner.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  local bin dir port
  if ! bin="$(find_bin)"; then
    echo "pg-test-cluster: PostgreSQL binaries not found (apt-get install -y postgresql, or set PG_BIN)" >&2
    exit 3
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/reglament-pg.XXXXXX")"
  if [[ "$(id -u)" == 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then echo "pg-test-cluster: running as root needs a 'postgres' user" >&2; exit 3; fi
    chown postgres: "$dir"
  fi
  as_owner "$bin/initdb" -D "$dir/data" --username=reglament --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # Trust only the local socket and loopback: nothing else can reach the server anyway.
  as_owner tee "$dir/data/pg_hba.conf" >/dev/null <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA
  port="$(free_port)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=on -c max_connections=300" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U reglament reglament
  echo "DATABASE_URL=postgres://reglament@127.0.0.1:$port/reglament"
  echo "PG_TEST_CLUSTER_DIR=$dir"
}

stop() {
  local dir="${1:-${PG_TEST_CLUSTER_DIR:-}}" bin
  if [[ -z "$dir" || ! -f "$dir/data/PG_VERSION" ]]; then
    echo "pg-test-cluster: usage: $0 stop CLUSTER_DIR (the PG_TEST_CLUSTER_DIR printed by start)" >&2
    exit 2
  fi
  bin="$(find_bin)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf -- "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop CLUSTER_DIR" >&2; exit 2 ;;
esac
