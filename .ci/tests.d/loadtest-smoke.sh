#!/usr/bin/env bash
# The smoke load gate (about a minute): a throwaway engine, ./ossaat loadtest --profile smoke, judged by the SLO file.
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/loadtest/smoke.sh"
