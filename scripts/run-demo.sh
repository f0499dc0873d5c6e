#!/usr/bin/env bash
# Starts the demo: the simulators, a real Flink cluster when its wheels are here (or FLINK=1), and
# the proxy serving the console on http://127.0.0.1:$PORT. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
FLINK="${FLINK:-auto}"
export SWITCHBOARD_DEMO_PASSWORD="${SWITCHBOARD_DEMO_PASSWORD:-demo}"
pids=()
flink_started=0
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ "$flink_started" = 1 ]; then scripts/flink.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT INT TERM

target/debug/switchboard-sim --port-base "${SIM_PORT_BASE:-28000}" &
pids+=($!)

without=()
if [ "$FLINK" = 1 ] || { [ "$FLINK" = auto ] && [ -d .flink/home/pyflink ]; }; then
  scripts/flink.sh fetch
  scripts/flink.sh job
  scripts/flink.sh start
  flink_started=1
  scripts/flink-demo-job.sh || echo "run-demo: the demo Flink job did not start; the cluster is up without it" >&2
elif [ "$FLINK" = 0 ]; then
  echo "run-demo: FLINK=0: the demo has no Flink cluster" >&2
  without=(--without demo-flink)
else
  echo "run-demo: no Flink wheels in .flink/ (make run FLINK=1 fetches them): the demo has no Flink cluster" >&2
  without=(--without demo-flink)
fi

echo "run-demo: console on http://127.0.0.1:$PORT"
PORT="$PORT" target/debug/switchboard-proxy demo/proxy.toml "${without[@]}" &
pids+=($!)
wait -n "${pids[@]}"
