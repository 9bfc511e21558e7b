#!/usr/bin/env bash
# Builds the engine's image offline and runs it without a container runtime: the base from base-image.sh, the
# image with Jib (jib:buildTar), then the image's layers unpacked into a root file system and its own entrypoint,
# command, environment and user run under chroot, against the distribution's PostgreSQL 15 and redis-server.
# Passes when /healthz and /readyz answer 200, the process runs as uid 65532, and the API answers with the token
# the engine made in its data dir. Needs root (debootstrap, chroot). About 5 minutes; not part of ./ossaat test.
#   deploy/image/check.sh [BASE.tar]      reuse a base image built before
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
BASE="${1:-$ROOT/engine/target/base-image.tar}"
PG_BIN=/usr/lib/postgresql/15/bin
if [[ -z "${IMAGE:-}" ]]; then   # IMAGE=jib-image.tar: check an image built before
  [[ -f "$BASE" ]] || "$ROOT/deploy/image/base-image.sh" "$BASE"
  (cd "$ROOT" && ./mvnw -B -q -pl engine -am package -DskipTests jib:buildTar -Djib.from.image="tar://$BASE")
  IMAGE="$ROOT/engine/target/jib-image.tar"
fi
echo "check: built $IMAGE ($(du -h "$IMAGE" | cut -f1))"

work="$(mktemp -d)"
chmod 755 "$work"   # the postgres user enters it
engine_pid="" redis_pid=""
cleanup() { # every step runs whatever the one before returned (the engine exits 143 on SIGTERM)
  set +e
  [[ -n "$engine_pid" ]] && kill "$engine_pid" 2>/dev/null && wait "$engine_pid" 2>/dev/null
  [[ -n "$redis_pid" ]] && kill "$redis_pid" 2>/dev/null
  [[ -d "$work/pg" ]] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/image" "$work/rootfs"
tar -C "$work/image" -xf "$IMAGE"
config="$work/image/$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["Config"])' "$work/image/manifest.json")"
for l in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/image/manifest.json"); do
  tar --warning=no-unknown-keyword -C "$work/rootfs" -xf "$work/image/$l"   # Jib's layers are gzipped; tar finds out
done
read -r user < <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"]["User"])' "$config")
[[ "$user" == 65532:65532 ]] || { echo "check: the image runs as '$user', not 65532:65532" >&2; exit 1; }

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PG_PORT=$(port) REDIS_PORT=$(port) HTTP_PORT=$(port)
mkdir "$work/pg" && chown postgres: "$work/pg"
runuser -u postgres -- "$PG_BIN/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w \
  -o "-p $PG_PORT -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null & redis_pid=$!

# the image's entrypoint and command as a runtime would start them, with the cluster settings as env
mapfile -t argv < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["config"]; [print(a) for a in c["Entrypoint"]+c["Cmd"]]' "$config")
mapfile -t envv < <(python3 -c 'import json,sys; [print(e) for e in json.load(open(sys.argv[1]))["config"].get("Env",[])]' "$config")
unshare --mount --fork sh -c 'mount -t proc proc "$1/proc" && mount --bind /dev "$1/dev" && shift && exec "$@"' _ "$work/rootfs" \
  env -i "${envv[@]}" OSSAAT_PORT="$HTTP_PORT" OSSAAT_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres" \
  OSSAAT_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
  chroot --userspec=65532:65532 "$work/rootfs" "${argv[@]/--port=7070/--port=$HTTP_PORT}" >"$work/engine.log" 2>&1 &
engine_pid=$!
for _ in $(seq 1 120); do
  grep -q '^ready: ' "$work/engine.log" && break
  kill -0 "$engine_pid" 2>/dev/null || { cat "$work/engine.log" >&2; exit 1; }
  sleep 1
done
grep '^ready: ' "$work/engine.log"
curl -fsS "http://127.0.0.1:$HTTP_PORT/healthz"; echo
curl -fsS "http://127.0.0.1:$HTTP_PORT/readyz"; echo
uid=$(ps -o uid= -C java | awk '$1==65532' | head -1)
[[ -n "$uid" ]] || { echo "check: no java process runs as uid 65532" >&2; exit 1; }
token="$(cat "$work/rootfs/var/lib/ossaat/data/token")"
[[ "$(stat -c %u "$work/rootfs/var/lib/ossaat/data")" == 65532 ]]
curl -fsS -o /dev/null -w 'GET /v1/plans with the token: %{http_code}\n' -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$HTTP_PORT/v1/plans?limit=1"
echo "check: the image starts as uid 65532 and answers /healthz, /readyz and the API"
