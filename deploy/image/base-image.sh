#!/usr/bin/env bash
# Builds a container base image without a Docker daemon or a registry: a Debian bookworm root file system
# (debootstrap, from the Debian mirror apt uses) plus a Java runtime jlinked from the build's JDK, written as a
# `docker save` tarball that Jib takes as its base (-Djib.from.image=tar://...). Needs root (debootstrap).
#   deploy/image/base-image.sh [OUT.tar]        default: engine/target/base-image.tar
#   ROOTFS=DIR deploy/image/base-image.sh       take a root file system debootstrap made before (copied, not changed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/engine/target/base-image.tar}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MIRROR="${DEBIAN_MIRROR:-$( (grep -hoE "https?://[^ ]+/debian/?" /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true) | head -1)}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
[[ -n "${ROOTFS:-}" ]] || command -v debootstrap >/dev/null \
  || { echo "base-image: install debootstrap (apt-get install debootstrap)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs" "$work/java/opt" "$work/image"

if [[ -n "${ROOTFS:-}" ]]; then
  cp -a "$ROOTFS/." "$work/rootfs/"
else
  echo "base-image: debootstrap bookworm (minbase) from $MIRROR" >&2
  debootstrap --variant=minbase --include=ca-certificates,tzdata bookworm "$work/rootfs" "$MIRROR" \
    >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
fi
# the engine's user: a fixed uid so volumes and Kubernetes' runAsUser agree with it
grep -q '^ossaat:' "$work/rootfs/etc/passwd" \
  || echo 'ossaat:x:65532:65532:ossaat engine:/var/lib/ossaat:/usr/sbin/nologin' >>"$work/rootfs/etc/passwd"
grep -q '^ossaat:' "$work/rootfs/etc/group" || echo 'ossaat:x:65532:' >>"$work/rootfs/etc/group"
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/usr/share/doc" \
  "$work/rootfs/usr/share/man"

echo "base-image: jlink a runtime from $JAVA_HOME" >&2
"$JAVA_HOME/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.zipfs,jdk.management,jdk.crypto.cryptoki,jdk.naming.dns,jdk.net \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$work/java/opt/java"

layer() { # DIR NAME: a reproducible tar of DIR's contents, owned by root
  tar --numeric-owner --owner=0 --group=0 --sort=name --mtime='2026-01-01 00:00Z' -C "$1" -cf "$work/image/$2.tar" .
}
layer "$work/rootfs" rootfs
layer "$work/java" java

python3 - "$work/image" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
diff = ["sha256:" + hashlib.sha256(open(os.path.join(d, f"{n}.tar"), "rb").read()).hexdigest() for n in ("rootfs", "java")]
config = {
    "architecture": "amd64", "os": "linux", "created": "2026-01-01T00:00:00Z",
    "config": {"Env": ["PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                       "JAVA_HOME=/opt/java", "LANG=C.UTF-8"]},
    "rootfs": {"type": "layers", "diff_ids": diff},
    "history": [{"created": "2026-01-01T00:00:00Z", "created_by": "debootstrap --variant=minbase bookworm"},
                {"created": "2026-01-01T00:00:00Z", "created_by": "jlink (Temurin 25)"}],
}
raw = json.dumps(config, sort_keys=True).encode()
name = hashlib.sha256(raw).hexdigest() + ".json"
open(os.path.join(d, name), "wb").write(raw)
json.dump([{"Config": name, "RepoTags": ["ossaat-base:bookworm-jre25"], "Layers": ["rootfs.tar", "java.tar"]}],
          open(os.path.join(d, "manifest.json"), "w"))
PY
mkdir -p "$(dirname "$OUT")"
# plain member names, each once: Jib refuses "./" and reads a hard-linked duplicate as empty
(cd "$work/image" && tar -cf "$OUT" manifest.json "$(python3 -c 'import json; print(json.load(open("manifest.json"))[0]["Config"])')" \
  rootfs.tar java.tar)
echo "base-image: wrote $OUT ($(du -h "$OUT" | cut -f1))" >&2
