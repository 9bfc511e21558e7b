#!/usr/bin/env bash
# The README's "A plan that does real work", run line by line as a user would type it, against a throw-away engine
# (its own port and data dir, so "localhost:7070" in the text becomes that port). Like a user watching the events,
# it waits for a step to wait before approving it and for an approved step to finish before the next line.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/ready.sh
source "$ROOT/.ci/lib/ready.sh"
WORK="$(mktemp -d)"
SERVE=""
cleanup() { # keeps the script's own status: the engine's SIGTERM status (143) from wait is not the test's result
  local status=$?
  set +e
  [[ -n "$SERVE" ]] && kill "$SERVE" 2>/dev/null && wait "$SERVE" 2>/dev/null
  jobs -p | xargs -r kill 2>/dev/null
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
fail() { echo "readme-plan-example: $*" >&2; exit 1; }

"$ROOT/ossaat" serve --port 0 --data-dir "$WORK/data" >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVE=$!
URL="$(await_ready "$SERVE" "$WORK/serve.out")" || fail "the engine did not start: $(cat "$WORK/serve.err")"
PORT="${URL##*:}"
export OSSAAT_TOKEN
OSSAAT_TOKEN="$(cat "$WORK/data/token")"
H="Authorization: Bearer $OSSAAT_TOKEN"

step_state() { # $1 = plan id, $2 = step id
  curl -s "localhost:$PORT/v1/plans/$1" -H "$H" | jq -r --arg s "$2" '.steps[] | select(.id == $s) | .state'
}
await_step() { # $1 = plan id, $2 = step id, $3 = regex of states
  for _ in $(seq 240); do
    [[ "$(step_state "$1" "$2")" =~ ^($3)$ ]] && return 0
    sleep 0.5
  done
  fail "step $2 of plan $1 never reached $3 (it is $(step_state "$1" "$2"))"
}

# the bash block under the heading, continuation lines joined, the port made this engine's
BLOCK="$(awk '/^### A plan that does real work/{f=1} f&&/^```bash/{b=1;next} b&&/^```/{exit} b' "$ROOT/README.md" \
  | sed -e ':a' -e '/\\$/N; s/\\\n//; ta' -e "s/localhost:7070/localhost:$PORT/g")"
[[ -n "$BLOCK" ]] || fail "no bash block under '### A plan that does real work' in README.md"

cd "$WORK"
ID=""
while IFS= read -r line; do
  approved=""
  if [[ "$line" =~ steps/([a-z_]+)/approve ]]; then
    approved="${BASH_REMATCH[1]}"
    await_step "$ID" "$approved" waiting_approval
  fi
  echo "+ $line" >&2
  if [[ "$line" =~ \&[[:space:]]*(#.*)?$ ]]; then
    eval "$line" >>"$WORK/events.out" # the event stream, left running in the background
  else
    eval "$line" >"$WORK/last.out"
  fi
  if [[ -n "$approved" ]]; then
    await_step "$ID" "$approved" 'completed|failed|rejected|cancelled'
  fi
done <<<"$BLOCK"

[[ -n "$ID" ]] || fail "the example did not set ID"
state="$(curl -s "localhost:$PORT/v1/plans/$ID" -H "$H" | jq -r .state)"
[[ "$state" == completed ]] || fail "plan $ID is $state: $(curl -s "localhost:$PORT/v1/plans/$ID" -H "$H")"
grep -q 'NEW.md' "$WORK/last.out" || fail "the last line did not show the commit with NEW.md: $(cat "$WORK/last.out")"
[[ "$(git -C my-repo show "ossaat/$ID:NEW.md")" == "hello from ossaat" ]] || fail "the branch lacks NEW.md"
[[ ! -e my-repo/NEW.md ]] || fail "the plan changed the user's checkout"
[[ -z "$(git -C my-repo status --porcelain)" ]] || fail "the user's checkout is not clean"
echo "readme-plan-example: ok (plan $ID completed on branch ossaat/$ID)"
