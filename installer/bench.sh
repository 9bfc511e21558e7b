#!/usr/bin/env bash
# The packaged app's start, with and without its AOT caches, ROUNDS times each:
#   serve  the launcher `ossaat serve --port 0` to its `ready:` line, warm (a kept data dir)
#   frame  the launcher `ossaat-console --snapshot` under Xvfb to its first frame (the console's own
#          "first frame N ms after the JVM started" line)
# Without the caches = a copy of the app-image whose launcher options lack -XX:AOTCache. Run after ./ossaat package.
#   installer/bench.sh [APP_IMAGE=installer/target/app/ossaat] [ROUNDS=3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="${1:-$ROOT/installer/target/app/ossaat}"
ROUNDS="${2:-3}"
[[ -x "$APP/bin/ossaat" ]] || { echo "no app-image at $APP (./ossaat package first)" >&2; exit 1; }
WORK="$(mktemp -d)"
PID=""
trap '[[ -n "$PID" ]] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

cp -a "$APP" "$WORK/noaot"
sed -i '/-XX:AOTCache=/d' "$WORK/noaot/lib/app/"*.cfg

serve_to_ready() { # $1 = app-image: seconds from launch to the ready line, warm
  local t0 t1
  rm -f "$WORK/serve.out"   # the last run's ready line must not end this one's wait
  t0="$(date +%s.%N)"
  "$1/bin/ossaat" serve --port 0 --data-dir "$WORK/data" >"$WORK/serve.out" 2>"$WORK/serve.err" &
  PID=$!
  until grep -qs '^ready: ' "$WORK/serve.out"; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; exit 1; }
    sleep 0.01
  done
  t1="$(date +%s.%N)"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}'
}

first_frame() { # $1 = app-image: seconds from the JVM's start to the console's first frame
  rm -rf "$WORK/snapshots"
  xvfb-run -a -s '-screen 0 1280x800x24' "$1/bin/ossaat-console" --snapshot "$WORK/snapshots" 2>&1 \
    | sed -n 's/^first frame \([0-9]*\) ms.*/\1/p' | awk '{printf "%.2f", $1 / 1000}'
}

serve_to_ready "$APP" >/dev/null   # makes the warm data dir
printf '%-6s %-4s %s\n' what aot seconds
for _ in $(seq 1 "$ROUNDS"); do
  printf '%-6s %-4s %s\n' serve no "$(serve_to_ready "$WORK/noaot")"
  printf '%-6s %-4s %s\n' serve yes "$(serve_to_ready "$APP")"
done
if command -v xvfb-run >/dev/null; then
  for _ in $(seq 1 "$ROUNDS"); do
    printf '%-6s %-4s %s\n' frame no "$(first_frame "$WORK/noaot")"
    printf '%-6s %-4s %s\n' frame yes "$(first_frame "$APP")"
  done
fi
