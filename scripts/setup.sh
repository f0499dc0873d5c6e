#!/usr/bin/env bash
# Installs what building, running and testing Switchboard needs and is not on the machine yet.
# Idempotent, and silent when nothing is missing. Usage: scripts/setup.sh [build|test|load|bench]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
what="${1:-build}"

say() { echo "setup: $*" >&2; }
need_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_missing=()
want_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || apt_missing+=("$1"); }

if [ "$SWITCHBOARD_WASM_TOOLCHAIN" = debian ]; then
  for p in rustc-web cargo-web rust-web-src lld-19; do want_pkg "$p"; done
fi
if [ "$what" = test ]; then
  for p in chromium chromium-driver; do want_pkg "$p"; done
fi
command -v cargo >/dev/null 2>&1 || want_pkg cargo-web
command -v java >/dev/null 2>&1 || want_pkg openjdk-17-jdk-headless
command -v npm >/dev/null 2>&1 || want_pkg npm
command -v unzip >/dev/null 2>&1 || want_pkg unzip
command -v curl >/dev/null 2>&1 || want_pkg curl
if [ "$what" = test ] && ! python3 -m pip --version >/dev/null 2>&1; then want_pkg python3-pip; fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${apt_missing[*]}"
  need_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive need_root apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# The host cargo (rustup's, or Debian's when there is no other).
command -v cargo >/dev/null 2>&1 || export PATH="/usr/bin:$PATH"

# oha, the HTTP load generator of make test-load (only for that target).
if [ "$what" = load ]; then
  command -v oha >/dev/null 2>&1 || { say "installing oha (make test-load)"; cargo install -q oha --locked; }
  exit 0
fi

# dagre, the baseline of make bench's graph layout (only for that target; version pinned here),
# into the tools folder; the benchmark copies it into the bundle it serves.
if [ "$what" = bench ]; then
  dagre=3.1.4
  if ! grep -qs "\"version\": \"$dagre\"" "$SWITCHBOARD_TOOLS/node_modules/@dagrejs/dagre/package.json"; then
    say "installing dagre $dagre (make bench)"
    mkdir -p "$SWITCHBOARD_TOOLS"
    npm install -s --no-audit --no-fund --prefix "$SWITCHBOARD_TOOLS" "@dagrejs/dagre@$dagre" >/dev/null
  fi
  exit 0
fi

# trunk 0.21.x: 0.22 needs a newer rustc than these machines have.
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21 (takes several minutes once)"
  cargo install -q trunk --version '^0.21' --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock exactly.
wbg=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg\$"; then
  say "installing wasm-bindgen-cli $wbg"
  # Not --locked: one locked dependency version is missing from the registry mirror here.
  cargo install -q wasm-bindgen-cli --version "$wbg" --force
fi

# wasm-split-cli cuts the release wasm into one chunk per system (scripts/split-wasm.sh); 0.2.4 is
# the version whose format matches the wasm_split_helpers that Leptos 0.8 uses.
if ! wasm-split-cli --help >/dev/null 2>&1 || [ "$(cargo install --list | grep -c '^wasm_split_cli_support v0.2.4:')" = 0 ]; then
  say "installing wasm-split-cli (wasm_split_cli_support 0.2.4)"
  cargo install -q --locked wasm_split_cli_support --version 0.2.4 --features build-binary --force
fi

# A current wasm-opt (Debian's binaryen is too old for current rustc output); version pinned in Trunk.toml.
binaryen=$(sed -n 's/^wasm_opt = "version_\([0-9]*\)"/\1/p' Trunk.toml)
if ! "$SWITCHBOARD_TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $binaryen"; then
  say "installing wasm-opt (binaryen $binaryen)"
  mkdir -p "$SWITCHBOARD_TOOLS"
  npm install -s --no-audit --no-fund --prefix "$SWITCHBOARD_TOOLS" "binaryen@$binaryen" >/dev/null
fi
