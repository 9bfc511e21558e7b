#!/usr/bin/env bash
# How long the SLO detail page takes from asking the engine for a range to the drawn charts, per range, on the
# month of history SloDetailUiTest generates through a real engine (HistoryEngine). Run it under the measurement
# lock at high priority, e.g.  flock /work/measure.lock nice -n -15 ionice -c2 -n0 console-ui/bench/slo-detail.sh
# Prints the load average first and the console's own log lines
#   slo detail plan-lookups 30d: 580 points, drawn in X ms, Y ms after it was asked for
set -euo pipefail
cd "$(dirname "$0")/../.."
uptime
./mvnw -B -q -o test -pl console-ui -Dtest='SloDetailUiTest#everyRange*' -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
grep -h "slo detail plan-lookups" console-ui/target/surefire-reports/io.ossaat.console.history.SloDetailUiTest-output.txt
