#!/usr/bin/env bash
# Prints the size of the release bundle in dist/: each file raw and gzip -9, and the total that a
# browser downloads, against the budget of the finished five-system console.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=$((300 * 1024))
total_raw=0 total_gz=0
printf '%-48s %10s %10s\n' file bytes gzip-9
for f in dist/*.wasm dist/*.js dist/*.css; do
  [ -f "$f" ] || continue
  raw=$(stat -c%s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-48s %10d %10d\n' total "$total_raw" "$total_gz"
awk -v gz="$total_gz" -v b="$budget" 'BEGIN { printf "bundle / budget (300 KB gzipped): %.2f\n", gz / b }'
