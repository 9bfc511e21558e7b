#!/usr/bin/env bash
# The smoke load gate: starts a throwaway engine (embedded Postgres + Redis in a temp data dir, a free port),
# runs ./ossaat loadtest --profile smoke against it, stops the engine by its PID and removes the data dir.
# Exit status: that of the load test (1 with a one-line reason on a breach), 3 when the engine does not start.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
READY_TIMEOUT="${OSSAAT_SMOKE_READY_TIMEOUT:-180}"
# shellcheck source=SCRIPTDIR/../.ci/lib/ready.sh
source "$ROOT/.ci/lib/ready.sh"

DATA="$(mktemp -d "${TMPDIR:-/tmp}/ossaat-smoke.XXXXXX")"
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$PID" 2>/dev/null && kill -9 "$PID" 2>/dev/null
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

# The launcher execs java, so $! is the engine's JVM; SIGTERM runs its shutdown hook (Postgres and Redis too).
"$ROOT/ossaat" serve --port 0 --data-dir "$DATA" >"$DATA/serve.out" 2>"$DATA/serve.err" &
PID=$!

if ! URL="$(await_ready "$PID" "$DATA/serve.out" "$READY_TIMEOUT")"; then
  tail -20 "$DATA/serve.err" >&2
  echo "smoke: the engine did not start" >&2
  exit 3
fi
echo "smoke: engine ready at $URL (pid $PID)" >&2

OSSAAT_TOKEN="$(cat "$DATA/token")" "$ROOT/ossaat" loadtest --url "$URL" --profile smoke "$@"
