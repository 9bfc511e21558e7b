#!/usr/bin/env bash
# The docs name only what exists: every `ossaat <command>` that README.md, PHASE_5_DELIVERY_REPORT.md and docs/
# quote answers `./ossaat <command> --help`, and every repository path and relative link they name is there.
# (docs/api.md against /openapi is checked by the engine's ApiReferenceTest.) Takes a few seconds after the build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

files=(README.md)
[[ -f PHASE_5_DELIVERY_REPORT.md ]] && files+=(PHASE_5_DELIVERY_REPORT.md)
while IFS= read -r f; do files+=("$f"); done < <(find docs -name '*.md' | sort)

failures=()
fail() { failures+=("$1"); }

# Top-level folders a path may start with: what the repository holds, and the modules it is meant to hold (so a
# path into a module that is gone is caught too). Generated paths (git-ignored: target/, dist/) are not checked.
roots=" engine console-ui loadtest sdk-go sdk-rust vscode-extension installer deploy docs .ci .github "
roots+="$(git ls-files 2>/dev/null | cut -d/ -f1 | sort -u | tr '\n' ' ')"
ignored() { git check-ignore -q --no-index "$1" 2>/dev/null; }

# Commands: `./ossaat X [Y]` anywhere, `ossaat X [Y]` right after a backtick or at the start of a line in a code
# block (prose lines are indented first, so "ossaat is ..." does not count). Y counts when X has subcommands (its help lists "Commands:").
commands="$(for f in "${files[@]}"; do
  awk '/^```/ { code = !code; next }
       { line = $0; if (code) sub(/^[ \t]*(\$ )?/, "", line); else line = " " line; print line }' "$f" |
    grep -oE '(^|\./|`)ossaat [a-z][a-z-]*( [a-z][a-z-]*)?' | sed -E 's/^(\.\/|`)//'
done | sort -u)"
declare -A checked=()
# picocli prints the parent's help for an unknown subcommand with --help (exit 0): the usage line must name it.
answers() { # $@ = the command words; prints the help, fails unless its usage line is "ossaat <words> ..."
  local out usage
  out="$(./ossaat "$@" --help 2>&1 </dev/null)" || { echo "exit status $?: $(tail -1 <<<"$out")"; return 1; }
  usage="$(grep -m1 -i '^usage:' <<<"$out" || true)"
  grep -qiE "^usage: ossaat $*( |$)" <<<"$usage" || { echo "its usage line is \"$usage\""; return 1; }
  echo "$out"
}
while read -r _ sub next; do
  [[ -n "${sub:-}" ]] || continue
  if [[ -z "${checked[$sub]:-}" ]]; then
    if help="$(answers "$sub")"; then checked[$sub]="$help"; else
      checked[$sub]="-"; fail "'ossaat $sub' is quoted but './ossaat $sub --help' does not show it: $help"
    fi
  fi
  if [[ -n "${next:-}" && "${checked[$sub]}" != "-" ]] && grep -q '^Commands:' <<<"${checked[$sub]}" \
     && [[ -z "${checked[$sub $next]:-}" ]]; then
    checked[$sub $next]=1
    out="$(answers "$sub" "$next")" || fail "'ossaat $sub $next' is quoted but './ossaat $sub $next --help' does not show it: $out"
  fi
done <<<"$commands"

# Paths: words that start with a top-level folder and a slash (or name a top-level report), relative to the
# repository; relative Markdown links, relative to the file that holds them.
for f in "${files[@]}"; do
  dir="$(dirname "$f")"
  while IFS= read -r word; do
    word="${word#./}"
    word="$(sed -E 's/[.,:;]+$//' <<<"$word")"
    [[ -z "$word" || "$word" =~ [\<\>\*\{\}\$…] || "$word" == *...* ]] && continue
    top="${word%%/*}"
    if [[ "$word" == */* && "$roots" == *" $top "* ]] || [[ " README.md BENCHMARKS.md PHASE_5_DELIVERY_REPORT.md " == *" $word "* ]]; then
      [[ -e "$word" ]] || ignored "$word" || fail "$f names $word, which is not in the repository"
    fi
  done < <(tr -s ' \t`()[]"'"'"'|=' '\n' <"$f" | grep -E '^[A-Za-z0-9._/-]+$' | sort -u)
  while IFS= read -r link; do
    target="${link%%#*}"
    [[ -z "$target" || "$target" =~ ^[a-z]+: ]] && continue
    [[ -e "$dir/$target" ]] || ignored "$dir/$target" || fail "$f links to $target, which is not there"
  done < <(grep -oE '\]\([^) ]+\)' "$f" | sed -E 's/^\]\(//; s/\)$//' | sort -u)
done

if (( ${#failures[@]} )); then
  printf 'docs: %s\n' "${failures[@]}" >&2
  echo "docs: ${#failures[@]} stale reference(s) in ${files[*]}; fix the text or bring the command or file back" >&2
  exit 1
fi
echo "docs: ${#checked[@]} quoted commands ($(tr "\n" " " <<<"$commands" | sed "s/ossaat //g")) answer --help; paths and links in ${#files[@]} files exist"
