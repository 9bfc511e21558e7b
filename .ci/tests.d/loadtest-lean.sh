#!/usr/bin/env bash
# The lean load client (loadtest/lean, Go standard library only: nothing is fetched): gofmt, go vet, then its
# tests: the arrival schedule, the HTTP/1.1 answer reader, latency from the intended send behind a server that
# stalls 1 s (coordinated omission), and a short run against a real ./ossaat serve (one plan per create and key).
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib/go.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/go.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/../../loadtest/lean"
use_go loadtest-lean 23
echo "loadtest-lean: gofmt, go vet ($(go env GOVERSION))"
gofmt_clean loadtest-lean
go vet ./...
if command -v staticcheck >/dev/null; then staticcheck ./...; fi
echo "loadtest-lean: go test (starts a real engine; builds it first when it is missing)"
go test -count=1 -timeout 15m ./...
