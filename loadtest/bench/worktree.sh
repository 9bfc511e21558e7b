#!/usr/bin/env bash
# Time and disk to give a plan its worktree: a repository of FILES files (100 per folder, about 1 KiB each), then
# ROUNDS times the git commands the engine runs to open a plan's worktree (tools/PlanWorktrees: worktree list,
# worktree prune, rev-parse of the branch, worktree add -b), and the disk the worktree and its git metadata take.
# For comparison: a full copy (cp -a) of the checkout with its .git, what a "clone per plan" would cost at least.
#   loadtest/bench/worktree.sh [FILES] [ROUNDS]
set -euo pipefail
FILES="${1:-10000}"
ROUNDS="${2:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
REPO="$WORK/repo"
mkdir -p "$REPO"
line="$(printf 'the quick brown fox jumps over the lazy dog %.0s' {1..23})" # ~1 KiB
for ((i = 0; i < FILES; i++)); do
  d="$REPO/src/d$((i / 100))"
  ((i % 100 == 0)) && mkdir -p "$d"
  printf '%s\n%d\n' "$line" "$i" >"$d/f$i.txt"
done
git -C "$REPO" init -q -b main
git -C "$REPO" add -A
git -C "$REPO" -c gc.auto=0 -c user.name=b -c user.email=b@b commit -q -m "$FILES files"
git -C "$REPO" gc -q
echo "repository: $FILES files; checkout $(du -sh --exclude=.git "$REPO" | cut -f1), .git $(du -sh "$REPO/.git" | cut -f1)"

now() { date +%s%N; }
times=()
for ((r = 1; r <= ROUNDS; r++)); do
  dir="$WORK/worktrees/pl_$r"
  mkdir -p "$WORK/worktrees"
  t0=$(now)
  git -C "$REPO" worktree list --porcelain >/dev/null
  git -C "$REPO" worktree prune
  git -C "$REPO" rev-parse --verify --quiet "refs/heads/ossaat/pl_$r" >/dev/null || true
  git -C "$REPO" worktree add --quiet -b "ossaat/pl_$r" "$dir" HEAD
  t1=$(now)
  times+=($(((t1 - t0) / 1000000)))
done
sorted="$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')"
echo "worktree open, ms (sorted, $ROUNDS rounds): $sorted"
echo "one worktree on disk: $(du -sh "$WORK/worktrees/pl_1" | cut -f1) (its files), git metadata per worktree: $(du -sh "$REPO/.git/worktrees/pl_1" | cut -f1); repository .git after $ROUNDS worktrees: $(du -sh "$REPO/.git" | cut -f1)"
t0=$(now)
git -C "$REPO" worktree remove --force "$WORK/worktrees/pl_1"
echo "worktree remove: $((($(now) - t0) / 1000000)) ms"
t0=$(now)
cp -a "$REPO" "$WORK/copy"
echo "for comparison, cp -a of the repository: $((($(now) - t0) / 1000000)) ms, $(du -sh "$WORK/copy" | cut -f1)"
