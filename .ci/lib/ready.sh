# await_ready PID OUT [SECONDS]: waits for the server PID, started in the background with its stdout in the file OUT,
# to print its "ready: URL" line (as `ossaat serve` does), and prints URL. Fails (status 1, the reason on stderr) when
# PID ends first or SECONDS (default 120) pass. Sourced by the scripts that start a throw-away engine.
# shellcheck shell=bash
await_ready() {
  local pid="$1" out="$2" limit="${3:-120}" url
  local deadline=$((SECONDS + limit))
  while :; do
    url="$(sed -n 's/^ready: //p' "$out" 2>/dev/null | head -1)"
    [[ -n "$url" ]] && { echo "$url"; return 0; }
    kill -0 "$pid" 2>/dev/null || { echo "process $pid ended before it was ready" >&2; return 1; }
    (( SECONDS < deadline )) || { echo "process $pid was not ready in $limit s" >&2; return 1; }
    sleep 0.1
  done
}
