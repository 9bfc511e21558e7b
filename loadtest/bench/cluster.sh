#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The plan API mix (budget profile, --mix full) against N engines on one external PostgreSQL 15 and redis-server
# (the distribution's packages), the requests spread round-robin over the engines (--url A,B,C). Prints Gatling's
# table and the CPU seconds the engines, PostgreSQL, Redis and the load generator used during the run.
#   loadtest/bench/cluster.sh N [--rate R] [--warmup S] [--judged S]
# Run it as root at high priority under the measurement lock:
#   flock /work/measure.lock nice -n -15 ionice -c2 -n0 loadtest/bench/cluster.sh 3 --rate 300
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
N="${1:?usage: cluster.sh N [--rate R] [--warmup S] [--judged S]}"; shift
ARGS=(--mix full)
while (( $# )); do
  case "$1" in
    --rate|--warmup|--judged) ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
ensure_built
OUT="$ROOT/loadtest/target/bench/cluster-$N-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ossaat-bench-cluster.XXXXXX")"
chmod 755 "$WORK"
REDIS_PID=""
# shellcheck disable=SC2317 # called by the EXIT trap
finish() {
  bench_cleanup
  [[ -n "$REDIS_PID" ]] && stop_pid "$REDIS_PID"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap finish EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PG_PORT="$(port)" REDIS_PORT="$(port)"
mkdir "$WORK/pg" && chown postgres: "$WORK/pg"
runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
TOKEN_FILE="$WORK/token"
(umask 077; echo "oss_$(openssl rand -hex 32)" >"$TOKEN_FILE")

URLS=() ENGINES=()
for i in $(seq 1 "$N"); do
  start_server "engine-$i" "$OUT/engine-$i.out" "$ROOT/ossaat" serve --port 0 --data-dir "$WORK/engine-$i" \
    --db-url "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres" --redis-url "redis://127.0.0.1:$REDIS_PORT" \
    --token-file "$TOKEN_FILE"
  URLS+=("$SERVER_URL") ENGINES+=("$SERVER_PID")
done
echo "engines: ${URLS[*]}" | tee "$OUT/engines.txt"

pg_pids() { pgrep -f -- "-D $WORK/pg" | while read -r pm; do descendants "$pm"; done; }
cpu_ticks() { # cpu_ticks PID...: user+system clock ticks of these processes (alive ones)
  local total=0 p t
  for p in "$@"; do
    t="$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)"
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
snapshot() { # snapshot FILE: ticks of the engines, PostgreSQL (postmaster and backends), Redis, all processes
  # shellcheck disable=SC2046 # one PID per word
  echo "$(cpu_ticks $(for p in "${ENGINES[@]}"; do descendants "$p"; done)) $(cpu_ticks $(pg_pids)) \
$(cpu_ticks "$REDIS_PID") $(awk '/^cpu / {print $2+$3+$4+$6+$7+$8}' /proc/stat)" >"$1"
}
uptime | tee "$OUT/uptime-before.txt"
snapshot "$OUT/cpu-before.txt"
start=$(date +%s)
set +e
OSSAAT_TOKEN="$(cat "$TOKEN_FILE")" "$ROOT/ossaat" loadtest --url "$(IFS=,; echo "${URLS[*]}")" --profile budget \
  --simulation plan-api "${ARGS[@]}" 2>&1 | tee "$OUT/loadtest.txt"
rc="${PIPESTATUS[0]}"
set -e
snapshot "$OUT/cpu-after.txt"
secs=$(( $(date +%s) - start ))
python3 "$ROOT/loadtest/bench/gatling-stats.py" >"$OUT/gatling-stats.txt" && cat "$OUT/gatling-stats.txt"
# PostgreSQL backends come and go; the pool keeps them, so the before/after difference holds
read -r e0 p0 r0 a0 <"$OUT/cpu-before.txt"
read -r e1 p1 r1 a1 <"$OUT/cpu-after.txt"
hz=$(getconf CLK_TCK)
awk -v s="$secs" -v hz="$hz" -v e=$((e1 - e0)) -v p=$((p1 - p0)) -v r=$((r1 - r0)) -v a=$((a1 - a0)) 'BEGIN {
  printf "CPU over the %d s run (2 cores = %d core-s): engines %.0f s, PostgreSQL %.0f s, Redis %.0f s, whole machine %.0f s (%.0f %%)\n",
    s, 2 * s, e / hz, p / hz, r / hz, a / hz, 100 * a / hz / (2 * s) }' | tee "$OUT/cpu.txt"
uptime | tee "$OUT/uptime-after.txt"
echo "results in $OUT"
exit "$rc"
