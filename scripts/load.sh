#!/usr/bin/env bash
# The proxy under load (make test-load): 200 concurrent clients for 30 s through the proxy to the
# Druid simulator, which answers 10% of requests 500 ms late and 10% with a 500 (its `mix` fault).
# Uses oha (scripts/setup.sh load installs it). Prints throughput, p50/p99 latency, the answers'
# statuses and the proxy's peak memory (VmHWM). Starts everything on 127.0.0.1 and stops what it
# started. Environment: CLIENTS (200), DURATION (30s), LOAD_PORT_BASE (the first free of 21000, 22000, ...), CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS="${CLIENTS:-200}"
DURATION="${DURATION:-30s}"
LAB_NAME=load
. scripts/load-lab.sh
command -v oha >/dev/null || { echo "load: no oha: run scripts/setup.sh load" >&2; exit 1; }

"$TARGET_DIR/debug/switchboard-sim" --port-base "$BASE" --fault druid=mix:500 >"$WORK/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$BASE/_sim/faults" 2>/dev/null | grep -q '"mix"' && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$BASE/_sim/faults" 2>/dev/null | grep -q '"mix"' || { cat "$WORK/sim.log" >&2; echo "load: the simulator did not start with its mix fault" >&2; exit 1; }
cat >"$WORK/proxy.toml" <<TOML
listen = "127.0.0.1:$PROXY_PORT"
[limits]
max_connections = 512
[[clusters]]
name = "load-druid"
system = "druid"
[clusters.targets]
router = "http://127.0.0.1:$((BASE + 888))"
TOML
"$TARGET_DIR/debug/switchboard-proxy" "$WORK/proxy.toml" >/dev/null 2>"$WORK/proxy.log" &
proxy_pid=$!
pids+=("$proxy_pid")
URL="http://127.0.0.1:$PROXY_PORT/proxy/load-druid/router/status/health"
for _ in $(seq 100); do curl -fsS -o /dev/null "$URL" 2>/dev/null && break; sleep 0.2; done

echo "load: $CLIENTS clients for $DURATION: GET $URL (10% of answers 500 ms slow, 10% failing)"
oha --no-tui -c "$CLIENTS" -z "$DURATION" --output-format json "$URL" >"$WORK/oha.json"
peak_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$proxy_pid/status")
kill -0 "$proxy_pid" || { echo "load: the proxy died" >&2; exit 1; }
python3 - "$WORK/oha.json" "$peak_kb" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]; p = r["latencyPercentiles"]
codes = r.get("statusCodeDistribution", {})
errors = r.get("errorDistribution", {})
print(f"load: {s['requestsPerSec']:.0f} requests/s, success rate {s['successRate']*100:.1f}%")
print(f"load: latency p50 {p['p50']*1000:.1f} ms, p99 {p['p99']*1000:.1f} ms, slowest {s['slowest']*1000:.1f} ms")
print(f"load: statuses {dict(sorted(codes.items()))}, connection errors {errors or 0}")
print(f"load: proxy peak memory (VmHWM) {int(sys.argv[2]) / 1024:.1f} MB")
PY
