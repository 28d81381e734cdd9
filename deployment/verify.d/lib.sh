# Shared by deployment/verify and its parts: reporting, waiting with deadlines, timing, clean-up.
# Sourced, not run.

PASSED=0 FAILED=0 SKIPPED=0
FAILURES=()

pass() { # name reason...
    local name=$1
    shift
    PASSED=$((PASSED + 1))
    echo "PASS $name: $*"
}

fail() { # name reason...
    local name=$1
    shift
    FAILED=$((FAILED + 1))
    FAILURES+=("$name")
    echo "FAIL $name: $*"
}

skip() { # name why...: a check that cannot run here says so, never silently
    local name=$1
    shift
    SKIPPED=$((SKIPPED + 1))
    echo "SKIP $name: $*"
}

# check NAME "what it proves" COMMAND...: PASS when COMMAND succeeds, else FAIL with what it printed.
check() {
    local name=$1 what=$2 out
    shift 2
    if out=$("$@" 2>&1); then
        pass "$name" "$what${out:+ ($out)}"
    else
        fail "$name" "$what: ${out:-exit $?}"
    fi
}

log() { echo "== $*"; }
note() { echo "   $*"; }
die() {
    echo "verify: $*" >&2
    exit 1
}

# wait_for SECONDS COMMAND...: polls COMMAND (every 0.1 s) until it succeeds or the deadline
# passes. The poll interval is not synchronization: the deadline is the budget, the condition is
# what is waited for.
wait_for() {
    local budget=$1 deadline
    shift
    deadline=$(($(date +%s%N) + budget * 1000000000))
    until "$@" >/dev/null 2>&1; do
        [ "$(date +%s%N)" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Timing of the stages, printed at the end: "stage seconds".
STAGES=()
STAGE_NAME= STAGE_T0=
stage() { # name: ends the previous stage and starts this one
    stage_end
    STAGE_NAME=$1 STAGE_T0=$(now_ms)
    log "stage $1"
}
stage_end() {
    [ -n "$STAGE_NAME" ] || return 0
    local ms=$(($(now_ms) - STAGE_T0))
    STAGES+=("$(printf '%-22s %6d.%01d s' "$STAGE_NAME" $((ms / 1000)) $((ms % 1000 / 100)))")
    STAGE_NAME=
}

# Clean-up actions, run last-in first-out on exit (also on failure and on a signal).
CLEANUPS=()
on_exit() { CLEANUPS+=("$*"); }
run_cleanups() {
    local i
    for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do
        eval "${CLEANUPS[$i]}" >/dev/null 2>&1 || true
    done
    CLEANUPS=()
}

# http_status URL: the HTTP status code of a GET, or 000 when nothing answered.
http_status() {
    curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true
}

# rpc URL METHOD PARAMS_JSON: the JSON-RPC answer's result (compact JSON), or fails.
rpc() {
    local answer
    answer=$(curl -sf -m 3 -H 'Content-Type: application/json' \
        -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":$3}" "$1") || return 1
    jq -ce 'if has("result") then .result else error("no result: \(.)") end' <<<"$answer"
}

# non_json_lines FILE: prints the lines of FILE that are not one JSON object each (none: all JSON).
non_json_lines() {
    jq -R -r '. as $line | try (fromjson | if type == "object" then empty else $line end) catch $line' "$1"
}

# rss_mib PID: the resident set of a process, in MiB with one decimal.
rss_mib() {
    awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# within_percent A B PERCENT: |A - B| <= PERCENT % of B.
within_percent() {
    awk -v a="$1" -v b="$2" -v p="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= b * p / 100) }'
}
