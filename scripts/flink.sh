#!/usr/bin/env bash
# A real Apache Flink 2.3 session cluster for tests, run from the two PyPI wheels that carry the
# full Flink distribution (no Python environment involved: the wheels are only unpacked).
#
#   scripts/flink.sh fetch    download the 2.3.0 wheels into .flink/wheels/ and unpack .flink/home/
#   scripts/flink.sh start    write the cluster config, start JM + TM, wait for a task manager
#   scripts/flink.sh stop     stop the cluster
#   scripts/flink.sh stop-jm  stop only the job manager this script started (a fault test)
#   scripts/flink.sh start-jm start it again and wait until a task manager has registered again
#   scripts/flink.sh job      compile e2e/flink-job into .flink/jobs/switchboard-test-job.jar
#   scripts/flink.sh status   say whether the cluster answers, and what runs on it
#
# Environment: FLINK_REST_PORT (default 8081), FLINK_START_TIMEOUT seconds (default 120),
# FLINK_TASK_SLOTS (default 2), PIP (default: python3 -m pip).
# Everything lives under .flink/ (gitignored); only 127.0.0.1 is used.
set -euo pipefail

FLINK_VERSION=2.3.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOT="$ROOT/.flink"
WHEELS="$DOT/wheels"
HOME_DIR="$DOT/home"
export FLINK_HOME="$HOME_DIR/pyflink"
STATE="$DOT/state"
JOBS="$DOT/jobs"
JOB_SRC="$ROOT/e2e/flink-job"
JOB_JAR="$JOBS/switchboard-test-job.jar"
JOB_PADDING_BYTES=$((24 * 1024 * 1024))
REST_PORT="${FLINK_REST_PORT:-8081}"
REST="http://127.0.0.1:$REST_PORT"
START_TIMEOUT="${FLINK_START_TIMEOUT:-120}"
TASK_SLOTS="${FLINK_TASK_SLOTS:-2}"

die() { echo "flink.sh: $*" >&2; exit 1; }

pip_cmd() {
    if [[ -n "${PIP:-}" ]]; then
        # shellcheck disable=SC2086
        $PIP "$@"
    elif command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then
        python3 -m pip "$@"
    elif command -v pip3 >/dev/null; then
        pip3 "$@"
    else
        die "pip is needed to download the Flink wheels (apt-get install python3-pip)"
    fi
}

have_wheels() {
    compgen -G "$WHEELS/apache_flink-$FLINK_VERSION-*.whl" >/dev/null &&
        compgen -G "$WHEELS/apache_flink_libraries-$FLINK_VERSION-*.whl" >/dev/null
}

cmd_fetch() {
    if [[ -x "$FLINK_HOME/bin/start-cluster.sh" && -f "$FLINK_HOME/lib/flink-dist-$FLINK_VERSION.jar" ]]; then
        return 0
    fi
    command -v unzip >/dev/null || die "unzip is needed (apt-get install unzip)"
    mkdir -p "$WHEELS"
    if ! have_wheels; then
        echo "flink.sh: downloading the apache-flink $FLINK_VERSION wheels (about 330 MB, once) into $WHEELS" >&2
        # Only the scripts and jars inside are used, so pin one wheel variant: the result is
        # the same whatever Python the machine has. pip prints each file with its size, and a
        # progress bar when this runs in a terminal.
        local progress=off
        [[ -t 2 ]] && progress=on
        pip_cmd download --no-deps --only-binary=:all: --progress-bar "$progress" \
            --retries 2 --timeout 30 --disable-pip-version-check \
            --python-version 3.11 --implementation cp --platform manylinux2014_x86_64 \
            -d "$WHEELS" "apache-flink==$FLINK_VERSION" "apache-flink-libraries==$FLINK_VERSION" >&2 ||
            true
        have_wheels || die "could not download the Flink wheels (is the package registry reachable?)"
        have_wheels || die "pip download finished but the wheels are not in $WHEELS"
    fi
    local tmp="$DOT/home.partial"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    unzip -q "$WHEELS"/apache_flink_libraries-"$FLINK_VERSION"-*.whl 'pyflink/*' -d "$tmp"
    unzip -qo "$WHEELS"/apache_flink-"$FLINK_VERSION"-*.whl 'pyflink/bin/*' 'pyflink/conf/*' -d "$tmp"
    chmod +x "$tmp"/pyflink/bin/*
    mkdir -p "$tmp/pyflink/log"
    cp "$tmp/pyflink/conf/config.yaml" "$tmp/pyflink/conf/config.yaml.dist"
    rm -rf "$HOME_DIR"
    mv "$tmp" "$HOME_DIR"
}

rest_up() { curl -fsS --max-time 2 "$REST/overview" 2>/dev/null; }

# The JVM options line of the distribution's config (module opens that Flink needs on Java 17).
dist_java_opts() {
    sed -n 's/^ *all: *//p' "$FLINK_HOME/conf/config.yaml.dist" | head -n 1
}

write_config() {
    mkdir -p "$STATE"/{checkpoints,savepoints,uploads,tmp,pids,web}
    local opts
    opts="$(dist_java_opts)"
    cat >"$FLINK_HOME/conf/config.yaml" <<EOF
# Written by scripts/flink.sh start: a small local session cluster for tests.
env.java.opts.all: "$opts"
env.pid.dir: $STATE/pids
jobmanager.bind-host: 127.0.0.1
jobmanager.rpc.address: localhost
jobmanager.rpc.port: 6123
jobmanager.memory.process.size: 1024m
jobmanager.execution.failover-strategy: region
jobmanager.scheduler: adaptive
taskmanager.bind-host: 127.0.0.1
taskmanager.host: localhost
taskmanager.numberOfTaskSlots: $TASK_SLOTS
taskmanager.memory.process.size: 1536m
taskmanager.memory.managed.fraction: 0.2
parallelism.default: 1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $REST_PORT
rest.flamegraph.enabled: true
metrics.fetcher.update-interval: 3000
rest.profiling.enabled: true
web.submit.enable: true
web.cancel.enable: true
web.rescale.enable: true
web.adaptive-scheduler.rescale-history.size: 20
web.exception-history-size: 16
web.checkpoints.history: 30
web.upload.dir: $STATE/uploads
web.tmpdir: $STATE/web
io.tmp.dirs: $STATE/tmp
state.backend.type: hashmap
execution.checkpointing.dir: file://$STATE/checkpoints
execution.checkpointing.savepoint-dir: file://$STATE/savepoints
execution.checkpointing.num-retained: 3
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 1000
restart-strategy.fixed-delay.delay: 2 s
EOF
}

taskmanagers_registered() {
    local overview
    overview="$(rest_up)" || return 1
    [[ "$overview" =~ \"taskmanagers\":([0-9]+) ]] && ((BASH_REMATCH[1] >= 1))
}

cmd_start() {
    cmd_fetch
    command -v java >/dev/null || die "java (17 or newer) is needed (apt-get install openjdk-17-jdk-headless)"
    command -v curl >/dev/null || die "curl is needed"
    if taskmanagers_registered; then
        echo "flink.sh: cluster already running at $REST"
        return 0
    fi
    if rest_up >/dev/null; then
        die "something answers on $REST but has no task manager; run scripts/flink.sh stop first"
    fi
    write_config
    "$FLINK_HOME/bin/start-cluster.sh" >"$STATE/start.out" 2>&1 ||
        { cat "$STATE/start.out" >&2; die "start-cluster.sh failed"; }
    local waited=0
    until taskmanagers_registered; do
        if ((waited >= START_TIMEOUT)); then
            echo "flink.sh: no task manager registered at $REST after ${START_TIMEOUT}s; last log lines:" >&2
            tail -n 20 "$FLINK_HOME"/log/*.log >&2 2>/dev/null || true
            die "cluster did not come up (see $FLINK_HOME/log/)"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "flink.sh: Flink $FLINK_VERSION up at $REST after ${waited}s"
}

cmd_stop() {
    [[ -x "$FLINK_HOME/bin/stop-cluster.sh" ]] || return 0
    [[ -f "$FLINK_HOME/conf/config.yaml" ]] || return 0
    "$FLINK_HOME/bin/stop-cluster.sh" >/dev/null 2>&1 || true
    local waited=0
    while rest_up >/dev/null; do
        if ((waited >= 30)); then
            die "cluster at $REST still answers 30s after stop-cluster.sh"
        fi
        sleep 1
        waited=$((waited + 1))
    done
}

# Only the job manager whose pid file is under .flink/state/pids (the one `start` started).
cmd_stop_jm() {
    [[ -f "$FLINK_HOME/conf/config.yaml" ]] || die "no cluster config: the cluster was not started here"
    "$FLINK_HOME/bin/jobmanager.sh" stop >/dev/null 2>&1 || die "jobmanager.sh stop failed"
    local waited=0
    while rest_up >/dev/null; do
        ((waited >= 30)) && die "the job manager at $REST still answers 30s after jobmanager.sh stop"
        sleep 1
        waited=$((waited + 1))
    done
}

cmd_start_jm() {
    [[ -f "$FLINK_HOME/conf/config.yaml" ]] || die "no cluster config: the cluster was not started here"
    "$FLINK_HOME/bin/jobmanager.sh" start >"$STATE/start-jm.out" 2>&1 ||
        { cat "$STATE/start-jm.out" >&2; die "jobmanager.sh start failed"; }
    local waited=0
    until taskmanagers_registered; do
        ((waited >= START_TIMEOUT)) && die "no task manager registered at $REST ${START_TIMEOUT}s after the job manager started"
        sleep 1
        waited=$((waited + 1))
    done
}

cmd_job() {
    cmd_fetch
    command -v javac >/dev/null || die "javac (JDK 17) is needed (apt-get install openjdk-17-jdk-headless)"
    local sources newest
    sources="$(find "$JOB_SRC/src" -name '*.java' | sort)"
    [[ -n "$sources" ]] || die "no Java sources under $JOB_SRC/src"
    if [[ -f "$JOB_JAR" && "$(stat -c %s "$JOB_JAR")" -ge "$JOB_PADDING_BYTES" ]]; then
        newest="$(find "$JOB_SRC" -newer "$JOB_JAR" -type f | head -n 1)"
        [[ -z "$newest" ]] && return 0
    fi
    local build="$JOBS/build"
    rm -rf "$build"
    mkdir -p "$build/classes"
    # shellcheck disable=SC2086
    javac -nowarn -encoding UTF-8 --release 17 -cp "$FLINK_HOME/lib/*" -d "$build/classes" $sources
    # Incompressible padding, so that the jar is as big as a real job's and an upload through the
    # console takes long enough for its progress bar to be seen moving.
    head -c "$JOB_PADDING_BYTES" /dev/urandom >"$build/classes/switchboard-padding.bin"
    jar cfm "$JOB_JAR.partial" "$JOB_SRC/MANIFEST.MF" -C "$build/classes" .
    mv "$JOB_JAR.partial" "$JOB_JAR"
    rm -rf "$build"
    echo "flink.sh: built $JOB_JAR"
}

cmd_status() {
    local overview
    if overview="$(rest_up)"; then
        echo "Flink answers at $REST"
        echo "overview: $overview"
        echo "jobs: $(curl -fsS --max-time 2 "$REST/jobs" || echo '?')"
    else
        echo "Flink does not answer at $REST"
        return 1
    fi
}

case "${1:-}" in
fetch) cmd_fetch ;;
start) cmd_start ;;
stop) cmd_stop ;;
stop-jm) cmd_stop_jm ;;
start-jm) cmd_start_jm ;;
job) cmd_job ;;
status) cmd_status ;;
*)
    echo "usage: scripts/flink.sh fetch|start|stop|stop-jm|start-jm|job|status" >&2
    exit 2
    ;;
esac
