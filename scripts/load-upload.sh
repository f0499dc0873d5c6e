#!/usr/bin/env bash
# A 1 GiB stream load through the proxy (make test-upload; not part of make test): PUT
# /proxy/<cluster>/fe/api/demo/t/_stream_load with a 1 GiB body (Content-Length, as a browser
# sends it) to the StarRocks simulator, whose FE answers 307 to a BE that reads it as a stream.
# Prints the proxy's resident memory before and its peak (VmHWM) after, the time and the bytes
# the BE received; fails if the proxy's peak grew by more than UPLOAD_MAX_GROWTH_MB (64) or the BE
# did not get every byte. Starts everything on 127.0.0.1 and stops what it started.
# Environment: UPLOAD_BYTES (1073741824), UPLOAD_MAX_GROWTH_MB (64), LOAD_PORT_BASE (the first
# free of 21000, 22000, ...), CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
BYTES="${UPLOAD_BYTES:-1073741824}"
MAX_GROWTH_MB="${UPLOAD_MAX_GROWTH_MB:-64}"
LAB_NAME=upload
. scripts/load-lab.sh

"$TARGET_DIR/debug/switchboard-sim" --port-base "$BASE" >"$WORK/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$BASE/_sim/health" 2>/dev/null && break; sleep 0.2; done
cat >"$WORK/proxy.toml" <<TOML
listen = "127.0.0.1:$PROXY_PORT"
[limits]
max_body_bytes = $((BYTES * 2))
request_timeout_ms = 600000
[[clusters]]
name = "load-starrocks"
system = "starrocks"
discovery = true
[clusters.targets]
fe = "http://127.0.0.1:$((BASE + 30))"
be = ["http://127.0.0.1:$((BASE + 40))", "http://127.0.0.1:$((BASE + 41))", "http://127.0.0.1:$((BASE + 42))"]
[clusters.auth]
basic = { username = "root" }
TOML
"$TARGET_DIR/debug/switchboard-proxy" "$WORK/proxy.toml" >/dev/null 2>"$WORK/proxy.log" &
proxy_pid=$!
pids+=("$proxy_pid")
FE="http://127.0.0.1:$PROXY_PORT/proxy/load-starrocks/fe"
for _ in $(seq 100); do curl -fsS -o /dev/null "$FE/api/health" 2>/dev/null && break; sleep 0.2; done
curl -fsS -o /dev/null "$FE/api/health" || { cat "$WORK/proxy.log" >&2; echo "upload: the proxy did not start" >&2; exit 1; }
# A small load first: the proxy learns the BEs and every code path has run once.
printf '1\n2\n' | curl -fsS -o /dev/null -T - -H "label: warm-$$" "$FE/api/demo/t/_stream_load"
rss() { awk "/^$1/ {print \$2}" "/proc/$proxy_pid/status"; }
before_kb=$(rss VmRSS)
before_hwm_kb=$(rss VmHWM)
# A sparse file: 1 GiB of zeros that costs no disk, sent with its Content-Length.
truncate -s "$BYTES" "$WORK/body"
curl -fsS -X POST "http://127.0.0.1:$BASE/_sim/uploads" -d '{"reset": true}' >/dev/null
echo "upload: PUT $FE/api/demo/t/_stream_load with $BYTES bytes"
start=$(date +%s.%N)
answer=$(curl -fsS -T "$WORK/body" -H "label: big-$$" "$FE/api/demo/t/_stream_load")
end=$(date +%s.%N)
peak_kb=$(rss VmHWM)
kill -0 "$proxy_pid" || { echo "upload: the proxy died" >&2; exit 1; }
uploads=$(curl -fsS "http://127.0.0.1:$BASE/_sim/uploads")
python3 - "$answer" "$uploads" "$before_kb" "$before_hwm_kb" "$peak_kb" "$start" "$end" "$BYTES" "$MAX_GROWTH_MB" <<'PY'
import json, sys
answer, uploads = json.loads(sys.argv[1]), json.loads(sys.argv[2])
before, before_hwm, peak = (int(x) for x in sys.argv[3:6])
secs = float(sys.argv[7]) - float(sys.argv[6])
total, max_growth = int(sys.argv[8]), int(sys.argv[9])
print(f"upload: {answer.get('Status')} ({answer.get('Message')}), LoadBytes {answer.get('LoadBytes')}; "
      f"the BE received {uploads['bytes']} bytes ({uploads['completed']} completed, {uploads['aborted']} aborted)")
print(f"upload: {total / 1048576:.0f} MiB in {secs:.1f} s ({total / 1048576 / secs:.0f} MiB/s)")
print(f"upload: proxy resident memory before {before / 1024:.1f} MB (peak so far {before_hwm / 1024:.1f} MB), "
      f"peak during the upload (VmHWM) {peak / 1024:.1f} MB")
ok = True
if answer.get("Status") != "Success" or uploads["bytes"] != total or answer.get("LoadBytes") != total:
    print("upload: FAILED: the BE did not get the whole body", file=sys.stderr); ok = False
if peak - before_hwm > max_growth * 1024:
    print(f"upload: FAILED: the proxy's peak grew by {(peak - before_hwm) / 1024:.1f} MB (limit {max_growth} MB)", file=sys.stderr); ok = False
sys.exit(0 if ok else 1)
PY
