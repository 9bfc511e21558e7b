#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The plan-creation budget on a fresh engine: ./ossaat loadtest --profile budget --simulation plan-api, with the
# engine's memory sampled every 2 s (PSS of the JVM, and of the JVM with Redis and every PostgreSQL process, heap used from
# /metrics), jstat's GC view, optionally a JFR recording and an artificially slowed engine.
# CPU of the engine, its PostgreSQL and the load generator is sampled every second (cpu.py): cpu.txt, and per create
# of the judged phase in cpu-summary.txt.
#   loadtest/bench/budget.sh [--client gatling|lean] [--mix create|full] [--rate N] [--warmup S] [--judged S] [--jfr]
#                            [--slow STOP_MS PERIOD_MS]
# --client lean runs the lean Go client (loadtest/lean, creates only: no --mix full) instead of Gatling: the same
# creates, keys and 2 watchers at a fraction of Gatling's CPU; its warm-up is the ramp alone (no "until stable").
# Everything lands in loadtest/target/bench/budget-<time>/; the exit status is the load gate's (lean: its SLO verdict).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ARGS=() JFR=0 SLOW=() CLIENT=gatling RATE=500 WARMUP=30 JUDGED=60
while (( $# )); do
  case "$1" in
    --client) CLIENT="$2"; shift 2 ;;
    --jfr) JFR=1; shift ;;
    --slow) SLOW=("$2" "$3"); shift 3 ;;
    --mix|--rate|--warmup|--judged)
      ARGS+=("$1" "$2")
      case "$1" in --rate) RATE="$2" ;; --warmup) WARMUP="$2" ;; --judged) JUDGED="$2" ;; --mix) [[ "$2" == create ]] || MIX_FULL=1 ;; esac
      shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$CLIENT" in
  gatling) ;;
  lean) [[ -z "${MIX_FULL:-}" ]] || { echo "--client lean only creates: no --mix full" >&2; exit 2; } ;;
  *) echo "--client is gatling or lean, not $CLIENT" >&2; exit 2 ;;
esac
ensure_built
[[ "$CLIENT" == lean ]] && ensure_lean_built
OUT="$ROOT/loadtest/target/bench/budget-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
DATA="$(mktemp -d "${TMPDIR:-/tmp}/ossaat-bench-budget.XXXXXX")"
SAMPLER="" JSTAT="" SLOWER="" CPU="" LOADGEN=""
# shellcheck disable=SC2317 # called by the EXIT trap
finish() {
  for p in $SAMPLER $JSTAT $SLOWER $CPU $LOADGEN; do kill "$p" 2>/dev/null || true; done
  bench_cleanup
  rm -rf "$DATA"
}
trap finish EXIT

start_server engine "$OUT/serve.out" "$ROOT/ossaat" serve --port 0 --data-dir "$DATA"
ENGINE_PID="$SERVER_PID" URL="$SERVER_URL"
postgres_like_caller "$DATA"
echo "engine $URL pid $ENGINE_PID" | tee "$OUT/engine.txt"

# PostgreSQL runs daemonized (pg_ctl), not below the JVM: find its postmaster by the data dir, then its backends.
pg_pids() {
  local pm
  for pm in $(pgrep -f -- "-D $DATA/pg" 2>/dev/null); do descendants "$pm"; done | sort -u
}
( echo "epoch jvm_pss_kib all_pss_kib heap_used_bytes"
  while kill -0 "$ENGINE_PID" 2>/dev/null; do
    heap="$(curl -fsS "$URL/metrics" 2>/dev/null | awk '$1 == "ossaat_jvm_heap_used_bytes" {printf "%.0f", $2}')"
    # shellcheck disable=SC2046 # one PID per word
    echo "$(date +%s) $(pss_kib "$ENGINE_PID") $(pss_kib $( (descendants "$ENGINE_PID"; pg_pids) | sort -u)) ${heap:-0}"
    sleep 2
  done ) >"$OUT/memory.txt" &
SAMPLER=$!
"$JAVA_HOME/bin/jstat" -gc -t "$ENGINE_PID" 5000 >"$OUT/jstat.txt" 2>&1 &
JSTAT=$!
if (( JFR )); then
  "$JAVA_HOME/bin/jcmd" "$ENGINE_PID" JFR.start name=budget settings=profile filename="$OUT/engine.jfr" >/dev/null
fi
if (( ${#SLOW[@]} )); then
  "$ROOT/loadtest/slow-engine.sh" "$ENGINE_PID" "${SLOW[@]}" &
  SLOWER=$!
  echo "engine slowed: paused ${SLOW[0]} ms of every ${SLOW[1]} ms" | tee -a "$OUT/engine.txt"
fi

# The load generator runs in the background so that its CPU can be sampled; its output shows as it comes.
: >"$OUT/loadtest.txt"
if [[ "$CLIENT" == lean ]]; then
  "$JAVA" -jar "$LOADTEST_JAR" thresholds --profile budget --out "$OUT/thresholds.json"
  OSSAAT_TOKEN="$(cat "$DATA/token")" "$LEAN" --url "$URL" --rate "$RATE" --warmup "$WARMUP" --judged "$JUDGED" \
    --thresholds "$OUT/thresholds.json" --per-second "$OUT/per-second.tsv" >"$OUT/loadtest.txt" 2>&1 &
else
  OSSAAT_TOKEN="$(cat "$DATA/token")" "$ROOT/ossaat" loadtest --url "$URL" --profile budget --simulation plan-api \
    ${ARGS[@]+"${ARGS[@]}"} >"$OUT/loadtest.txt" 2>&1 &
fi
LOADGEN=$!
python3 "$ROOT/loadtest/bench/cpu.py" sample "$OUT/cpu.txt" "$ENGINE_PID" "$LOADGEN" "$DATA/pg" &
CPU=$!
tail -n +1 --pid="$LOADGEN" -f "$OUT/loadtest.txt"
set +e
wait "$LOADGEN"
rc=$?
set -e
LOADGEN=""
kill "$CPU" 2>/dev/null || true
if [[ -n "$SLOWER" ]]; then kill "$SLOWER" 2>/dev/null || true; wait "$SLOWER" 2>/dev/null || true; SLOWER=""; fi
if (( JFR )); then "$JAVA_HOME/bin/jcmd" "$ENGINE_PID" JFR.stop name=budget >/dev/null; fi
"$JAVA_HOME/bin/jcmd" "$ENGINE_PID" GC.heap_info >"$OUT/heap_info.txt" 2>&1 || true
# PostgreSQL's own counters since it started (the engine's start, then the whole load run): commits, WAL flushes,
# checkpoints, sequencer passes that numbered something (event_counter updates)
PGPASSWORD="$(cat "$DATA/pg-password")" psql -h 127.0.0.1 -p "$(sed -n 4p "$DATA/pg/postmaster.pid")" -U postgres -d postgres -Atc "
  select 'postgres over the run: ' || (select xact_commit from pg_stat_database where datname = 'postgres') || ' commits, '
      || (select sum(fsyncs) from pg_stat_io where object = 'wal') || ' WAL fsyncs, '
      || (select pg_size_pretty(wal_bytes) || ' WAL, ' || wal_fpi || ' full-page images' from pg_stat_wal) || ', '
      || (select num_timed + num_requested from pg_stat_checkpointer) || ' checkpoints, '
      || (select n_tup_upd from pg_stat_user_tables where relname = 'event_counter') || ' sequencer passes that numbered events'" \
  2>&1 | tee "$OUT/pg-stats.txt" || true
if [[ "$CLIENT" == lean ]]; then
  read -r from to < <(sed -n 's/^lean: judged window (epoch ms): //p' "$OUT/loadtest.txt") || true
  creates="$(sed -n 's/^lean: judged .*: \([0-9]*\) creates intended.*/\1/p' "$OUT/loadtest.txt")"
else
  cp "$ROOT"/loadtest/target/ossaat/plan-api-*-gate.txt "$OUT/" 2>/dev/null || true
  python3 "$ROOT/loadtest/bench/gatling-stats.py" >"$OUT/gatling-stats.txt" && cat "$OUT/gatling-stats.txt"
  # the judged seconds of Gatling's per-second chart (UTC times of today's run) and their creates
  read -r from to creates < <(python3 "$ROOT/loadtest/bench/per-second.py" | awk -v day="$(date -u +%F)" '
    $3 == "judged" { cmd = "date -u -d \"" day " " $2 "\" +%s"; cmd | getline t; close(cmd)
                     if (!first) first = t; last = t; n += $4 }
    END { printf "%.0f %.0f %d\n", first * 1000, last * 1000 + 999, n }') || true
fi
python3 "$ROOT/loadtest/bench/cpu.py" split "$OUT/cpu.txt" "${from:-0}" "${to:-0}" "${creates:-0}" 2>&1 | tee "$OUT/cpu-summary.txt" || true
awk 'NR > 1 && $2 > 0 {n++; j += $2; t += $3; h += $4; if ($2 > jm) jm = $2; if ($3 > tm) tm = $3; if ($4 > hm) hm = $4}
     END {printf "memory over %d samples: JVM PSS avg %.0f MiB max %.0f MiB; JVM+PostgreSQL+Redis PSS avg %.0f MiB max %.0f MiB; heap used avg %.0f MiB max %.0f MiB\n",
          n, j/n/1024, jm/1024, t/n/1024, tm/1024, h/n/1048576, hm/1048576}' "$OUT/memory.txt" | tee "$OUT/memory-summary.txt"
echo "results in $OUT"
exit "$rc"
