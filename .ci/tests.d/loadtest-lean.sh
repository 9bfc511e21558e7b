#!/usr/bin/env bash
# The lean load client (loadtest/lean, Go standard library only: nothing is fetched): gofmt, go vet, then its
# tests: the arrival schedule, latency from the intended send behind a server that stalls 1 s (coordinated
# omission), and a short run against a real ./ossaat serve (counts, one key per create, the engine's plans).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../loadtest/lean"
export GOTOOLCHAIN=local # the module's go line must not make go fetch a toolchain

GO="$(command -v go || true)"
[[ -z "$GO" && -x /usr/local/go/bin/go ]] && GO=/usr/local/go/bin/go
if [[ -z "$GO" ]]; then
  echo "loadtest-lean: needs Go 1.23 or newer on PATH (or in /usr/local/go); none found" >&2
  exit 1
fi
PATH="$(dirname "$GO"):$PATH"
export PATH

echo "loadtest-lean: gofmt, go vet ($(go env GOVERSION))"
unformatted="$(gofmt -l .)"
if [[ -n "$unformatted" ]]; then
  echo "loadtest-lean: not gofmt-ed (run gofmt -w .): $unformatted" >&2
  exit 1
fi
go vet ./...
if command -v staticcheck >/dev/null; then staticcheck ./...; fi
echo "loadtest-lean: go test (starts a real engine; builds it first when it is missing)"
go test -count=1 -timeout 15m ./...
