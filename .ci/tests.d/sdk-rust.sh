#!/usr/bin/env bash
# The Rust SDK (sdk-rust/): rustfmt, clippy and rustdoc with warnings denied, then every test: wiremock suites on
# real sockets, and the async client, the blocking client and the README's quick start against a real
# ./ossaat serve that the test starts (it builds the engine's jar when it is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../sdk-rust"

CARGO="$(command -v cargo || true)"
[[ -z "$CARGO" && -x "$HOME/.cargo/bin/cargo" ]] && CARGO="$HOME/.cargo/bin/cargo"
if [[ -z "$CARGO" ]]; then
  echo "sdk-rust: needs a Rust toolchain 1.88 or newer with cargo, rustfmt and clippy (https://rustup.rs); none found" >&2
  exit 1
fi
export PATH="$(dirname "$CARGO"):$PATH"
echo "sdk-rust: $(cargo --version), $(rustc --version)"

echo "sdk-rust: cargo fmt --check"
cargo fmt --check
echo "sdk-rust: cargo clippy (warnings denied)"
cargo clippy --locked --all-targets --all-features -- -D warnings
echo "sdk-rust: cargo doc (warnings denied)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --all-features
echo "sdk-rust: cargo test --all-features (starts a real engine)"
cargo test --locked --all-features
