#!/usr/bin/env bash
# The VS Code extension: a clean install from package-lock.json, eslint and tsc, the unit tests and the tests
# against a real ./ossaat serve (the engine jar is built by ./mvnw verify before this runs), then the .vsix.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../vscode-extension"
npm ci --no-audit --no-fund
npm run lint
npm test
rm -f ./*.vsix
npx vsce package --no-dependencies --skip-license --allow-missing-repository
vsix="$(ls ./*.vsix)"
# grep reads a saved listing: grep -q on a pipe closes it early, and pipefail turns unzip's SIGPIPE into a failure
listing="$(unzip -l "$vsix")"
grep -q 'extension/dist/extension.js' <<<"$listing" || { echo "vscode-extension: $vsix lacks dist/extension.js" >&2; exit 1; }
echo "vscode-extension: packaged $vsix"
