#!/usr/bin/env bash
# The cluster fault test (engine/src/test/java/io/ossaat/engine/cluster/): three `ossaat serve` instances on the
# distribution's PostgreSQL 15 and redis-server under a mix of creates, approvals and SSE readers, through kill -9 of
# one instance, Redis stopped for 30 s and a PostgreSQL restart. `./ossaat test` runs it (.ci/tests.d/cluster.sh);
# where a package is missing it says so and skips. The servers it starts listen on free ports with folders of their
# own, so a distribution service that apt may have started (PostgreSQL on 5432, Redis on 6379) is not in the way.
# A failed run keeps every engine's and PostgreSQL's log in engine/target/cluster-diagnostics/.
# With the sweep fix (42fd4e2) every run that reached the PostgreSQL restart passed (21 of 21, 2026-12-01/02, load average
# 5–60; see docs/operations.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN="${OSSAAT_PG_BIN:-/usr/lib/postgresql/15/bin}"
REDIS_SERVER="${OSSAAT_REDIS_SERVER:-/usr/bin/redis-server}"
missing=()
[[ -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/initdb" ]] || missing+=("postgresql-15 (no $PG_BIN/pg_ctl)")
[[ -x "$REDIS_SERVER" ]] || missing+=("redis-server (no $REDIS_SERVER)")
if (( ${#missing[@]} )); then
  echo "cluster-test.sh: SKIPPED, not installed: ${missing[*]}; apt-get install postgresql-15 redis-server, or set" \
    "OSSAAT_PG_BIN / OSSAAT_REDIS_SERVER."
  exit 0
fi
cd "$ROOT"
exec ./mvnw -B -pl engine test -Pcluster -Dossaat.pg.bin="$PG_BIN" -Dossaat.redis.server="$REDIS_SERVER"
