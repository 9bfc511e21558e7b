#!/usr/bin/env bash
# The cluster fault test (engine/src/test/java/io/ossaat/engine/cluster/): three `ossaat serve` instances on the
# distribution's PostgreSQL 15 and redis-server under a mix of creates, approvals and SSE readers, through kill -9 of
# one instance, Redis stopped for 30 s and a PostgreSQL restart. Needs the packages postgresql-15 and redis-server
# (apt-get install postgresql-15 redis-server); where they are missing it says so and skips.
# Not in ./ossaat test: on 2026-12-01 it passed 7 of 8 runs; the 8th (fresh-clone .ci/run, 22:13 UTC) had two test
# steps reclaimed as "lease expired" after the PostgreSQL restart (issue 18 stays open until that is fixed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN="${OSSAAT_PG_BIN:-/usr/lib/postgresql/15/bin}"
REDIS_SERVER="${OSSAAT_REDIS_SERVER:-/usr/bin/redis-server}"
missing=()
[[ -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/initdb" ]] || missing+=("postgresql-15 (no $PG_BIN/pg_ctl)")
[[ -x "$REDIS_SERVER" ]] || missing+=("redis-server (no $REDIS_SERVER)")
if (( ${#missing[@]} )); then
  echo "cluster-test.sh: SKIPPED, not installed: ${missing[*]}."
  echo "cluster-test.sh: install them (apt-get install postgresql-15 redis-server) or set OSSAAT_PG_BIN / OSSAAT_REDIS_SERVER."
  exit 0
fi
cd "$ROOT"
exec ./mvnw -B -pl engine test -Pcluster -Dossaat.pg.bin="$PG_BIN" -Dossaat.redis.server="$REDIS_SERVER"
