#!/usr/bin/env bash
# Runs the k6 performance budget against a running engine and gates on it, the way the workflow does:
#   1. thresholds.json from the SLO file (the loadtest module's derivation, the same as Gatling's);
#   2. per scenario (plan-api, then health): the unjudged warm-up; a snapshot of the engine's good/total counts;
#      the judged phase with the thresholds; another snapshot; the engine-side gate on the difference.
# Needs k6 on PATH (the workflow installs it; ossaat never depends on it) and the built loadtest jar.
#   OSSAAT_URL=http://127.0.0.1:7070 OSSAAT_TOKEN=... loadtest/k6/run.sh [budget|smoke|soak]
# Exits 1 with a one-line reason when a k6 threshold or the gate fails; summaries land in $OUT (default
# loadtest/target/k6).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PROFILE="${1:-budget}"
URL="${OSSAAT_URL:?set OSSAAT_URL}"
OUT="${OUT:-$ROOT/loadtest/target/k6}"
JAR="$ROOT/loadtest/target/ossaat-loadtest.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SCRIPT="$ROOT/loadtest/k6/performance-budget.js"
mkdir -p "$OUT"

"$JAVA" -jar "$JAR" thresholds --profile "$PROFILE" --out "$OUT/thresholds.json"
failed=""
for scenario in plan-api health; do
  common=(-e "OSSAAT_URL=$URL" -e "THRESHOLDS=$OUT/thresholds.json" -e "SCENARIO=$scenario")
  k6 run --quiet "${common[@]}" -e PHASE=warmup -e "SUMMARY=$OUT/$scenario-warmup-summary.json" "$SCRIPT" >/dev/null
  "$JAVA" -jar "$JAR" snapshot --url "$URL" --out "$OUT/$scenario-before.json"
  if ! k6 run "${common[@]}" -e PHASE=judged -e "SUMMARY=$OUT/$scenario-judged-summary.json" "$SCRIPT" \
       | tee "$OUT/$scenario-judged.txt"; then
    failed="${failed:-$scenario: a k6 threshold failed: $(grep -m1 -E '✗' "$OUT/$scenario-judged.txt" || echo "see $scenario-judged.txt")}"
  fi
  "$JAVA" -jar "$JAR" snapshot --url "$URL" --out "$OUT/$scenario-after.json"
  if ! "$JAVA" -jar "$JAR" judge --before "$OUT/$scenario-before.json" --after "$OUT/$scenario-after.json" \
       --profile "$PROFILE" | tee "$OUT/$scenario-gate.txt"; then
    failed="${failed:-$scenario: engine-side $(grep -m1 '^gate: ' "$OUT/$scenario-gate.txt")}"
  fi
done
if [[ -n "$failed" ]]; then echo "performance budget FAILED: $failed" >&2; exit 1; fi
echo "performance budget met (profile $PROFILE)"
