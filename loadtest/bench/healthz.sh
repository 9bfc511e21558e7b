#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# /healthz throughput of the engine as a ratio to a bare Helidon hello-world (loadtest HelloWorld), measured with
# wrk in one run, alternating engine and hello-world so that a neighbour's load hits both alike.
#   [WARMUP=10s] loadtest/bench/healthz.sh [ROUNDS=3] [DURATION=15s] [CONNECTIONS=32] [THREADS=1]
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ROUNDS="${1:-3}" DURATION="${2:-15s}" CONNECTIONS="${3:-32}" THREADS="${4:-1}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 2; }
ensure_built
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ossaat-bench-healthz.XXXXXX")"
trap 'bench_cleanup; rm -rf "$WORK"' EXIT

start_server hello "$WORK/hello.out" "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$LOADTEST_JAR" hello --port 0
HELLO="$SERVER_URL"
start_server engine "$WORK/engine.out" "$ROOT/ossaat" serve --port 0 --data-dir "$WORK/data"
ENGINE="$SERVER_URL"

run_wrk() { # prints requests/s and p99 (ms)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency "$2/healthz" >"$WORK/wrk.txt"
  local rps p99
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")"
  echo "$rps $p99"
}
WARMUP="${WARMUP:-10s}"
echo "warm-up: $WARMUP each" >&2
run_wrk "$WARMUP" "$HELLO" >/dev/null
run_wrk "$WARMUP" "$ENGINE" >/dev/null
printf '%-6s %14s %10s %14s %10s %7s\n' round hello_rps hello_p99 engine_rps engine_p99 ratio
for r in $(seq 1 "$ROUNDS"); do
  read -r hr hp < <(run_wrk "$DURATION" "$HELLO")
  read -r er ep < <(run_wrk "$DURATION" "$ENGINE")
  printf '%-6s %14s %10s %14s %10s %7s\n' "$r" "$hr" "$hp" "$er" "$ep" "$(awk -v e="$er" -v h="$hr" 'BEGIN {printf "%.3f", e / h}')"
  echo "$hr $er" >>"$WORK/rounds"
done
sort -n -k1 "$WORK/rounds" | awk '{h[NR]=$1} END {print h[int((NR+1)/2)]}' >"$WORK/h"
sort -n -k2 "$WORK/rounds" | awk '{e[NR]=$2} END {print e[int((NR+1)/2)]}' >"$WORK/e"
awk -v h="$(cat "$WORK/h")" -v e="$(cat "$WORK/e")" 'BEGIN {printf "median: hello %.0f req/s, engine %.0f req/s, ratio %.3f (goal >= 0.85)\n", h, e, e / h}'
