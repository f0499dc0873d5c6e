#!/usr/bin/env bash
# Starts the demo: the simulators, a real Flink 2.3 cluster with a streaming job (FLINK=0 leaves it
# out), and the proxy serving the console on http://127.0.0.1:$PORT. Prints the console's URL and
# one line per demo cluster once everything answers. Ctrl-C or SIGTERM stops everything it
# started, Flink included; the process ids it started are listed in .demo/pids while it runs.
#
# Environment: PORT (8080), FLINK (1; 0 leaves Flink out), SIM_PORT_BASE (28000; demo/proxy.toml
# expects 28000), DEMO_READY_TIMEOUT seconds to wait for everything to answer (300).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
FLINK="${FLINK:-1}"
READY_TIMEOUT="${DEMO_READY_TIMEOUT:-300}"
export SWITCHBOARD_DEMO_PASSWORD="${SWITCHBOARD_DEMO_PASSWORD:-demo}"
STATE=.demo
PIDS="$STATE/pids"
mkdir -p "$STATE"
: >"$PIDS"

say() { echo "run-demo: $*" >&2; }

pids=()
flink_started=0
stopping=0
cleanup() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap - INT TERM
  say "stopping"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ "$flink_started" = 1 ]; then
    scripts/flink.sh stop >/dev/null 2>&1 || say "could not stop Flink (scripts/flink.sh stop)"
  fi
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -f "$PIDS"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Records a process this script started (and must stop).
started() {
  pids+=("$1")
  echo "$1 $2" >>"$PIDS"
}

target/debug/switchboard-sim --port-base "${SIM_PORT_BASE:-28000}" >"$STATE/sim.log" 2>&1 &
started $! simulators

without=()
if [ "$FLINK" = 0 ]; then
  say "FLINK=0: the demo has no Flink cluster"
  without=(--without demo-flink)
elif ! scripts/flink.sh fetch; then
  say "could not download Flink's wheels (no network?): the demo starts without Flink; FLINK=0 skips it"
  without=(--without demo-flink)
else
  scripts/flink.sh job
  flink_started=1
  scripts/flink.sh start
  # The JobManager and TaskManager daemons, for the record (scripts/flink.sh stop ends them).
  for f in .flink/state/pids/*.pid; do
    [ -f "$f" ] || continue
    while read -r p; do [ -n "$p" ] && echo "$p flink-$(basename "$f" .pid)" >>"$PIDS"; done <"$f"
  done
  scripts/flink-demo-job.sh >/dev/null || say "the demo Flink job did not start; the cluster is up without it"
fi

PORT="$PORT" target/debug/switchboard-proxy demo/proxy.toml "${without[@]}" >"$STATE/proxy.log" 2>&1 &
started $! proxy

# Waits until the proxy lists every demo cluster it should (Flink only once it answers).
want=5
[ ${#without[@]} -eq 0 ] || want=4
url="http://127.0.0.1:$PORT/"
waited=0
until [ "$(curl -fsS --max-time 2 "${url}clusters.json" 2>/dev/null | grep -o '"name":' | wc -l)" -ge "$want" ]; do
  for p in "${pids[@]}"; do
    kill -0 "$p" 2>/dev/null || { tail -n 20 "$STATE"/*.log >&2; say "a demo process ended early (logs in $STATE/)"; exit 1; }
  done
  if [ "$waited" -ge "$READY_TIMEOUT" ]; then
    tail -n 20 "$STATE"/*.log >&2
    say "the demo did not come up within ${READY_TIMEOUT}s (logs in $STATE/)"
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done

echo
echo "Switchboard console: $url"
curl -fsS "${url}clusters.json" | python3 -c '
import json, sys
for c in json.load(sys.stdin)["clusters"]:
    about = c.get("about", {})
    urls = c["endpoints"]
    roles = [k for k in ("router", "jobmanager", "fe", "meta", "node") if k in urls]
    primary = urls[roles[0]] if roles else next((urls[k] for k in urls if ":" not in k), "")
    print("  %-15s %-10s %-26s %s" % (c["name"], about.get("tag", ""), primary, about.get("description", "")))
'
echo "Ctrl-C stops everything."
wait -n "${pids[@]}" || true
say "a demo process ended (logs in $STATE/)"
