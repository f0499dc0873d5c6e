#!/usr/bin/env bash
# Prints the size of the release bundle in dist/: each file raw and gzip -9; the first load (what
# index.html makes the browser fetch before the home page runs: the main wasm, its JS glue, the
# chunk loader, the CSS) against the 300 KB budget; each chunk (a system's views, the shell's other
# pages, code they share), fetched when a route first needs it; and the total. With
# SWITCHBOARD_BENCH_ROWS set, also writes the first load as a row of make bench's one table.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=$((300 * 1024))
gz() { gzip -9 -c "$1" | wc -c; }
first_raw=0 first_gz=0 chunks_raw=0 chunks_gz=0
printf '%-48s %10s %10s  %s\n' file bytes gzip-9 loaded
for f in dist/*.wasm dist/*.js dist/*.css; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  raw=$(stat -c%s "$f"); z=$(gz "$f")
  if grep -q "$name" dist/index.html; then
    when="first load"; first_raw=$((first_raw + raw)); first_gz=$((first_gz + z))
  else
    when="chunk ${name%%-*}"; chunks_raw=$((chunks_raw + raw)); chunks_gz=$((chunks_gz + z))
  fi
  printf '%-48s %10d %10d  %s\n' "$name" "$raw" "$z" "$when"
done
printf '%-48s %10d %10d\n' "first load" "$first_raw" "$first_gz"
printf '%-48s %10d %10d\n' "chunks" "$chunks_raw" "$chunks_gz"
printf '%-48s %10d %10d\n' total "$((first_raw + chunks_raw))" "$((first_gz + chunks_gz))"
awk -v gz="$first_gz" -v b="$budget" 'BEGIN { printf "first load / budget (300 KB gzipped): %.2f\n", gz / b }'
# make bench's one table (e2e/src/bin/bench_report.rs): the first load against the budget.
if [ -n "${SWITCHBOARD_BENCH_ROWS:-}" ]; then
  mkdir -p "$SWITCHBOARD_BENCH_ROWS"
  ratio=$(awk -v gz="$first_gz" -v b="$budget" 'BEGIN { printf "%.4f", gz / b }')
  printf 'first load (bytes gzip -9)\tbudget\t%d\t%d\t%s\n' "$budget" "$first_gz" "$ratio" \
    >"$SWITCHBOARD_BENCH_ROWS/bundle.tsv"
fi
