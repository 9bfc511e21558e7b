#!/usr/bin/env bash
# The installer (installer/): builds the .deb with ./ossaat package, checks it with lintian (no errors) and
# desktop-file-validate, installs it into this machine with dpkg -i (CI is root), starts the installed `ossaat serve`
# to ready and makes a plan, starts the installed console under Xvfb with --snapshot and checks the pictures, removes
# the package (dpkg -r, then -P) and checks that none of its files is left. Skips, saying why, where jpackage,
# fakeroot or root is missing. The .deb is built without the AOT caches (--no-aot: their two training runs would
# double the test's time; BENCHMARKS.md measures the package with them); INSTALLER_TEST_AOT=1 builds it as released.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/ready.sh
source "$ROOT/.ci/lib/ready.sh"
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
SERVE="" INSTALLED="" MENUS=""
cleanup() { # keeps the script's own status
  local status=$?
  set +e
  [[ -n "$SERVE" ]] && kill "$SERVE" 2>/dev/null && wait "$SERVE" 2>/dev/null
  [[ -n "$INSTALLED" ]] && dpkg -P ossaat >/dev/null 2>&1   # whatever state a failure left it in
  [[ -n "$MENUS" ]] && rmdir "$MENUS"
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
started=$SECONDS

aot=(--no-aot)
[[ "${INSTALLER_TEST_AOT:-0}" == 1 ]] && aot=()
# gzip instead of xz: the same files, built in a fraction of the time (the release keeps xz)
DPKG_DEB_COMPRESSOR_TYPE=gzip "$ROOT/ossaat" package --type deb ${aot[@]+"${aot[@]}"}
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
if (( ${#aot[@]} == 0 )); then
  [[ -f "$WORK/tree/usr/lib/ossaat/app/ossaat.aot" ]] || fail "the package has no AOT cache for ossaat"
fi
for f in copyright changelog.gz; do
  [[ -f "$WORK/tree/usr/share/doc/ossaat/$f" ]] || fail "the package has no /usr/share/doc/ossaat/$f"
done
grep -q '^License: Apache-2.0$' "$WORK/tree/usr/share/doc/ossaat/copyright" || fail "the copyright file names no Apache-2.0"
if command -v lintian >/dev/null; then
  lintian --allow-root --fail-on error "$deb" \
    >"$WORK/lintian.txt" 2>&1 || { cat "$WORK/lintian.txt" >&2; fail "lintian found errors"; }
  # the warnings installer/README.md explains; any other is a new one to look at
  others="$(grep '^W:' "$WORK/lintian.txt" | grep -Ev ': (jar-not-in-usr-share|classpath-contains-relative-path|unknown-java-class-version|codeless-jar|no-manual-page|maintainer-script-empty) ' || true)"
  [[ -z "$others" ]] || fail "lintian warns of what installer/README.md does not explain: $others"
  log "lintian: no errors, only the warnings installer/README.md explains"
else
  log "no lintian here (apt-get install lintian): the package was not linted"
fi

# xdg-desktop-menu registers the console's desktop entry only where there is a desktop menu (this directory); a
# machine without one (CI) gets it for the test, and the package must install on one without it too (a server)
if [[ ! -d /usr/share/desktop-directories ]]; then MENUS=/usr/share/desktop-directories; mkdir "$MENUS"; fi
INSTALLED=1
dpkg -i "$deb" >/dev/null || fail "dpkg -i failed"
[[ "$(command -v ossaat)" == /usr/bin/ossaat ]] || fail "ossaat is not on PATH at /usr/bin/ossaat"
[[ -f /usr/share/applications/ossaat-ossaat-console.desktop ]] || fail "the console's desktop entry was not registered"
/usr/bin/ossaat --version | grep -qF "ossaat $VERSION " || fail "ossaat --version does not say $VERSION"

/usr/bin/ossaat serve --port 0 --data-dir "$WORK/data" >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVE=$!
URL="$(await_ready "$SERVE" "$WORK/serve.out")" || fail "the installed engine did not start: $(cat "$WORK/serve.err")"
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
for f in "${files[@]}" /usr/lib/ossaat /usr/share/doc/ossaat /usr/share/applications/ossaat-ossaat-console.desktop; do
  [[ -e "$f" || -L "$f" ]] && left+=("$f")
done
(( ${#left[@]} == 0 )) || fail "dpkg -r left ${left[*]}"
dpkg -P ossaat >/dev/null || fail "dpkg -P failed"
[[ -z "$(dpkg-query -W -f='${Status}' ossaat 2>/dev/null)" ]] || fail "dpkg -P left the package's record"
INSTALLED=""
[[ -f "$WORK/data/token" ]] || fail "removing the package took the user's data dir"
log "installed ${#files[@]} files, dpkg -r left none and kept the data dir; passed in $((SECONDS - started)) s"
