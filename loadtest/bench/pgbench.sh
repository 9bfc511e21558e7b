#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# PostgreSQL's own rate for the writes of one plan creation (a plan, 4 steps, 5 events in one transaction), on the
# engine's embedded PostgreSQL (fsync and synchronous_commit on) in a fresh data dir, from 16 connections:
#   sequenced  pgbench/plan.sql, with one more connection running sequencer passes (pgbench/sequence.sql) back to
#              back as the engine's event tailer does: the engine's writes since V5
#   statement  pgbench/plan-statement.sql: the same writes as sequenced in one statement, as the engine makes them
#              since #13 part B (one round trip instead of 12), with the same sequencer beside it
#   counter    pgbench/plan-counter.sql: the events numbered from the event_counter row in the writer's transaction,
#              as before V5
#   loadtest/bench/pgbench.sh [SECONDS] [CLIENTS]
# The engine runs idle meanwhile (it only started PostgreSQL and applied the migrations).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DURATION="${1:-30}" CLIENTS="${2:-16}"
HERE="$ROOT/loadtest/bench/pgbench"
ensure_built
OUT="$ROOT/loadtest/target/bench/pgbench-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
DATA="$(mktemp -d "${TMPDIR:-/tmp}/ossaat-bench-pgbench.XXXXXX")"
SEQUENCER=""
# shellcheck disable=SC2317 # called by the EXIT trap
finish() {
  if [[ -n "$SEQUENCER" ]]; then kill "$SEQUENCER" 2>/dev/null || true; fi
  bench_cleanup
  rm -rf "$DATA"
}
trap finish EXIT

start_server engine "$OUT/serve.out" "$ROOT/ossaat" serve --port 0 --data-dir "$DATA"
postgres_like_caller "$DATA"
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres
PGPORT="$(sed -n 4p "$DATA/pg/postmaster.pid")"
PGPASSWORD="$(cat "$DATA/pg-password")"
export PGPORT PGPASSWORD
psql -Atc "select 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit')
           || ' ' || version()" | tee "$OUT/settings.txt"

run() { # run NAME SCRIPT: CLIENTS connections for DURATION seconds; prints the plan transactions per second
  pgbench -n -M prepared -c "$CLIENTS" -j 2 -T "$DURATION" -f "$HERE/$2" >"$OUT/$1.txt" 2>&1
  awk -v name="$1" '/^tps = / {tps = $3} /latency average/ {lat = $4}
       END {printf "%-10s %8.0f plans/s  latency avg %s ms\n", name, tps, lat}' "$OUT/$1.txt"
}
# sequencer passes stop a little after the writers, so every event is numbered
pgbench -n -M prepared -c 1 -T "$((DURATION + 2))" -f "$HERE/sequence.sql" >"$OUT/sequencer.txt" 2>&1 &
SEQUENCER=$!
run sequenced plan.sql | tee "$OUT/summary.txt"
wait "$SEQUENCER"; SEQUENCER=""
awk '/^tps = / {printf "sequencer  %8.0f passes/s\n", $3}' "$OUT/sequencer.txt" | tee -a "$OUT/summary.txt"
psql -Atc "select 'events without a number after the run: ' || count(*) from events where seq is null" | tee -a "$OUT/summary.txt"
pgbench -n -M prepared -c 1 -T "$((DURATION + 2))" -f "$HERE/sequence.sql" >"$OUT/sequencer-statement.txt" 2>&1 &
SEQUENCER=$!
run statement plan-statement.sql | tee -a "$OUT/summary.txt"
wait "$SEQUENCER"; SEQUENCER=""
run counter plan-counter.sql | tee -a "$OUT/summary.txt"
echo "results in $OUT"
