#!/usr/bin/env bash
# ./ossaat package: the console with the engine inside, one download per platform, built with jlink and jpackage.
#   Linux: an app-image, a .deb (dpkg-deb and fakeroot) and a .rpm (rpmbuild), where the tools are here
#   macOS: a .dmg                Windows: an .msi (WiX)
# The ossaat launcher builds the modules first and passes JAVA_HOME (a JDK 25 with jlink and jpackage).
# Output: installer/target/packages/. See installer/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/installer"
: "${JAVA_HOME:?package: JAVA_HOME must name a JDK 25 with jlink and jpackage}"
JBIN="$JAVA_HOME/bin"

log() { echo "package: $*" >&2; }
fail() { log "$*"; exit 1; }

# Who the Linux packages name as their maintainer and home page (the GitHub organisation's no-reply address: bugs
# go to the home page's issues).
MAINTAINER_EMAIL=ossaat@users.noreply.github.com
HOMEPAGE=https://github.com/ossaat/ossaat
SUMMARY="AI-agent orchestrator with a desktop console and a headless engine"

strip_elf() { # removes the symbol tables of the ELF files under the paths given (Debian ships binaries stripped)
  command -v strip >/dev/null || { log "no strip (binutils): $* keep their symbols"; return 0; }
  local f
  while IFS= read -r -d '' f; do
    [[ "$(head -c 4 "$f" | tr -d '\0')" == $'\x7fELF' ]] || continue
    strip --strip-unneeded --remove-section=.comment --remove-section=.note "$f"
  done < <(find "$@" -type f -print0)
}

types="" aot=auto dest="$HERE/target"
while (( $# )); do
  case "$1" in
    --type) types="${types:+$types,}${2:?--type needs a value}"; shift 2 ;;
    --no-aot) aot=no; shift ;;
    --dest) dest="${2:?--dest needs a value}"; shift 2 ;;
    -h|--help)
      cat <<'USAGE'
Usage: ossaat package [--type app-image|deb|rpm|dmg|msi]... [--no-aot] [--dest DIR]
Builds the installers of this platform (default: every type the tools here can build) into DIR/packages
(default installer/target). On Linux the launchers get a JDK AOT cache trained by a run of 'ossaat serve' and of
the console (under Xvfb), unless --no-aot.
USAGE
      exit 0 ;;
    *) fail "unknown option $1 (see ./ossaat package --help)" ;;
  esac
done

[[ -x "$JBIN/jpackage" || -x "$JBIN/jpackage.exe" ]] || fail "$JAVA_HOME has no jpackage: use a full JDK 25 (Temurin)"
case "$(uname -s)" in
  Linux) os=linux sep=: ;;
  Darwin) os=mac sep=: ;;
  MINGW*|MSYS*|CYGWIN*) os=win sep=';' ;;
  *) fail "jpackage builds for Linux, macOS and Windows, not $(uname -s)" ;;
esac
if [[ -z "$types" ]]; then
  case "$os" in
    linux)
      types=app-image
      if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then types+=,deb; fi
      if command -v rpmbuild >/dev/null; then types+=,rpm; fi ;;
    mac) types=dmg ;;
    win) types=msi ;;
  esac
fi
[[ "$aot" == auto && "$os" != linux ]] && aot=no

CONSOLE="$ROOT/console-ui/target"
[[ -f "$CONSOLE/ossaat-console.jar" ]] || fail "console-ui is not built (./ossaat package builds it first)"
VERSION="$(sed -n 's/^version=//p' "$ROOT/engine/target/classes/io/ossaat/engine/version.properties")"
[[ -n "$VERSION" ]] || fail "no version in engine/target/classes (build the engine with Maven first)"
NUMERIC="${VERSION%%-*}"          # 0.1.0-SNAPSHOT -> 0.1.0 (MSI and macOS take numbers only)
LINUX_VERSION="${VERSION/-/\~}"   # 0.1.0~SNAPSHOT sorts before 0.1.0 in dpkg and rpm
log "ossaat $VERSION for $os: $types"

rm -rf "$dest/input" "$dest/app" "$dest/packages"
mkdir -p "$dest/input/libs" "$dest/packages"
cd "$dest"   # relative paths from here on: the native tools on Windows take them as they are

# The app: the console jar and its libraries, without JavaFX (it goes into the runtime as modules) and without the
# PostgreSQL binaries of other platforms.
cp "$CONSOLE/ossaat-console.jar" input/
case "$os" in
  linux) pg=embedded-postgres-binaries-linux- ;;
  mac) pg=embedded-postgres-binaries-darwin- ;;
  win) pg=embedded-postgres-binaries-windows- ;;
esac
fx=()
for jar in "$CONSOLE"/libs/*.jar; do
  name="$(basename "$jar")"
  case "$name" in
    javafx-*-[0-9]*-*.jar) fx+=("$jar") ;;   # the platform jars (with natives); the plain ones are empty shells
    javafx-*) ;;
    *-alpine-*) ;;
    embedded-postgres-binaries-*) [[ "$name" == "$pg"* ]] && cp "$jar" input/libs/ ;;
    *) cp "$jar" input/libs/ ;;
  esac
done
(( ${#fx[@]} )) || fail "no platform JavaFX jars in $CONSOLE/libs"

# The runtime: the JDK's modules the app needs plus JavaFX's, linked from the platform jars (JavaFX's jmods are
# not on Maven Central). Kept between runs while the JDK and JavaFX stay the same.
MODULES=java.se,jdk.unsupported,jdk.management,jdk.security.auth,jdk.crypto.cryptoki,jdk.zipfs,jdk.charsets,jdk.net,jdk.naming.dns,jdk.localedata,javafx.controls
stamp="$("$JBIN/java" -version 2>&1 | tr -d '\n'; echo " $MODULES stripped"; for j in "${fx[@]}"; do basename "$j"; done)"
if [[ ! -f runtime/.stamp || "$(cat runtime/.stamp)" != "$stamp" ]]; then
  log "jlink: the runtime ($MODULES)"
  rm -rf runtime fx && mkdir fx && cp "${fx[@]}" fx/
  fxpath="$(printf '%s\n' fx/*.jar | paste -sd "$sep" -)"
  exclude=()
  # Linux: JavaFX's native libraries go next to the JDK's in runtime/lib, where JavaFX looks first, instead of
  # being unpacked to ~/.openjfx on the first start.
  [[ "$os" == linux ]] && exclude=(--exclude-resources 'glob:/javafx.graphics/*.so')
  "$JBIN/jlink" --module-path "$fxpath" --add-modules "$MODULES" --include-locales en --strip-debug \
    --no-man-pages --no-header-files ${exclude[@]+"${exclude[@]}"} --output runtime
  if [[ "$os" == linux ]]; then
    for j in fx/javafx-graphics-*.jar; do unzip -q -o -j "$j" '*.so' -d runtime/lib; done
    strip_elf runtime   # jlink's --strip-debug is for class files; the JDK's and JavaFX's binaries keep symbols
  fi
  rm -rf fx
  echo "$stamp" > runtime/.stamp
fi

"$JBIN/java" -Djava.awt.headless=true "$HERE/IconMaker.java" icons
# jpackage's resources for the Linux packages: the console's desktop entry, and its icon (a launcher with its own
# icon is what makes jpackage install the desktop entry when it packages an app-image); the .deb's control file
# (with a long description), its copyright file (every licence in the package), and maintainer scripts that
# install and remove the package where there is no desktop menu, in place of jpackage's templates
rm -rf resources && mkdir resources
cp "$HERE"/linux/{ossaat-console.desktop,control,copyright,postinst,prerm} resources/
# the .rpm's spec: jpackage's template with ossaat's changes (marked "ossaat:" in it)
sed "s|OSSAAT_COPYRIGHT_FILE|$HERE/linux/copyright|" "$HERE/linux/ossaat.spec" > resources/ossaat.spec
cp icons/ossaat.png resources/ossaat-console.png

# Two launchers from one app: 'ossaat', the command line (serve, slo, token, ...), and 'ossaat-console', the
# desktop console with the engine inside. macOS opens an app's main launcher, so there the console is the main one.
OPTIONS='--enable-native-access=ALL-UNNAMED,javafx.graphics'
common=(--dest app --input input --main-jar ossaat-console.jar --runtime-image runtime
        --vendor ossaat --copyright "Copyright 2026 the ossaat authors"
        --description "$SUMMARY")
case "$os" in
  linux|win)
    cat > console.properties <<EOF
main-class=io.ossaat.console.ConsoleMain
description=ossaat console: the desktop console with the engine inside
icon=icons/ossaat.$([[ "$os" == win ]] && echo ico || echo png)
linux-shortcut=true
win-console=false
win-shortcut=true
win-menu=true
EOF
    app_args=(--name ossaat --main-class io.ossaat.engine.cli.Main --add-launcher ossaat-console=console.properties)
    if [[ "$os" == win ]]; then
      app_args+=(--win-console --icon icons/ossaat.ico --app-version "$NUMERIC")
    else
      app_args+=(--icon icons/ossaat.png --app-version "$LINUX_VERSION")
    fi ;;
  mac)
    printf 'main-class=io.ossaat.engine.cli.Main\ndescription=ossaat command line\n' > cli.properties
    # jpackage 25 refuses a macOS bundle version whose first number is 0: until 1.0 the bundle says 1.MINOR.PATCH
    # (the file name and the about box keep the real version)
    mac_version="$NUMERIC"; [[ "$NUMERIC" == 0.* ]] && mac_version="1.${NUMERIC#0.}"
    app_args=(--name ossaat --main-class io.ossaat.console.ConsoleMain --add-launcher ossaat-cli=cli.properties
              --icon icons/ossaat.icns --app-version "$mac_version" --mac-package-identifier io.ossaat.console) ;;
esac
log "jpackage: the app-image"
"$JBIN/jpackage" --type app-image "${common[@]}" "${app_args[@]}" --java-options "$OPTIONS"
[[ "$os" == linux ]] && strip_elf app/ossaat/bin app/ossaat/lib/libapplauncher.so   # jpackage's launchers

case "$os" in
  linux) APPDIR=app/ossaat/lib/app ;;
  mac) APPDIR=app/ossaat.app/Contents/app ;;
  win) APPDIR=app/ossaat/app ;;
esac

# The AOT cache (JDK 25): a training run records what a start loads and links, the launcher maps it on every start.
# One cache per launcher, each trained by its own work: serve to ready with a few plans; the console's snapshots.
adopt() { # $1 = launcher, $2 = the cache its training run wrote
  if [[ -f "$APPDIR/$2" ]]; then
    # shellcheck disable=SC2016  # $APPDIR is the launcher's, filled in when it starts
    printf 'java-options=-XX:AOTCache=$APPDIR/%s\n' "$2" >> "$APPDIR/$1.cfg"
    log "AOT cache for $1: $(du -h "$APPDIR/$2" | cut -f1)"
  else
    log "no AOT cache for $1 (its training run failed, see $dest/train-$1.log)"
  fi
}
if [[ "$aot" != no ]]; then
  scratch="$(mktemp -d)"
  log "training the AOT cache of ossaat: serve to ready, three plans, stop"
  JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$dest/$APPDIR/ossaat.aot" app/ossaat/bin/ossaat serve --port 0 \
    --data-dir "$scratch/data" >"$scratch/serve.out" 2>"$dest/train-ossaat.log" &
  pid=$!
  for _ in $(seq 600); do grep -q '^ready: ' "$scratch/serve.out" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  url="$(sed -n 's/^ready: //p' "$scratch/serve.out")"
  if [[ -n "$url" ]] && command -v curl >/dev/null; then
    auth="Authorization: Bearer $(cat "$scratch/data/token")"
    for i in 1 2 3; do
      curl -s -o /dev/null -X POST "$url/v1/plans" -H "$auth" -H 'Content-Type: application/json' -d "{\"goal\":\"training $i\",\"agent\":\"reviewer\"}"
      curl -s -o /dev/null "$url/v1/plans?limit=10" -H "$auth"
    done
  fi
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true   # the JVM writes the cache as it exits
  adopt ossaat ossaat.aot

  console=(app/ossaat/bin/ossaat-console --snapshot "$scratch/snapshots")
  if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null; then
    console=(xvfb-run -a -s '-screen 0 1280x800x24' "${console[@]}")
  fi
  if [[ -n "${DISPLAY:-}" || "${console[0]}" == xvfb-run ]]; then
    log "training the AOT cache of ossaat-console: --snapshot"
    JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$dest/$APPDIR/ossaat-console.aot" "${console[@]}" \
      >"$dest/train-ossaat-console.log" 2>&1 || true
    adopt ossaat-console ossaat-console.aot
  else
    log "no display and no xvfb-run: ossaat-console gets no AOT cache"
  fi
  rm -rf "$scratch"
fi

# jpackage's .deb lacks what Debian's policy asks of a package, and jpackage cannot add files outside the app:
# the changelog, the lintian overrides (installer/README.md says why each is there) and the md5sums are added to
# the package it made, which is then built again (with the compressor dpkg-deb is told to use).
finish_deb() { # $1 = the .deb
  local tree=deb-tree doc
  rm -rf "$tree"
  dpkg-deb -R "$1" "$tree"
  doc="$tree/usr/share/doc/ossaat"
  install -d -m 755 "$doc" "$tree/usr/share/lintian/overrides"
  {
    printf 'ossaat (%s) unstable; urgency=medium\n\n' "$LINUX_VERSION"
    printf '  * ossaat %s, built by ./ossaat package from commit %s.\n' "$VERSION" "$commit"
    printf '    Its changes are the history of %s.\n\n' "$HOMEPAGE"
    printf ' -- ossaat <%s>  %s\n' "$MAINTAINER_EMAIL" "$(LC_ALL=C date -u -R -d "@$built")"
  } | gzip -9n > "$doc/changelog.gz"
  chmod 644 "$doc/changelog.gz"
  install -m 644 "$HERE/linux/lintian-overrides" "$tree/usr/share/lintian/overrides/ossaat"
  (cd "$tree" && find usr -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
  chmod 644 "$tree/DEBIAN/md5sums"
  sed -i "s/^Installed-Size: .*/Installed-Size: $(du -sk --exclude=DEBIAN "$tree" | cut -f1)/" "$tree/DEBIAN/control"
  dpkg-deb --root-owner-group --build "$tree" "$1" >/dev/null
  rm -rf "$tree"
}
# The changelog's entry: the commit built and its time (the time of this build outside a git checkout)
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
built="$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)"

# The installers, from the app-image.
IFS=, read -r -a wanted <<<"$types"
for type in "${wanted[@]}"; do
  case "$type" in
    app-image)
      log "app-image: $dest/app/" ;;
    deb|rpm)
      [[ "$os" == linux ]] || fail "$type packages are built on Linux"
      if [[ "$type" == deb ]]; then
        only=(--linux-package-deps 'libgtk-3-0, libgl1, xdg-utils' --linux-deb-maintainer "$MAINTAINER_EMAIL")
      else
        only=(--linux-package-deps 'gtk3, xdg-utils' --linux-rpm-license-type Apache-2.0 --license-file "$ROOT/LICENSE")
      fi
      log "jpackage: the .$type"
      # --install-dir /usr: the FHS layout (/usr/bin/ossaat, /usr/lib/ossaat/...), so both commands are on PATH.
      # The .deb is built uncompressed here and compressed once, by finish_deb.
      DPKG_DEB_COMPRESSOR_TYPE=none "$JBIN/jpackage" --type "$type" --app-image app/ossaat --dest packages \
        --name ossaat --app-version "$LINUX_VERSION" --install-dir /usr --resource-dir resources \
        --linux-package-name ossaat --linux-menu-group Development --linux-app-category devel "${only[@]}" \
        --about-url "$HOMEPAGE" --vendor ossaat --copyright "Copyright 2026 the ossaat authors" \
        --description "$SUMMARY"
      if [[ "$type" == deb ]]; then
        log "the .deb: changelog, lintian overrides, md5sums"
        finish_deb packages/ossaat_*.deb
      fi ;;
    dmg)
      log "jpackage: the .dmg"
      "$JBIN/jpackage" --type dmg --app-image app/ossaat.app --dest packages --name ossaat --app-version "$mac_version" ;;
    msi)
      log "jpackage: the .msi"
      "$JBIN/jpackage" --type msi --app-image app/ossaat --dest packages --name ossaat --app-version "$NUMERIC" \
        --vendor ossaat --win-dir-chooser --win-menu --win-menu-group ossaat \
        --win-upgrade-uuid 6f0c2a4e-4b8e-4d47-9a51-0d5c3e1f7a21 ;;
    *) fail "unknown package type $type (app-image, deb, rpm, dmg, msi)" ;;
  esac
done
ls -l packages >&2
