#!/usr/bin/env bash
# End-to-end tests of the console in headless Chromium (the switchboard-e2e crate).
#
# Expects dist/ and the native binaries to be built (`make test-e2e` builds them first). Starts, on
# 127.0.0.1 only: chromedriver, the simulators on a free port base (38000 unless taken, so a
# running demo on 28000 is left alone), a real Flink cluster on 8081 (scripts/flink.sh; one that
# already runs there is used and left running), the proxy with a config generated for those ports,
# a second proxy serving the console under the sub-path /console/, and a third whose only cluster
# is the simulated CockroachDB without credentials (the console logs in to it). Then runs
# `cargo test -p switchboard-e2e -- --test-threads=1`; extra arguments are passed to the test
# binary (e.g. a test name filter). Everything it started is stopped on exit, failure included.
#
# Environment: CHROMIUM (default /usr/bin/chromium), CHROMEDRIVER (default /usr/bin/chromedriver),
# CARGO_TARGET_DIR (where the binaries are; default target/), E2E_SIM_PORT_BASE (force a port base),
# E2E_DIST (the console bundle to test; default dist/), E2E_BENCH=1 (run the benchmark of
# e2e/src/bin/bench.rs instead of the tests; E2E_BENCH=table: e2e/src/bin/bench_table.rs;
# E2E_BENCH=perf: e2e/src/bin/bench_perf.rs, graph layout and the polling soak),
# E2E_FLINK=0 (no Flink cluster: for a run of tests
# that do not need it, e.g. `E2E_FLINK=0 scripts/e2e.sh druid`), E2E_SIM_ARGS (extra arguments of
# the simulator, split on spaces; e.g. `E2E_SIM_ARGS="--druid-scale large"` for a Druid cluster of
# 5,000 datasources and 200,000 segments; default none: the usual small clusters).
# Screenshots go to $CARGO_TARGET_DIR/e2e-screenshots/ (target/e2e-screenshots/ by default); logs
# of the started processes are printed when the tests fail.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

say() { echo "e2e: $*" >&2; }
die() {
    say "$*"
    exit 1
}

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
PROXY_BIN="$TARGET_DIR/debug/switchboard-proxy"
SIM_BIN="${E2E_SIM_BIN:-$TARGET_DIR/debug/switchboard-sim}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
FLINK_REST="http://127.0.0.1:${FLINK_REST_PORT:-8081}"

DIST="${E2E_DIST:-dist}"
[[ -f "$DIST/index.html" ]] || die "$DIST/ is not built: run make build (or make test-e2e)"
[[ -x "$PROXY_BIN" && -x "$SIM_BIN" ]] || die "no $PROXY_BIN or $SIM_BIN: run make native (or make test-e2e)"
[[ -x "$CHROMIUM" ]] || die "no Chromium at $CHROMIUM: run scripts/setup.sh test"
[[ -x "$CHROMEDRIVER" ]] || die "no chromedriver at $CHROMEDRIVER: run scripts/setup.sh test"
command -v curl >/dev/null || die "curl is needed"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/switchboard-e2e.XXXXXX")"
pids=()
flink_started=0
tests_failed=0

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    # Chromedriver runs in its own process group so the browsers it started go with it.
    for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    if [[ "$flink_started" == 1 ]]; then
        scripts/flink.sh stop >/dev/null 2>&1 || say "could not stop Flink (scripts/flink.sh stop)"
    fi
    if [[ "$tests_failed" == 1 || "$status" != 0 ]]; then
        for log in "$WORK"/*.log; do
            [[ -s "$log" ]] || continue
            echo "----- last lines of $(basename "$log") -----" >&2
            tail -n 25 "$log" >&2
        done
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local p
    for ((p = $1; p < $1 + 200; p++)); do
        if port_free "$p"; then
            echo "$p"
            return 0
        fi
    done
    die "no free port from $1"
}

# Waits until `curl URL` succeeds (and its body contains $3, when given), or fails after $2 seconds.
wait_http() {
    local url="$1" timeout="$2" want="${3:-}" waited=0 body
    while true; do
        if body="$(curl -fsS --max-time 2 "$url" 2>/dev/null)" && [[ -z "$want" || "$body" == *"$want"* ]]; then
            return 0
        fi
        ((waited >= timeout * 5)) && return 1
        sleep 0.2
        waited=$((waited + 1))
    done
}

# Starts a command in the background in its own process group, output to $WORK/<name>.log.
start_bg() {
    local name="$1"
    shift
    setsid "$@" >"$WORK/$name.log" 2>&1 &
    pids+=($!)
}

# The simulators' port offsets (../shared contract); a base is usable when all of them are free.
SIM_OFFSETS=(0 888 81 90 82 83 91 {200..215} 501 502 503 30 40 41 42 50 101 102 103)
sim_base_free() {
    local o
    for o in "${SIM_OFFSETS[@]}"; do port_free $(($1 + o)) || return 1; done
}
pick_sim_base() {
    if [[ -n "${E2E_SIM_PORT_BASE:-}" ]]; then
        echo "$E2E_SIM_PORT_BASE"
        return 0
    fi
    local b
    for b in 38000 39000 41000 42000 43000 44000 45000 46000; do
        if sim_base_free "$b"; then
            echo "$b"
            return 0
        fi
    done
    die "no free port base for the simulators"
}

# 1. Flink (slowest to come up): start it in the background, unless something already answers on
#    its port (another developer's cluster, or one still starting): that one is used and never stopped.
flink_pid=""
flink_has_taskmanager() { curl -fsS --max-time 2 "$FLINK_REST/overview" 2>/dev/null | grep -q '"taskmanagers":[1-9]'; }
WITH_FLINK="${E2E_FLINK:-1}"
if [[ "$WITH_FLINK" == 0 ]]; then
    say "E2E_FLINK=0: no Flink cluster (tests that need one will fail)"
# The test job's jar is built either way: the tests upload it through the console.
elif ! scripts/flink.sh job; then
    die "could not build the Flink test job"
elif curl -fsS --max-time 2 "$FLINK_REST/overview" >/dev/null 2>&1; then
    say "using the Flink cluster already answering at $FLINK_REST (it is left running)"
else
    flink_started=1
    scripts/flink.sh start >"$WORK/flink-start.log" 2>&1 &
    flink_pid=$!
fi

# 2. The simulators.
SIM_BASE="$(pick_sim_base)"
((SIM_BASE % 1000 == 0)) || die "E2E_SIM_PORT_BASE must be a multiple of 1000"
read -r -a SIM_ARGS <<<"${E2E_SIM_ARGS:-}"
start_bg sim "$SIM_BIN" --port-base "$SIM_BASE" ${SIM_ARGS[@]+"${SIM_ARGS[@]}"}
SIM_ADMIN="http://127.0.0.1:$SIM_BASE"

# 3. Chromedriver.
DRIVER_PORT="$(free_port 39515)"
start_bg chromedriver "$CHROMEDRIVER" --port="$DRIVER_PORT"
DRIVER_URL="http://127.0.0.1:$DRIVER_PORT"

# 4. The test binary builds while the services come up.
say "building the tests"
cargo test -q -p switchboard-e2e --no-run 2>"$WORK/cargo-build.log" || {
    cat "$WORK/cargo-build.log" >&2
    die "the tests do not build"
}

wait_http "$SIM_ADMIN/_sim/health" 30 || die "the simulators did not start (port base $SIM_BASE)"
wait_http "$DRIVER_URL/status" 30 '"ready":true' || die "chromedriver did not start"
if [[ -n "$flink_pid" ]]; then
    wait "$flink_pid" || {
        cat "$WORK/flink-start.log" >&2
        die "Flink did not start"
    }
fi
if [[ "$WITH_FLINK" != 0 ]]; then
    for ((i = 0; i < 120; i++)); do flink_has_taskmanager && break; sleep 1; done
    flink_has_taskmanager || die "the Flink cluster at $FLINK_REST has no task manager"
fi

# 5. The proxies: the demo config moved to the simulators' ports, once at / and once at /console/.
write_config() { # base_path dist file
    sed -e "s|127\.0\.0\.1:28\([0-9][0-9][0-9]\)|127.0.0.1:$((SIM_BASE / 1000))\1|g" \
        -e "s|^dist = .*|dist = \"$2\"|" \
        -e "s|^base_path = .*|base_path = \"$1\"|" \
        demo/proxy.toml >"$3"
    grep -q "^base_path = \"$1\"" "$3" || die "demo/proxy.toml has no base_path line to replace"
}
# A copy of the bundle, so that a rebuild of dist/ during the run changes nothing.
mkdir -p "$WORK/dist" "$WORK/dist-console"
cp -R "$DIST/." "$WORK/dist/"
write_config / "$WORK/dist" "$WORK/proxy.toml"

# The same bundle as `trunk build --public-url /console/` would write: only index.html differs
# (its <base> and asset URLs); the app reads its base path from <base> at run time.
cp -R "$DIST/." "$WORK/dist-console/"
sed -i -e 's|href="/|href="/console/|g' -e "s|'/|'/console/|g" "$WORK/dist-console/index.html"
write_config /console/ "$WORK/dist-console" "$WORK/proxy-console.toml"

# A third proxy whose only cluster is the simulated CockroachDB without credentials: the console
# logs in to it itself (the demo's top-level settings, then that one cluster).
{
    sed -n '/^\[\[clusters\]\]/q;p' "$WORK/proxy.toml"
    printf '%s\n' '[[clusters]]' 'name = "login-cockroach"' 'system = "cockroach"' \
        'tag = "simulated"' 'description = "Simulated CockroachDB; the console logs in itself"' \
        '[clusters.targets]' \
        "node = [\"http://127.0.0.1:$((SIM_BASE + 501))\", \"http://127.0.0.1:$((SIM_BASE + 502))\", \"http://127.0.0.1:$((SIM_BASE + 503))\"]"
} >"$WORK/proxy-login.toml"

export SWITCHBOARD_DEMO_PASSWORD=demo
PROXY_PORT="$(free_port 38600)"
without=()
expect='"demo-flink"'
if [[ "$WITH_FLINK" == 0 ]]; then
    without=(--without demo-flink)
    expect='"demo-druid"'
fi
start_bg proxy "$PROXY_BIN" "$WORK/proxy.toml" --listen "127.0.0.1:$PROXY_PORT" "${without[@]}"
SUB_PORT="$(free_port $((PROXY_PORT + 1)))"
start_bg proxy-console "$PROXY_BIN" "$WORK/proxy-console.toml" --listen "127.0.0.1:$SUB_PORT" "${without[@]}"
wait_http "http://127.0.0.1:$PROXY_PORT/clusters.json" 30 "$expect" ||
    die "the proxy did not start or does not list $expect"
wait_http "http://127.0.0.1:$SUB_PORT/console/clusters.json" 30 "$expect" ||
    die "the sub-path proxy did not start"
LOGIN_PORT="$(free_port $((SUB_PORT + 1)))"
start_bg proxy-login "$PROXY_BIN" "$WORK/proxy-login.toml" --listen "127.0.0.1:$LOGIN_PORT"
wait_http "http://127.0.0.1:$LOGIN_PORT/clusters.json" 30 '"login-cockroach"' ||
    die "the proxy without CockroachDB credentials did not start"

export SWITCHBOARD_E2E_URL="http://127.0.0.1:$PROXY_PORT/"
export SWITCHBOARD_E2E_SUBPATH_URL="http://127.0.0.1:$SUB_PORT/console/"
export SWITCHBOARD_E2E_LOGIN_URL="http://127.0.0.1:$LOGIN_PORT/"
export SWITCHBOARD_E2E_WEBDRIVER="$DRIVER_URL"
export SWITCHBOARD_E2E_CHROMIUM="$CHROMIUM"
export SWITCHBOARD_E2E_SIM_ADMIN="$SIM_ADMIN"
export SWITCHBOARD_E2E_SIM_PORT_BASE="$SIM_BASE"
export SWITCHBOARD_E2E_FLINK="$FLINK_REST"
# 1 when this run started the Flink cluster (only then may a test stop and start its job manager).
export SWITCHBOARD_E2E_FLINK_OWNED="$flink_started"
export SWITCHBOARD_E2E_SCREENSHOTS="$TARGET_DIR/e2e-screenshots"
export SWITCHBOARD_E2E_TMP="$WORK"
say "console $SWITCHBOARD_E2E_URL (and $SWITCHBOARD_E2E_SUBPATH_URL), simulators at base $SIM_BASE, Flink $FLINK_REST"

if [[ "${E2E_BENCH:-0}" == table ]]; then
    # The table and decoding benchmark (make bench): a bundle built with --features bench and the
    # simulator at --druid-scale large.
    cargo run -q -p switchboard-e2e --bin bench_table
    exit 0
fi
if [[ "${E2E_BENCH:-0}" == perf ]]; then
    # Graph layout and the polling soak (make bench): a bundle built with --features bench, and a
    # running job for the soak of its graph.
    scripts/flink-demo-job.sh >/dev/null
    cargo run -q -p switchboard-e2e --bin bench_perf
    exit 0
fi
if [[ "${E2E_BENCH:-0}" == 1 ]]; then
    # The benchmark (make bench) instead of the tests: it needs a running job to show.
    scripts/flink-demo-job.sh >/dev/null
    cargo run -q -p switchboard-e2e --bin bench
    exit 0
fi

# The tests' own messages say what failed; async backtraces would bury them (E2E_BACKTRACE=1 keeps them).
[[ "${E2E_BACKTRACE:-0}" == 1 ]] || export RUST_BACKTRACE=0
started=$SECONDS
# In the background, so that a signal to this script stops the run at once (the trap ends it).
setsid cargo test -q -p switchboard-e2e -- --test-threads=1 "$@" &
tests_pid=$!
pids+=("$tests_pid")
if wait "$tests_pid"; then
    say "passed in $((SECONDS - started))s"
else
    tests_failed=1
    say "FAILED after $((SECONDS - started))s (screenshots of failures in $SWITCHBOARD_E2E_SCREENSHOTS)"
    exit 1
fi
