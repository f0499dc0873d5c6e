# Sourced by scripts/load.sh and scripts/load-upload.sh: what both set up before starting the
# simulator and the proxy on 127.0.0.1. Needs LAB_NAME (the word of messages and of the work
# folder). Sets TARGET_DIR (CARGO_TARGET_DIR or target/), BASE (LOAD_PORT_BASE or the first free of
# 21000, 22000, ...: below the ephemeral range, so a load's own client ports in TIME_WAIT do not
# collide), PROXY_PORT, WORK (removed on exit) and pids (the processes stopped on exit).
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$PWD/$TARGET_DIR" ;; esac
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
BASE="${LOAD_PORT_BASE:-}"
if [[ -z "$BASE" ]]; then
    for b in 21000 22000 23000 24000 25000; do
        ok=1
        for o in 0 888 81 90 82 83 91 501 502 503 30 40 41 42 50 101 102 103 600; do
            port_free $((b + o)) || ok=0
        done
        if [[ $ok == 1 ]]; then BASE=$b; break; fi
    done
fi
[[ -n "$BASE" ]] || { echo "$LAB_NAME: no free port base" >&2; exit 1; }
PROXY_PORT=$((BASE + 600))
WORK="$(mktemp -d "${TMPDIR:-/tmp}/switchboard-$LAB_NAME.XXXXXX")"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
