# The one place that sets up the environment for building and testing Switchboard.
# Sourced by the Makefile's recipes (and usable by hand: `. scripts/env.sh`).
#
# Two ways to get a wasm32 standard library:
#  - rustup with the wasm32-unknown-unknown target installed (a normal developer laptop): used as is;
#  - otherwise Debian's rustc-web/cargo-web + rust-web-src, building std from source
#    (-Z build-std through RUSTC_BOOTSTRAP) and linking with lld-19's wasm-ld.

SWITCHBOARD_TOOLS="${SWITCHBOARD_TOOLS:-$HOME/.local/share/switchboard-tools}"
export SWITCHBOARD_TOOLS
export PATH="$HOME/.cargo/bin:$SWITCHBOARD_TOOLS/node_modules/.bin:$PATH"

# stylers' macros declare unstable features; host builds that include them need this too.
export RUSTC_BOOTSTRAP=1
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

if command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  SWITCHBOARD_WASM_TOOLCHAIN=rustup
else
  SWITCHBOARD_WASM_TOOLCHAIN=debian
fi
export SWITCHBOARD_WASM_TOOLCHAIN

# Extra flags of the release bundle: type-erased Leptos components (smaller, faster to build) and,
# where std is built from source, panics that abort at once without their formatting machinery.
SWITCHBOARD_RELEASE_RUSTFLAGS="--cfg erase_components --cfg wasm_split -Clink-args=--emit-relocs"
if [ "$SWITCHBOARD_WASM_TOOLCHAIN" = debian ]; then
  SWITCHBOARD_RELEASE_RUSTFLAGS="$SWITCHBOARD_RELEASE_RUSTFLAGS -Zunstable-options -Cpanic=immediate-abort"
fi
export SWITCHBOARD_RELEASE_RUSTFLAGS

# Runs a command in the environment of a wasm32 build (trunk, wasm-bindgen tests).
wasm_env() {
  if [ "$SWITCHBOARD_WASM_TOOLCHAIN" = debian ]; then
    PATH="/usr/bin:$PATH" \
    RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-19/bin/wasm-ld \
    "$@"
  else
    "$@"
  fi
}
