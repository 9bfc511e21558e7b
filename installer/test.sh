#!/usr/bin/env bash
# NOT YET in .ci/tests.d: lintian still finds errors in the .deb (installer/README.md, "lintian"); move it to
# .ci/tests.d/installer.sh (and fakeroot, xvfb, xauth, xdg-utils, desktop-file-utils, lintian to .ci/apt-packages)
# once it passes.
# The installer (installer/): builds the .deb as shipped (AOT caches included), checks it with lintian and
# desktop-file-validate, installs it into this machine (CI is root), starts the installed `ossaat serve` to ready and
# makes a plan, starts the installed console under Xvfb with --snapshot and checks the pictures, removes the package
# and checks that none of its files is left. Skips, saying why, where jpackage, fakeroot or root is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
skip() { echo "installer: SKIPPED: $*" >&2; exit 0; }
fail() { echo "installer: FAILED: $*" >&2; exit 1; }
log() { echo "installer: $*" >&2; }

# The release workflow passes actionlint (built with Go when it is not on PATH; about a minute the first time).
GO="$(command -v go || true)"
[[ -z "$GO" && -x /usr/local/go/bin/go ]] && GO=/usr/local/go/bin/go
if [[ -n "$GO" ]]; then
  PATH="$("$GO" env GOPATH)/bin:$PATH"
  command -v actionlint >/dev/null || GOTOOLCHAIN=local "$GO" install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
  actionlint "$ROOT/.github/workflows/release.yml" || fail "actionlint found problems in release.yml"
  log "release.yml passes actionlint"
else
  log "no Go here: release.yml not checked with actionlint"
fi

JDK="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ -x "$JDK/bin/jpackage" ]] || skip "no jpackage in $JDK (a full JDK 25 has it)"
if ! command -v fakeroot >/dev/null || ! command -v dpkg-deb >/dev/null; then
  skip "no fakeroot or dpkg-deb (apt-get install fakeroot)"
fi
[[ "$(id -u)" == 0 ]] || skip "installing the .deb into this machine needs root (CI runs as root)"
installed() { [[ "$(dpkg-query -W -f='${Status}' ossaat 2>/dev/null)" == "install ok installed" ]]; }
installed && skip "an ossaat package is installed here already; this test does not replace it"

WORK="$(mktemp -d)"
SERVE="" INSTALLED=""
cleanup() { # keeps the script's own status
  local status=$?
  set +e
  [[ -n "$SERVE" ]] && kill "$SERVE" 2>/dev/null && wait "$SERVE" 2>/dev/null
  [[ -n "$INSTALLED" ]] && installed && dpkg -r ossaat >/dev/null
  [[ -n "$INSTALLED" ]] && dpkg -P ossaat >/dev/null 2>&1   # dpkg -r keeps the package's record until a purge
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
started=$SECONDS

# gzip instead of xz: the same files, built in a fraction of the time (the release keeps xz)
DPKG_DEB_COMPRESSOR_TYPE=gzip "$ROOT/ossaat" package --type deb
deb="$(ls "$ROOT"/installer/target/packages/ossaat_*.deb)"
log "built $(basename "$deb") ($(du -h "$deb" | cut -f1)) in $((SECONDS - started)) s"

VERSION="$(sed -n 's/^version=//p' "$ROOT/engine/target/classes/io/ossaat/engine/version.properties")"
[[ "$(dpkg-deb -f "$deb" Version)" == "${VERSION/-/\~}" ]] || fail "the package's version is not the project's $VERSION"
dpkg-deb -f "$deb" Depends | grep -q 'libgtk-3-0' || fail "the package does not depend on GTK 3"

dpkg-deb -x "$deb" "$WORK/tree"
desktop="$WORK/tree/usr/lib/ossaat/ossaat-ossaat-console.desktop"
[[ -f "$desktop" ]] || fail "no desktop entry for the console in the package"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate refused the console's desktop entry"
else
  log "no desktop-file-validate here (apt-get install desktop-file-utils): desktop entry not validated"
fi
[[ -f "$WORK/tree/usr/lib/ossaat/app/ossaat.aot" ]] || fail "the package has no AOT cache for ossaat"
if command -v lintian >/dev/null; then
  lintian --allow-root --fail-on error "$deb" \
    >"$WORK/lintian.txt" 2>&1 || { cat "$WORK/lintian.txt" >&2; fail "lintian found errors"; }
  log "lintian: no errors ($(grep -c '^W:' "$WORK/lintian.txt" || true) warnings beyond the accepted ones)"
else
  log "no lintian here (apt-get install lintian): the package was not linted"
fi

dpkg -i "$deb" >/dev/null || fail "dpkg -i failed"
INSTALLED=1
[[ "$(command -v ossaat)" == /usr/bin/ossaat ]] || fail "ossaat is not on PATH at /usr/bin/ossaat"
/usr/bin/ossaat --version | grep -qF "ossaat $VERSION " || fail "ossaat --version does not say $VERSION"

/usr/bin/ossaat serve --port 0 --data-dir "$WORK/data" >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVE=$!
for _ in $(seq 600); do
  grep -q '^ready: ' "$WORK/serve.out" && break
  kill -0 "$SERVE" 2>/dev/null || fail "the installed engine did not start: $(cat "$WORK/serve.err")"
  sleep 0.2
done
URL="$(sed -n 's/^ready: //p' "$WORK/serve.out")"
[[ -n "$URL" ]] || fail "the installed engine did not become ready"
H="Authorization: Bearer $(cat "$WORK/data/token")"
code="$(curl -s -o "$WORK/plan.json" -w '%{http_code}' -X POST "$URL/v1/plans" -H "$H" \
  -H 'Content-Type: application/json' -d '{"goal":"made by the installed engine","agent":"reviewer"}')"
[[ "$code" == 201 ]] || fail "creating a plan answered $code: $(cat "$WORK/plan.json")"
[[ "$(curl -s "$URL/openapi?format=json" -H "$H" | jq -r .info.version)" == "$VERSION" ]] \
  || fail "/openapi does not give $VERSION as its version"
kill "$SERVE"
wait "$SERVE" 2>/dev/null || true
SERVE=""
log "the installed ossaat serve started, made a plan and stopped"

if command -v xvfb-run >/dev/null; then
  timeout 600 xvfb-run -a -s '-screen 0 1280x800x24' /usr/bin/ossaat-console --snapshot "$WORK/snapshots" \
    >"$WORK/console.log" 2>&1 || { cat "$WORK/console.log" >&2; fail "the installed console failed"; }
  count="$(find "$WORK/snapshots" -name '*.png' -size +1k | wc -l)"
  (( count >= 4 )) || { cat "$WORK/console.log" >&2; fail "the installed console wrote $count pictures, not 4"; }
  log "the installed console wrote $count pictures under Xvfb"
else
  log "no xvfb-run here (apt-get install xvfb): the installed console was not started"
fi

mapfile -t files < <(dpkg -L ossaat | while read -r f; do [[ -f "$f" || -L "$f" ]] && echo "$f"; done)
dpkg -r ossaat >/dev/null || fail "dpkg -r failed"
left=()
for f in "${files[@]}" /usr/lib/ossaat /usr/share/applications/ossaat-ossaat-console.desktop; do
  [[ -e "$f" || -L "$f" ]] && left+=("$f")
done
(( ${#left[@]} == 0 )) || fail "dpkg -r left ${left[*]}"
log "installed ${#files[@]} files, dpkg -r left none; passed in $((SECONDS - started)) s"
