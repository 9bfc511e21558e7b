#!/usr/bin/env bash
# The Go SDK (sdk-go/): go vet, staticcheck, then every test: the unit tests on httptest servers, and the
# integration test and the Example functions against a real ./ossaat serve that the test binary starts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../sdk-go"
export GOTOOLCHAIN=local # the module's go 1.23 line must not make go fetch a toolchain

GO="$(command -v go || true)"
[[ -z "$GO" && -x /usr/local/go/bin/go ]] && GO=/usr/local/go/bin/go
if [[ -z "$GO" ]]; then
  echo "sdk-go: needs Go 1.23 or newer on PATH (or in /usr/local/go); none found" >&2
  exit 1
fi
version="$("$GO" env GOVERSION)" # e.g. go1.26.8
minor="$(echo "$version" | sed -E 's/^go1\.([0-9]+).*/\1/')"
if ! [[ "$minor" =~ ^[0-9]+$ ]] || (( minor < 23 )); then
  echo "sdk-go: needs Go 1.23 or newer (range-over-func iterators); found $version" >&2
  exit 1
fi
export PATH="$(dirname "$GO"):$("$GO" env GOPATH)/bin:$PATH"

echo "sdk-go: gofmt, go vet ($version)"
unformatted="$(gofmt -l .)"
if [[ -n "$unformatted" ]]; then
  echo "sdk-go: not gofmt-ed (run gofmt -w .): $unformatted" >&2
  exit 1
fi
go vet ./...

# staticcheck 2026.2 (v0.8.2) is built with Go 1.26+; CI's newest-Go run lints, an older Go only vets and tests.
if (( minor >= 26 )); then
  if ! command -v staticcheck >/dev/null; then
    echo "sdk-go: installing staticcheck (about a minute)"
    go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
  fi
  echo "sdk-go: staticcheck"
  staticcheck ./...
else
  echo "sdk-go: staticcheck needs Go 1.26 to build; not run on $version"
fi

race=()
if [[ "$(go env CGO_ENABLED)" == 1 ]] && command -v gcc >/dev/null; then race=(-race); fi
echo "sdk-go: go test ${race[*]} (starts a real engine; builds it first when it is missing)"
go test "${race[@]}" -count=1 -timeout 20m ./...
