# use_go NAME MINOR: puts Go 1.MINOR or newer on PATH (from PATH or /usr/local/go) with GOTOOLCHAIN=local (a
# module's go line must not make go fetch a toolchain), sets GO_MINOR, or fails naming NAME. Then
# gofmt_clean NAME: fails when a file below the current folder is not gofmt-ed. Sourced by the Go modules' tests.d.
# shellcheck shell=bash
use_go() {
  local name="$1" want="$2" go version
  export GOTOOLCHAIN=local
  go="$(command -v go || true)"
  [[ -z "$go" && -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go
  if [[ -z "$go" ]]; then
    echo "$name: needs Go 1.$want or newer on PATH (or in /usr/local/go); none found" >&2
    return 1
  fi
  version="$("$go" env GOVERSION)" # e.g. go1.26.8
  GO_MINOR="$(echo "$version" | sed -E 's/^go1\.([0-9]+).*/\1/')"
  if ! [[ "$GO_MINOR" =~ ^[0-9]+$ ]] || (( GO_MINOR < want )); then
    echo "$name: needs Go 1.$want or newer; found $version" >&2
    return 1
  fi
  PATH="$(dirname "$go"):$("$go" env GOPATH)/bin:$PATH"
  export PATH
}

gofmt_clean() {
  local unformatted
  unformatted="$(gofmt -l .)"
  if [[ -n "$unformatted" ]]; then
    echo "$1: not gofmt-ed (run gofmt -w .): $unformatted" >&2
    return 1
  fi
}
