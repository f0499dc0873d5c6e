#!/usr/bin/env bash
# The demo as a newcomer gets it, checked: starts scripts/run-demo.sh (what `make run` runs once
# the console is built) and asserts that
#   1. it prints the console's URL and one line per demo cluster, five of them, each tagged
#      simulated or real (Flink real), within DEMO_READY_TIMEOUT;
#   2. Flink runs the demo job;
#   3. headless Chromium renders the home page with five clusters whose health badges are Ok;
#   4. Ctrl-C (SIGINT to the demo's process group, as a terminal sends it) stops everything:
#      no process id it recorded in .demo/pids is alive afterwards, Flink's included.
# Expects dist/ and the native binaries (`make test-demo` builds them). Uses the demo's own ports
# (console on DEMO_CHECK_PORT, default 18080; simulators on 28000; Flink on 8081).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${DEMO_CHECK_PORT:-18080}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
LOG="$(mktemp "${TMPDIR:-/tmp}/switchboard-demo.XXXXXX")"
fail() {
  echo "demo-check: FAILED: $*" >&2
  echo "----- demo output -----" >&2
  tail -n 40 "$LOG" >&2
  exit 1
}

for p in "$PORT" 28888 8081; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    fail "port $p is taken (a demo or Flink already running?): stop it first"
  fi
done

# Job control: the demo gets its own process group, as it would in a terminal, and SIGINT is
# not ignored in it.
set -m
PORT="$PORT" FLINK=1 scripts/run-demo.sh >"$LOG" 2>&1 &
demo=$!
set +m
stop_demo() { kill -INT -- "-$demo" 2>/dev/null || true; }
trap 'stop_demo; rm -f "$LOG"' EXIT

waited=0
until grep -q '^Ctrl-C stops everything' "$LOG"; do
  kill -0 "$demo" 2>/dev/null || fail "run-demo.sh ended before it was up"
  ((waited < 600)) || fail "the demo was not up after 600 s"
  sleep 1
  waited=$((waited + 1))
done
echo "demo-check: the demo was up after ${waited}s"

grep -q "^Switchboard console: http://127.0.0.1:$PORT/" "$LOG" || fail "no console URL printed"
lines=$(grep -cE '^  demo-(druid|cockroach|starrocks|meta) +simulated ' "$LOG" || true)
[ "$lines" = 4 ] || fail "expected 4 simulated demo clusters in the summary, saw $lines"
grep -qE '^  demo-flink +real +http://127.0.0.1:8081' "$LOG" || fail "no line for the real Flink cluster"

jobs=$(curl -fsS --max-time 5 "http://127.0.0.1:$PORT/proxy/demo-flink/jobmanager/jobs/overview")
grep -q '"state":"RUNNING"' <<<"$jobs" || fail "Flink runs no job: $jobs"

# The home page in a real browser: five clusters, five Ok badges (health is checked live).
profile="$(mktemp -d)"
ok=0
for _ in 1 2 3 4 5 6; do
  dom=$("$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --virtual-time-budget=15000 --dump-dom \
    "http://127.0.0.1:$PORT/" 2>/dev/null || true)
  ok=$(grep -o 'data-health="demo-[a-z]*"><span[^>]*data-tone="Ok"' <<<"$dom" | wc -l)
  [ "$ok" = 5 ] && break
  sleep 5
done
rm -rf "$profile"
[ "$ok" = 5 ] || fail "the home page shows $ok of 5 demo clusters healthy"
echo "demo-check: the home page lists 5 demo clusters, all healthy"

recorded=$(awk '{print $1}' .demo/pids)
[ "$(wc -w <<<"$recorded")" -ge 4 ] || fail "run-demo recorded too few processes: $recorded"
stop_demo
for _ in $(seq 60); do kill -0 "$demo" 2>/dev/null || break; sleep 1; done
kill -0 "$demo" 2>/dev/null && fail "run-demo.sh still runs 60 s after Ctrl-C"
left=()
for p in $recorded; do kill -0 "$p" 2>/dev/null && left+=("$p"); done
[ ${#left[@]} = 0 ] || fail "processes left after Ctrl-C: ${left[*]} ($(ps -o pid,cmd -p "${left[*]// /,}" | tail -n +2))"
curl -fsS --max-time 2 http://127.0.0.1:8081/overview >/dev/null 2>&1 && fail "Flink still answers after Ctrl-C"
echo "demo-check: Ctrl-C stopped all $(wc -w <<<"$recorded") recorded processes"
echo "demo-check: 4 passed, 0 failed"
