#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs the smoke load gate RUNS times, each on a fresh engine (what loadtest/smoke.sh and .ci/run do), and appends
# one line per run to a TSV file: start time, load average before and after, seconds, exit status, create p95 and
# healthz p99 of the judged phase(s), the failure reason. Proves the gate both ways:
#   loadtest/bench/smoke-gate.sh 20 --hog --tsv runs.tsv           # a busy loop takes one core: expect passes
#   loadtest/bench/smoke-gate.sh 20 --slow 300 400 --tsv runs.tsv  # engine paused 300 ms of every 400 ms: expect failures
# --trace also records the engine's JFR (default settings, about 1 % overhead), GC log (with safepoints) and the CPU
# time the engine and its PostgreSQL got and waited for (cpu-wait.txt), and every half second PostgreSQL's
# background processes and any of its processes blocked on I/O (state D, kernel wait channel, CPU ticks:
# pg-activity.txt) per run.
# Each run's output, Gatling report name and per-second latencies (create plan, healthz) land in
# loadtest/target/bench/smoke-<time>/run-N/.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS="${1:?usage: smoke-gate.sh RUNS [--hog] [--slow STOP_MS PERIOD_MS] [--trace] [--tsv FILE]}"; shift
HOG=0 TRACE=0 SLOW=() TSV=""
while (( $# )); do
  case "$1" in
    --hog) HOG=1; shift ;;
    --trace) TRACE=1; shift ;;
    --slow) SLOW=("$2" "$3"); shift 3 ;;
    --tsv) TSV="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
ensure_built
OUT="$ROOT/loadtest/target/bench/smoke-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
TSV="${TSV:-$OUT/runs.tsv}"
[[ -s "$TSV" ]] || printf 'started\tload_before\tload_after\tcpu_pressure\tcondition\tseconds\texit\tcreate_p95\thealthz_p99\treason\n' >"$TSV"
CONDITION="fresh engine"
(( HOG )) && CONDITION="$CONDITION, busy loop on one core"
(( ${#SLOW[@]} )) && CONDITION="$CONDITION, paused ${SLOW[0]}/${SLOW[1]} ms"

HOG_PID="" SLOWER="" DATA=""
# shellcheck disable=SC2317 # called by the EXIT trap
finish() {
  for p in $SLOWER $HOG_PID; do kill "$p" 2>/dev/null || true; done
  bench_cleanup
  [[ -n "$DATA" ]] && rm -rf "$DATA"
}
trap finish EXIT
if (( HOG )); then
  bash -c 'while :; do :; done' &
  HOG_PID=$!
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
# share of the last 60 s in which some runnable task waited for a CPU (PSI), when the kernel reports it
cpu_pressure() { sed -n 's/^some .*avg60=\([0-9.]*\).*/\1 %/p' /proc/pressure/cpu 2>/dev/null || true; }

for i in $(seq 1 "$RUNS"); do
  RUN="$OUT/run-$i"
  mkdir -p "$RUN"
  DATA="$(mktemp -d "${TMPDIR:-/tmp}/ossaat-bench-smoke.XXXXXX")"
  started="$(date -u +%H:%M:%S)" before="$(load)" pressure="$(cpu_pressure)" t0="$(date +%s)"
  rm -f "$ROOT"/loadtest/target/ossaat/*-gate.txt
  opts="${OSSAAT_JAVA_OPTS:-}"
  (( TRACE )) && opts="$opts -Xlog:gc*,safepoint:file=$RUN/engine-gc.log:uptime -XX:StartFlightRecording=filename=$RUN/engine.jfr,settings=default"
  OSSAAT_JAVA_OPTS="$opts" start_server engine "$RUN/serve.out" "$ROOT/ossaat" serve --port 0 --data-dir "$DATA"
  ENGINE_PID="$SERVER_PID"
  postgres_like_caller "$DATA"
  if (( TRACE )); then
    # PostgreSQL's background work (autovacuum workers, checkpoints) by the second, to line up with per-second.txt
    # shellcheck disable=SC2016 # expanded by the inner shell
    bash -c 'while kill -0 "$1" 2>/dev/null; do
        for pm in $(pgrep -f -- "-D $2/pg"); do
          for c in $(pgrep -P "$pm"); do
            t="$(tr "\0" " " </proc/"$c"/cmdline 2>/dev/null | tr -s " ")"
            st="$(cut -d" " -f3 /proc/"$c"/stat 2>/dev/null)"
            case "$st $t" in D*|*autovacuum\ worker*|*checkpointer*|*walwriter*)
              echo "$(date -u +%T.%N | cut -c1-10) $c $st $(cat /proc/"$c"/wchan 2>/dev/null) $t $(cut -d" " -f14-15 /proc/"$c"/stat 2>/dev/null)" ;; esac
          done
        done
        sleep 0.5
      done' _ "$ENGINE_PID" "$DATA" >"$RUN/pg-activity.txt" 2>/dev/null &
  fi
  if (( ${#SLOW[@]} )); then
    "$ROOT/loadtest/slow-engine.sh" "$ENGINE_PID" "${SLOW[@]}" &
    SLOWER=$!
  fi
  set +e
  OSSAAT_TOKEN="$(cat "$DATA/token")" "$ROOT/ossaat" loadtest --url "$SERVER_URL" --profile smoke >"$RUN/loadtest.txt" 2>&1
  rc=$?
  set -e
  if [[ -n "$SLOWER" ]]; then kill "$SLOWER" 2>/dev/null || true; wait "$SLOWER" 2>/dev/null || true; SLOWER=""; fi
  if (( TRACE )); then
    { echo "engine JVM: $(cpu_and_wait "$ENGINE_PID")"
      # shellcheck disable=SC2046 # one PID per word
      echo "PostgreSQL (live processes): $(cpu_and_wait $(for pm in $(pgrep -f -- "-D $DATA/pg"); do descendants "$pm"; done))"
    } >"$RUN/cpu-wait.txt"
  fi
  stop_pid "$ENGINE_PID"
  PIDS=()
  rm -rf "$DATA"; DATA=""
  secs=$(( $(date +%s) - t0 ))
  cp "$ROOT"/loadtest/target/ossaat/*-gate.txt "$RUN/" 2>/dev/null || true
  sed -n 's|^Reports generated.*file://\(.*simulation[^/]*\)/index.html|\1|p' "$RUN/loadtest.txt" | while read -r report; do
    case "$report" in
      *planapisimulation*) python3 "$ROOT/loadtest/bench/per-second.py" "$report" "create plan" ;;
      *) python3 "$ROOT/loadtest/bench/per-second.py" "$report" healthz ;;
    esac
  done >"$RUN/per-second.txt" 2>&1
  p95="$(grep -E '^judged / create plan: 95th' "$RUN/loadtest.txt" | grep -oE 'actual : [0-9.]+' | sed 's/.*actual : //' | paste -sd/ -)"
  p99="$(grep -E '^judged / healthz: 99th' "$RUN/loadtest.txt" | grep -oE 'actual : [0-9.]+' | sed 's/.*actual : //' | paste -sd/ -)"
  reason="$(sed -n 's/^ossaat: loadtest FAILED: //p' "$RUN/loadtest.txt" | tail -1)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$started" "$before" "$(load)" "${pressure:--}" "$CONDITION" "$secs" "$rc" \
    "${p95:--}" "${p99:--}" "${reason:-passed}" | tee -a "$TSV"
done
echo "results in $OUT and $TSV"
