#!/usr/bin/env bash
# The cluster fault test on the distribution's PostgreSQL 15 and redis-server (.ci/apt-packages): see
# engine/cluster-test.sh.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/engine/cluster-test.sh"
