# Shared by the benchmark scripts: the JDK, the jars, starting and stopping servers by PID, memory of a process tree.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
# shellcheck disable=SC2034 # used by the scripts that source this
JAVA="$JAVA_HOME/bin/java"
LOADTEST_JAR="$ROOT/loadtest/target/ossaat-loadtest.jar"
PIDS=()
# shellcheck source=SCRIPTDIR/../../.ci/lib/ready.sh
source "$ROOT/.ci/lib/ready.sh"

bench_cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  done
}

ensure_built() {
  "$ROOT/ossaat" --version >/dev/null # builds the engine when its sources changed
  if [[ ! -f "$LOADTEST_JAR" ]]; then (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl loadtest) >/dev/null; fi
}

# ensure_lean_built: the lean load client (loadtest/lean, Go standard library only) as $LEAN.
LEAN="$ROOT/loadtest/target/lean/ossaat-lean"
ensure_lean_built() {
  (cd "$ROOT/loadtest/lean" && GOTOOLCHAIN=local go build -o "$LEAN" .)
}

# start_server NAME OUTFILE CMD...: starts CMD in the background, waits for "ready: URL", sets SERVER_PID/SERVER_URL.
start_server() {
  local name="$1" out="$2"; shift 2
  "$@" >"$out" 2>"$out.err" &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  # shellcheck disable=SC2034 # used by the scripts that source this
  SERVER_URL="$(await_ready "$SERVER_PID" "$out" 90)" || { cat "$out.err" >&2; echo "$name did not start" >&2; exit 3; }
}

stop_pid() { # stop_pid PID: SIGTERM, wait for it to exit
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.25; done
  kill -9 "$1" 2>/dev/null || true
}

descendants() { # descendants PID: the PID and every process below it
  local p="$1" c
  echo "$p"
  for c in $(pgrep -P "$p" 2>/dev/null); do descendants "$c"; done
}

pss_kib() { # pss_kib PID...: summed proportional set size (shared pages split between their users), KiB
  local total=0 p v
  for p in "$@"; do
    v="$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)"
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

# postgres_like_caller DATA: gives the engine's PostgreSQL (data dir DATA/pg) the caller's CPU priority. pg_ctl starts
# the postmaster in a session of its own (setsid), and Linux schedules each session's autogroup fairly against the
# others before it looks at nice: without this, a measurement at nice -15 leaves the database one group among all
# the neighbours' (on the shared 2-core machine, creates waited seconds on it). Needs root for a negative nice.
postgres_like_caller() {
  local mine pm
  mine="$(sed -n 's/.* nice //p' /proc/self/autogroup 2>/dev/null)"
  [[ -n "$mine" ]] || return 0
  for pm in $(pgrep -f -- "-D $1/pg" 2>/dev/null); do
    echo "$mine" >"/proc/$pm/autogroup" 2>/dev/null || true
  done
}

# cpu_and_wait PID...: seconds on a CPU and seconds runnable but waiting for one, summed over the threads of the
# living PIDs (/proc/PID/task/*/schedstat): how much a process was starved, not how busy it was.
cpu_and_wait() {
  local p
  for p in "$@"; do cat /proc/"$p"/task/*/schedstat 2>/dev/null; done \
    | awk '{ run += $1; wait += $2 } END { printf "cpu %.1f s, waited for a cpu %.1f s\n", run / 1e9, wait / 1e9 }'
}
