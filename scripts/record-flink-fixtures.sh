#!/usr/bin/env bash
# Records the REST responses the console's Flink models decode, from a real Flink 2.3 cluster
# running the test job (e2e/flink-job), into src/systems/flink/fixtures/2.3/*.json.
#
# It restarts the local test cluster with empty state (scripts/flink.sh), then uploads the test
# jar, runs a finite job to completion, runs and cancels a second one, and runs the main job,
# which declines a checkpoint and then fails on purpose (a failed checkpoint and an exception
# history). It waits for checkpoints, takes a savepoint and a manual checkpoint, records every
# read endpoint, rescales the job through the adaptive scheduler, disposes the savepoint and
# finally stops the job with a savepoint. The cluster is stopped at the end unless
# KEEP_RUNNING=1.
#
# Needs: bash, curl, python3 (JSON handling), java 17 (the cluster). Takes about 2 minutes.
# Absolute paths of this checkout in responses are replaced by /opt/switchboard.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FLINK="$ROOT/scripts/flink.sh"
OUT="$ROOT/src/systems/flink/fixtures/2.3"
REST="http://127.0.0.1:${FLINK_REST_PORT:-8081}"
JAR="$ROOT/.flink/jobs/switchboard-test-job.jar"
WORK="$ROOT/.flink/record"
SANITIZED_ROOT="/opt/switchboard"

log() { echo "record: $*" >&2; }
die() { echo "record: $*" >&2; exit 1; }

# Pretty-prints a JSON body (from stdin) into a fixture file, hiding this checkout's path and
# trimming very long thread dumps. A non-JSON body is a failure: every fixture must be JSON.
SAVE_JSON_PY='
import json, sys
path, root, replacement = sys.argv[1], sys.argv[2], sys.argv[3]
raw = sys.stdin.read().replace(root, replacement)
try:
    data = json.loads(raw)
except ValueError:
    sys.exit("not JSON: " + raw[:200])
if isinstance(data, dict) and isinstance(data.get("threadInfos"), list):
    data["threadInfos"] = data["threadInfos"][:8]
with open(path, "w") as f:
    json.dump(data, f, indent=1, ensure_ascii=False)
    f.write("\n")
'
save_json() {
    python3 -c "$SAVE_JSON_PY" "$OUT/$1.json" "$ROOT" "$SANITIZED_ROOT"
}

# Calls the REST API: call METHOD PATH [JSON_BODY]. Prints the body; the HTTP status goes to
# $WORK/status.
call() {
    local method="$1" path="$2" body="${3:-}"
    local args=(-sS --max-time 30 -X "$method" -o "$WORK/body" -w '%{http_code}')
    if [[ -n "$body" ]]; then
        args+=(-H 'Content-Type: application/json' -d "$body")
    fi
    curl "${args[@]}" "$REST$path" >"$WORK/status"
    cat "$WORK/body"
}

# rec NAME METHOD PATH [JSON_BODY]: records one response as fixtures/2.3/NAME.json. Only
# fixtures named error-* may have an error status.
rec() {
    local name="$1" method="$2" path="$3" body="${4:-}"
    call "$method" "$path" "$body" >/dev/null
    local status
    status="$(cat "$WORK/status")"
    if [[ "$name" != error-* && "$status" -ge 400 ]]; then
        die "$method $path answered $status: $(head -c 400 "$WORK/body")"
    fi
    save_json "$name" <"$WORK/body"
    log "$name.json  <- $method $path ($status)"
}

# jget EXPR: evaluates a Python expression over the JSON document `d` read from stdin.
jget() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# wait_for DESCRIPTION SECONDS COMMAND...: retries COMMAND every half second.
wait_for() {
    local what="$1" limit="$2"
    shift 2
    local tries=$((limit * 2))
    until "$@" >/dev/null 2>&1; do
        tries=$((tries - 1))
        ((tries > 0)) || die "timed out after ${limit}s waiting for $what"
        sleep 0.5
    done
}

# Job details are served from a cache refreshed every few seconds, so waits read the details
# themselves: what is recorded next is then consistent with what was waited for.
job_state_is() { [[ "$(call GET "/jobs/$1" | jget 'd["state"]')" == "$2" ]]; }
all_tasks_running() {
    call GET "/jobs/$1" | jget 'd["state"]=="RUNNING" and all(v["status"]=="RUNNING" for v in d["vertices"]) or sys.exit(1)'
}
completed_checkpoints_at_least() {
    call GET "/jobs/$1/checkpoints" | jget "d['counts']['completed']>=$2 or sys.exit(1)"
}
failed_checkpoints_at_least() {
    call GET "/jobs/$1/checkpoints" | jget "d['counts']['failed']>=$2 or sys.exit(1)"
}
exception_history_at_least() {
    call GET "/jobs/$1/exceptions" | jget "len(d['exceptionHistory']['entries'])>=$2 or sys.exit(1)"
}
# Metrics and accumulators reach the REST API through a periodic fetcher: wait until the running
# attempt has reported some.
job_reports_metrics() {
    call GET "/jobs/$1" | jget 'all(v["metrics"]["read-records"]>0 for v in d["vertices"] if not v["name"].startswith("Source")) or sys.exit(1)' &&
        call GET "/jobs/$1/accumulators" | jget 'len(d["user-task-accumulators"])>0 or sys.exit(1)'
}
operation_done() { call GET "$1" | jget 'd["status"]["id"]=="COMPLETED" or sys.exit(1)'; }
requirement_rescale_finished() {
    call GET "/jobs/$1/rescales/history" | jget 'any(r["triggerCause"]=="UPDATE_REQUIREMENT" and r["terminalState"] for r in d) or sys.exit(1)'
}
running_with_parallelism() {
    call GET "/jobs/$1" | jget "d['state']=='RUNNING' and all(v['status']=='RUNNING' and v['parallelism']==$2 for v in d['vertices']) or sys.exit(1)"
}
flamegraph_ready() {
    call GET "/jobs/$1/vertices/$2/flamegraph?type=FULL" | jget '(d.get("data") or {}).get("children") or sys.exit(1)'
}
backpressure_ready() {
    call GET "/jobs/$1/vertices/$2/backpressure" | jget 'd["status"]=="ok" or sys.exit(1)'
}

run_jar() { # run_jar JAR_ID PARALLELISM ARGS... -> prints the job id; the response is in $WORK/run.json
    local jar_id="$1" parallelism="$2"
    shift 2
    local args_json
    args_json="$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@")"
    call POST "/jars/$jar_id/run" "{\"programArgsList\": $args_json, \"parallelism\": $parallelism}" >"$WORK/run.json"
    [[ "$(cat "$WORK/status")" == 200 ]] || die "jar run failed: $(cat "$WORK/run.json")"
    jget 'd["jobid"]' <"$WORK/run.json"
}

vertex_id() { # vertex_id JOB NAME_PREFIX
    call GET "/jobs/$1" | jget "[v['id'] for v in d['vertices'] if v['name'].startswith('$2')][0]"
}

main() {
    command -v python3 >/dev/null || die "python3 is needed"
    mkdir -p "$OUT" "$WORK"
    log "restarting the test cluster with empty state"
    "$FLINK" stop
    rm -rf "$ROOT/.flink/state"
    "$FLINK" job
    "$FLINK" start
    rm -f "$OUT"/*.json

    # --- jars -------------------------------------------------------------------------------
    curl -sS --max-time 60 -X POST -H "Expect:" -F "jarfile=@$JAR" "$REST/jars/upload" >"$WORK/upload.json"
    save_json jars-upload <"$WORK/upload.json"
    local jar_id
    jar_id="$(jget 'd["filename"].rsplit("/",1)[-1]' <"$WORK/upload.json")"
    rec jars GET /jars
    rec jar-plan POST "/jars/$jar_id/plan" '{"programArgsList": ["--rate", "200", "--label", "plan"], "parallelism": 2}'
    rec error-jar-plan-missing POST "/jars/missing.jar/plan" '{}'

    # --- a finite job that finishes -----------------------------------------------------------
    local finite
    finite="$(run_jar "$jar_id" 1 --count 300 --rate 150 --keys 50 --label finite)"
    wait_for "the finite job to finish" 60 job_state_is "$finite" FINISHED
    rec job-detail-finished GET "/jobs/$finite"
    rec job-execution-result GET "/jobs/$finite/execution-result"
    rec job-accumulators-finished GET "/jobs/$finite/accumulators"

    # --- a job that gets cancelled ------------------------------------------------------------
    local doomed
    doomed="$(run_jar "$jar_id" 1 --rate 50 --keys 20 --label cancel-me)"
    wait_for "the job to be cancelled to run" 60 all_tasks_running "$doomed"
    wait_for "a checkpoint of the job to be cancelled" 60 completed_checkpoints_at_least "$doomed" 1
    rec job-cancel PATCH "/jobs/$doomed?mode=cancel"
    wait_for "the job to be cancelled" 60 job_state_is "$doomed" CANCELED
    rec job-detail-cancelled GET "/jobs/$doomed"
    rec job-checkpoints-cancelled GET "/jobs/$doomed/checkpoints"

    # --- the main job: fails once, restarts, checkpoints --------------------------------------
    local job
    job="$(run_jar "$jar_id" 2 --rate 200 --keys 500 --label main --fail-after 1500 --fail-times 2 --fail-checkpoint 2)"
    save_json jar-run <"$WORK/run.json"
    wait_for "the main job to decline a checkpoint" 60 failed_checkpoints_at_least "$job" 1
    wait_for "the main job to fail twice" 120 exception_history_at_least "$job" 2
    wait_for "the main job to run again" 60 all_tasks_running "$job"
    wait_for "checkpoints of the main job" 90 completed_checkpoints_at_least "$job" 4

    rec savepoint-trigger POST "/jobs/$job/savepoints" '{"cancel-job": false, "formatType": "CANONICAL"}'
    local trigger
    trigger="$(jget 'd["request-id"]' <"$OUT/savepoint-trigger.json")"
    wait_for "the savepoint" 60 operation_done "/jobs/$job/savepoints/$trigger"
    rec savepoint-status GET "/jobs/$job/savepoints/$trigger"
    local savepoint_path
    savepoint_path="$(call GET "/jobs/$job/savepoints/$trigger" | jget 'd["operation"]["location"]')"

    rec checkpoint-trigger POST "/jobs/$job/checkpoints" '{"checkpointType": "FULL"}'
    trigger="$(jget 'd["request-id"]' <"$OUT/checkpoint-trigger.json")"
    wait_for "the manual checkpoint" 60 operation_done "/jobs/$job/checkpoints/$trigger"
    rec checkpoint-trigger-status GET "/jobs/$job/checkpoints/$trigger"
    wait_for "one more periodic checkpoint" 30 completed_checkpoints_at_least "$job" 7
    wait_for "metrics of the running attempt" 60 job_reports_metrics "$job"

    local counter source sink tm
    counter="$(vertex_id "$job" "Count Per Key")"
    source="$(vertex_id "$job" "Source: Orders")"
    sink="$(vertex_id "$job" "Print")"
    tm="$(call GET /taskmanagers | jget 'd["taskmanagers"][0]["id"]')"

    # cluster
    rec overview GET /overview
    rec config GET /config
    rec jobs GET /jobs
    rec jobs-overview GET /jobs/overview
    rec jobs-metrics-list GET /jobs/metrics
    rec jobs-metrics-agg GET "/jobs/metrics?get=numRestarts,numberOfCompletedCheckpoints&agg=min,max,sum,avg"
    rec datasets GET /datasets
    rec error-job-not-found GET /jobs/00000000000000000000000000000000
    rec error-no-such-endpoint GET /no/such/endpoint
    rec applications-overview GET /applications/overview
    rec application-detail GET "/applications/$job"
    rec application-exceptions GET "/applications/$job/exceptions"

    # job
    rec job-detail GET "/jobs/$job"
    rec job-status GET "/jobs/$job/status"
    rec job-config GET "/jobs/$job/config"
    rec job-plan GET "/jobs/$job/plan"
    rec job-accumulators GET "/jobs/$job/accumulators?includeSerializedValue=false"
    rec job-exceptions GET "/jobs/$job/exceptions?maxExceptions=10"
    rec job-metrics-list GET "/jobs/$job/metrics"
    rec job-metrics GET "/jobs/$job/metrics?get=numRestarts,numberOfCompletedCheckpoints,lastCheckpointSize,lastCheckpointDuration"
    rec job-checkpoints GET "/jobs/$job/checkpoints"
    rec job-checkpoints-config GET "/jobs/$job/checkpoints/config"
    local checkpoint_id
    checkpoint_id="$(jget 'd["latest"]["completed"]["id"]' <"$OUT/job-checkpoints.json")"
    rec checkpoint-detail GET "/jobs/$job/checkpoints/details/$checkpoint_id"
    rec checkpoint-subtasks GET "/jobs/$job/checkpoints/details/$checkpoint_id/subtasks/$counter"
    rec job-jobmanager-config GET "/jobs/$job/jobmanager/config"
    rec job-jobmanager-environment GET "/jobs/$job/jobmanager/environment"
    rec job-jobmanager-log-url GET "/jobs/$job/jobmanager/log-url"
    rec job-taskmanager-log-url GET "/jobs/$job/taskmanagers/$tm/log-url"
    rec job-resource-requirements GET "/jobs/$job/resource-requirements"
    rec job-rescales-config GET "/jobs/$job/rescales/config"

    # vertex (the keyed counter: two inputs, keyed state, custom metrics and accumulators)
    call GET "/jobs/$job/vertices/$counter/backpressure" >/dev/null
    wait_for "back-pressure samples" 30 backpressure_ready "$job" "$counter"
    rec vertex-backpressure GET "/jobs/$job/vertices/$counter/backpressure"
    wait_for "a flame graph" 60 flamegraph_ready "$job" "$counter"
    rec vertex-flamegraph GET "/jobs/$job/vertices/$counter/flamegraph?type=FULL"
    rec vertex-detail GET "/jobs/$job/vertices/$counter"
    rec vertex-detail-source GET "/jobs/$job/vertices/$source"
    rec vertex-accumulators GET "/jobs/$job/vertices/$counter/accumulators"
    rec vertex-watermarks GET "/jobs/$job/vertices/$counter/watermarks"
    rec vertex-metrics-list GET "/jobs/$job/vertices/$counter/metrics"
    rec vertex-metrics GET "/jobs/$job/vertices/$counter/metrics?get=0.numRecordsIn,1.numRecordsIn,0.Count_Per_Key.switchboardEventsCounted,0.Count_Per_Key.switchboardLabel"
    rec vertex-subtasks-metrics GET "/jobs/$job/vertices/$counter/subtasks/metrics?get=numRecordsIn,numRecordsOut,busyTimeMsPerSecond&agg=min,max,sum,avg"
    rec vertex-subtasks-metrics-list GET "/jobs/$job/vertices/$counter/subtasks/metrics"
    rec vertex-subtasks-accumulators GET "/jobs/$job/vertices/$counter/subtasks/accumulators"
    rec vertex-subtask GET "/jobs/$job/vertices/$counter/subtasks/0"
    local attempt
    attempt="$(jget 'd["attempt"]' <"$OUT/vertex-subtask.json")"
    rec vertex-subtask-attempt GET "/jobs/$job/vertices/$counter/subtasks/0/attempts/$attempt"
    rec vertex-subtask-attempt-accumulators GET "/jobs/$job/vertices/$counter/subtasks/0/attempts/$attempt/accumulators"
    rec vertex-subtask-metrics GET "/jobs/$job/vertices/$counter/subtasks/0/metrics?get=numRecordsIn,numRecordsOut,Count_Per_Key.switchboardEventsCounted"
    rec vertex-subtasktimes GET "/jobs/$job/vertices/$counter/subtasktimes"
    rec vertex-taskmanagers GET "/jobs/$job/vertices/$counter/taskmanagers"
    rec vertex-watermarks-sink GET "/jobs/$job/vertices/$sink/watermarks"

    # task managers
    rec taskmanagers GET /taskmanagers
    rec taskmanager-detail GET "/taskmanagers/$tm"
    rec taskmanager-metrics-list GET "/taskmanagers/$tm/metrics"
    rec taskmanager-metrics GET "/taskmanagers/$tm/metrics?get=Status.JVM.Memory.Heap.Used,Status.JVM.CPU.Load,Status.Shuffle.Netty.UsedMemory"
    rec taskmanagers-metrics-agg GET "/taskmanagers/metrics?get=Status.JVM.Memory.Heap.Used&agg=min,max,sum,avg"
    rec taskmanager-logs GET "/taskmanagers/$tm/logs"
    rec taskmanager-thread-dump GET "/taskmanagers/$tm/thread-dump"
    rec taskmanager-profiler-trigger POST "/taskmanagers/$tm/profiler" '{"mode": "ITIMER", "duration": 2}'
    sleep 4
    rec taskmanager-profiler GET "/taskmanagers/$tm/profiler"

    # job manager
    rec jobmanager-config GET /jobmanager/config
    rec jobmanager-environment GET /jobmanager/environment
    rec jobmanager-logs GET /jobmanager/logs
    rec jobmanager-metrics-list GET /jobmanager/metrics
    rec jobmanager-metrics GET "/jobmanager/metrics?get=Status.JVM.Memory.Heap.Used,numRegisteredTaskManagers,numRunningJobs,taskSlotsAvailable,taskSlotsTotal"
    rec jobmanager-thread-dump GET /jobmanager/thread-dump
    rec jobmanager-profiler GET /jobmanager/profiler

    # rescaling: the 1.x trigger (gone in 2.x), then the adaptive scheduler's requirements
    rec error-rescaling-trigger PATCH "/jobs/$job/rescaling?parallelism=1"
    local lowered
    lowered="$(jget 'json.dumps({k: {"parallelism": {"lowerBound": 1, "upperBound": 1}} for k in d})' \
        <"$OUT/job-resource-requirements.json")"
    rec job-resource-requirements-put PUT "/jobs/$job/resource-requirements" "$lowered"
    wait_for "the rescale" 150 requirement_rescale_finished "$job"
    wait_for "the rescaled job to run" 60 running_with_parallelism "$job" 1
    rec job-rescales-overview GET "/jobs/$job/rescales/overview"
    rec job-rescales-history GET "/jobs/$job/rescales/history"
    rec job-rescales-summary GET "/jobs/$job/rescales/summary"
    local rescale_id
    rescale_id="$(jget '[r["rescaleUuid"] for r in d if r["triggerCause"]=="UPDATE_REQUIREMENT"][0]' <"$OUT/job-rescales-history.json" 2>/dev/null || true)"
    if [[ -n "$rescale_id" ]]; then
        rec job-rescales-details GET "/jobs/$job/rescales/details/$rescale_id"
    else
        log "no rescale id found in the history; job-rescales-details not recorded"
    fi
    rec job-detail-rescaled GET "/jobs/$job"

    # savepoint disposal
    rec savepoint-disposal-trigger POST /savepoint-disposal "{\"savepoint-path\": \"$savepoint_path\"}"
    trigger="$(jget 'd["request-id"]' <"$OUT/savepoint-disposal-trigger.json")"
    wait_for "the savepoint disposal" 60 operation_done "/savepoint-disposal/$trigger"
    rec savepoint-disposal-status GET "/savepoint-disposal/$trigger"

    # stop with savepoint: the main job ends FINISHED
    rec stop-trigger POST "/jobs/$job/stop" '{"drain": false}'
    trigger="$(jget 'd["request-id"]' <"$OUT/stop-trigger.json")"
    wait_for "stop with savepoint" 90 operation_done "/jobs/$job/savepoints/$trigger"
    rec stop-status GET "/jobs/$job/savepoints/$trigger"
    wait_for "the stopped job to finish" 60 job_state_is "$job" FINISHED
    rec job-detail-stopped GET "/jobs/$job"
    rec jobs-overview-after GET /jobs/overview

    rm -rf "$WORK"
    if [[ "${KEEP_RUNNING:-0}" != 1 ]]; then
        "$FLINK" stop
    fi
    log "done: $(find "$OUT" -name "*.json" | wc -l) fixtures in ${OUT#"$ROOT"/}"
}

main "$@"
