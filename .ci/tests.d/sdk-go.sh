#!/usr/bin/env bash
# The Go SDK (sdk-go/): go vet, staticcheck, then every test: the unit tests on httptest servers, and the
# integration test and the Example functions against a real ./ossaat serve that the test binary starts.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib/go.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/go.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/../../sdk-go"
use_go sdk-go 23 # range-over-func iterators
minor="$GO_MINOR"
version="$(go env GOVERSION)"
echo "sdk-go: gofmt, go vet ($version)"
gofmt_clean sdk-go
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
