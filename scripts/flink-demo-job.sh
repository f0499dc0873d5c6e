#!/usr/bin/env bash
# Uploads the test job to the Flink cluster on 127.0.0.1:${FLINK_REST_PORT:-8081} and runs it, so the
# demo has a streaming job to look at. Prints the job id.
set -euo pipefail
cd "$(dirname "$0")/.."
rest="http://127.0.0.1:${FLINK_REST_PORT:-8081}"
jar=.flink/jobs/switchboard-test-job.jar
if curl -fsS "$rest/jobs/overview" | grep -q '"state":"RUNNING"'; then
  exit 0
fi
upload=$(curl -fsS -X POST -F "jarfile=@$jar;type=application/x-java-archive" "$rest/jars/upload")
id=$(printf '%s' "$upload" | sed -n 's/.*"filename":"[^"]*\/\([^"/]*\)".*/\1/p')
[ -n "$id" ] || { echo "flink-demo-job: upload failed: $upload" >&2; exit 1; }
curl -fsS -X POST -H 'Content-Type: application/json' \
  -d '{"programArgsList":["--rate","20","--keys","16","--label","demo"],"parallelism":2}' \
  "$rest/jars/$id/run"
echo
