#!/usr/bin/env bash
# Checks that src/systems/starrocks/ENDPOINTS.md lists every endpoint of the StarRocks HTTP API
# reference with its view or action: each row `| METHOD | PATH |` of the reference's three tables
# (in order: the FE's, the BE's, the CN's) must appear in the coverage table as
# `| fe|be|cn | METHOD | `PATH` | <view or action> |`, with a view or action written.
#   scripts/starrocks-endpoints.sh [reference.md]   (default ../shared/api-docs/starrocks-http-api.zh.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ref="${1:-../shared/api-docs/starrocks-http-api.zh.md}"
doc=src/systems/starrocks/ENDPOINTS.md
[ -r "$ref" ] || { echo "cannot read the reference $ref" >&2; exit 2; }

# node|METHOD|PATH of every reference row; a table starts at its `|---` line.
rows=$(awk -F'|' '
  /^\|-/ { table++; next }
  /^\|/ && table > 0 {
    m = $2; p = $3; gsub(/^[ \t]+|[ \t]+$/, "", m); gsub(/^[ \t]+|[ \t]+$/, "", p)
    if (m == "" || p == "" || m ~ /HTTP/) next
    node = (table == 1 ? "fe" : table == 2 ? "be" : "cn")
    print node "|" m "|" p
  }' "$ref")

total=0; missing=0
while IFS='|' read -r node method path; do
  total=$((total + 1))
  line=$(grep -F "| $node | $method | \`$path\` |" "$doc" | head -n1 || true)
  view=$(printf '%s' "$line" | awk -F'|' '{ v = $5; gsub(/^[ \t]+|[ \t]+$/, "", v); print v }')
  if [ -z "$line" ] || [ -z "$view" ]; then
    echo "missing: $node $method $path"
    missing=$((missing + 1))
  fi
done <<< "$rows"
listed=$(grep -cE '^\| (fe|be|cn) \| ' "$doc" || true)
echo "$total endpoints in the reference, $((total - missing)) listed with a view or action; $listed rows in the coverage table"
[ "$missing" -eq 0 ] && [ "$listed" -eq "$total" ]
