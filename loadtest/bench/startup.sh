#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Engine start to "ready:" through the launcher (./ossaat serve --port 0), ROUNDS times each:
#   cold  a new data dir (initdb of the embedded PostgreSQL, Flyway migrations, a new token)
#   warm  a kept data dir
#   and both again with the JDK's AOT cache (-XX:AOTCache), trained once on a warm start that serves a few requests
#   (-XX:AOTCacheOutput). The PostgreSQL binaries are already extracted (~/.cache/ossaat/postgres): a machine's very
#   first start adds their extraction (about 10 s) and is not measured here.
#   loadtest/bench/startup.sh [ROUNDS=3]
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ROUNDS="${1:-3}"
ensure_built
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ossaat-bench-start.XXXXXX")"
trap 'bench_cleanup; rm -rf "$WORK"' EXIT
AOT="$WORK/app.aot"

time_to_ready() { # time_to_ready DATA_DIR [JAVA_OPTS]: seconds from launch to the ready line
  local t0 t1
  t0="$(date +%s.%N)"
  OSSAAT_JAVA_OPTS="${2:-}" start_server engine "$WORK/out" "$ROOT/ossaat" serve --port 0 --data-dir "$1"
  t1="$(date +%s.%N)"
  stop_pid "$SERVER_PID"
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}'
}

# prime the warm data dir, then train the AOT cache on a warm start with some traffic
time_to_ready "$WORK/warm" >/dev/null
OSSAAT_JAVA_OPTS="-XX:AOTCacheOutput=$AOT" start_server engine "$WORK/train.out" "$ROOT/ossaat" serve --port 0 --data-dir "$WORK/warm"
TOKEN="$(cat "$WORK/warm/token")"
for i in $(seq 1 50); do
  curl -fsS -o /dev/null -X POST "$SERVER_URL/v1/plans" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
       -H "Idempotency-Key: aot-$i" -d '{"goal":"train the AOT cache","inputs":{"patch":"--- /dev/null\\n+++ b/NEW.md\\n@@ -0,0 +1 @@\\n+aot\\n"}}'
  curl -fsS -o /dev/null "$SERVER_URL/v1/plans?limit=5" -H "Authorization: Bearer $TOKEN"
  curl -fsS -o /dev/null "$SERVER_URL/healthz"
done
curl -fsS -o /dev/null "$SERVER_URL/metrics"
stop_pid "$SERVER_PID"
[[ -s "$AOT" ]] || { echo "the training run wrote no AOT cache" >&2; exit 1; }
echo "AOT cache: $(du -h "$AOT" | cut -f1)" >&2

printf '%-8s %-8s %s\n' start aot seconds
for r in $(seq 1 "$ROUNDS"); do
  printf '%-8s %-8s %s\n' cold no "$(time_to_ready "$WORK/cold-$r")"
  printf '%-8s %-8s %s\n' warm no "$(time_to_ready "$WORK/warm")"
  printf '%-8s %-8s %s\n' cold yes "$(time_to_ready "$WORK/cold-aot-$r" "-XX:AOTCache=$AOT")"
  printf '%-8s %-8s %s\n' warm yes "$(time_to_ready "$WORK/warm" "-XX:AOTCache=$AOT")"
done
