#!/usr/bin/env bash
# Slows a running engine from the outside, to prove that the load gate fails when the engine is slow: the JVM is
# paused (SIGSTOP) for STOP_MS out of every PERIOD_MS and resumed (SIGCONT), until this script is stopped.
# No engine code changes; Postgres and Redis keep running. A pause of 40 ms every 200 ms puts roughly a fifth of
# the requests behind a pause of up to 40 ms, which pushes the create p95 well past 50 ms.
#   loadtest/slow-engine.sh ENGINE_PID [STOP_MS=40] [PERIOD_MS=200]
set -euo pipefail
PID="${1:?usage: slow-engine.sh ENGINE_PID [STOP_MS] [PERIOD_MS]}"
STOP_MS="${2:-40}"
PERIOD_MS="${3:-200}"
resume() { kill -CONT "$PID" 2>/dev/null || true; }
trap 'resume; exit 0' INT TERM EXIT
run_s="$(awk -v p="$PERIOD_MS" -v s="$STOP_MS" 'BEGIN { printf "%.3f", (p - s) / 1000 }')"
stop_s="$(awk -v s="$STOP_MS" 'BEGIN { printf "%.3f", s / 1000 }')"
while kill -0 "$PID" 2>/dev/null; do
  kill -STOP "$PID"
  sleep "$stop_s"
  kill -CONT "$PID"
  sleep "$run_s"
done
