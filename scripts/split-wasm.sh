#!/usr/bin/env bash
# Trunk's post-build step: splits the release wasm into the main module and one chunk per system.
#
# Trunk builds the crate and runs wasm-bindgen on the whole module; the split must happen before
# wasm-bindgen, so this step starts again from cargo's output (built with --emit-relocs and
# --cfg wasm_split, see scripts/env.sh):
#   1. wasm-split-cli cuts the module at each `chunk!` (src/systems/chunk.rs) into the main module,
#      one split_<name>.wasm per chunk, chunk_<n>.wasm for code several chunks share, and
#      __wasm_split.js, the loader that fetches them;
#   2. wasm-bindgen --keep-lld-exports writes the JS glue of the main module under trunk's names;
#   3. wasm-opt -Oz shrinks every module;
#   4. chunks and loader get content-hashed names (cached for a year by the proxy), and index.html
#      gets the new integrity hashes and a modulepreload of the loader.
# Builds without split points (debug builds, `trunk serve`) are left as trunk made them.
set -euo pipefail

[ "${TRUNK_PROFILE:-}" = release ] || exit 0
stage="$TRUNK_STAGING_DIR"
target_dir="${CARGO_TARGET_DIR:-$TRUNK_SOURCE_DIR/target}"
input="$target_dir/wasm32-unknown-unknown/release/switchboard.wasm"
[ -f "$input" ] || { echo "split-wasm: no cargo output at $input" >&2; exit 1; }
if ! grep -qa "__wasm_split_placeholder__" "$input"; then
  echo "split-wasm: $input has no split points; bundle left as one module"
  exit 0
fi

main_js=$(cd "$stage" && ls switchboard-*.js)
stem="${main_js%.js}"
[ -f "$stage/${stem}_bg.wasm" ] || { echo "split-wasm: no ${stem}_bg.wasm in $stage" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-split-cli "$input" "$work/split" --target web --out-name "$stem" >/dev/null
wasm-bindgen "$work/split/$stem.wasm" --target web --no-typescript --keep-lld-exports \
  --out-name "$stem" --out-dir "$work/out"

hash16() { sha256sum "$1" | cut -c1-16; }
sri() { echo "sha384-$(openssl dgst -sha384 -binary "$1" | base64 -w0)"; }

wasm-opt -Oz "$work/out/${stem}_bg.wasm" -o "$stage/${stem}_bg.wasm" 2>/dev/null
loader="$work/split/__wasm_split.js"
# split_<system>.wasm: a system's chunk; chunk_<n>.wasm: code that several chunks share.
for chunk in "$work"/split/*.wasm; do
  file=$(basename "$chunk")
  [ "$file" != "$stem.wasm" ] || continue
  name="${file%.wasm}"
  case "$name" in
    split_*) name="${name#split_}" ;;
    chunk_*) name="shared-${name#chunk_}" ;;
  esac
  wasm-opt -Oz "$chunk" -o "$work/$name.wasm" 2>/dev/null
  hashed="$name-$(hash16 "$work/$name.wasm").wasm"
  mv "$work/$name.wasm" "$stage/$hashed"
  sed -i "s|\"./$file\"|\"./$hashed\"|" "$loader"
  grep -q "\"./$hashed\"" "$loader" || { echo "split-wasm: the loader does not name $file" >&2; exit 1; }
  echo "split-wasm: chunk $hashed ($(stat -c %s "$stage/$hashed") bytes)"
done
loader_name="split-loader-$(hash16 "$loader").js"
cp "$loader" "$stage/$loader_name"
# Only the import statement: the import object keeps the module name the wasm asks for.
sed -E "s|^(import .* from [\"'])\./__wasm_split\.js([\"'])|\1./$loader_name\2|" \
  "$work/out/$stem.js" > "$stage/$main_js"
grep -q "$loader_name" "$stage/$main_js" || { echo "split-wasm: the glue does not import the loader" >&2; exit 1; }
if [ -d "$work/out/snippets" ]; then cp -r "$work/out/snippets" "$stage/"; fi

# index.html: integrity of the rewritten files, and the loader fetched beside the glue.
html="$stage/index.html"
public_url="${TRUNK_PUBLIC_URL:-/}"
js_sri=$(sri "$stage/$main_js")
wasm_sri=$(sri "$stage/${stem}_bg.wasm")
loader_sri=$(sri "$stage/$loader_name")
sed -i -E \
  -e "s|(href=\"[^\"]*$main_js\"[^>]*integrity=\")[^\"]*|\1$js_sri|" \
  -e "s|(href=\"[^\"]*${stem}_bg.wasm\"[^>]*integrity=\")[^\"]*|\1$wasm_sri|" \
  -e "s|</head>|<link rel=\"modulepreload\" href=\"$public_url$loader_name\" crossorigin=\"anonymous\" integrity=\"$loader_sri\"></head>|" \
  "$html"
grep -q "$js_sri" "$html" && grep -q "$wasm_sri" "$html" ||
  { echo "split-wasm: could not update index.html's integrity attributes" >&2; exit 1; }
echo "split-wasm: main ${stem}_bg.wasm ($(stat -c %s "$stage/${stem}_bg.wasm") bytes), loader $loader_name"
