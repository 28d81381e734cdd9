# deployment/verify, part 2: the three JVM images, built from deployment/container/Dockerfile.jvm
# and run under podman. Sourced, not run; needs lib.sh and setup.sh.
#
# Every container runs in a network namespace of its own (--network none: loopback only; the
# devnet shares its pod's), so the services keep their default ports without touching the
# host's; the checks reach them with curl inside that namespace (nsenter -n).

SERVICES=(node sequencer prover)
# The built-in dev genesis trusts this key's address. It is public (Hardhat/Anvil account #0, the
# one bin/devnet uses) and only ever passed in the environment, never printed.
DEV_ONLY_SEQUENCER_KEY=ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
DEV_SEQUENCER_ADDRESS=0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266
# The service's own graceful shutdown budget (quarkus.daemon.shutdown-timeout, 3 s by default):
# `podman stop` must be done within it, with exit status 0 (SIGKILL after podman's 10 s would be 137).
STOP_BUDGET_MS=3000
START_BUDGET=60
# Idle RSS is read this long after the condition that defines "idle" (bench/run's SETTLE).
SETTLE=3
# An arbitrary UID in group 0, as OpenShift's restricted policy assigns them.
ARBITRARY_UID=1000650000

health_port() { case $1 in node) echo 9595 ;; sequencer) echo 9596 ;; prover) echo 9597 ;; esac; }
service_ports() { case $1 in node) echo "8545/tcp 9595/tcp" ;; sequencer) echo "9596/tcp" ;; prover) echo "3900/tcp 9597/tcp" ;; esac; }

project_version() {
    local v
    v=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$root/pom.xml" | head -n 1)
    echo "${v%-SNAPSHOT}"
}

image_of() { echo "mojave/mojave-$1-jvm:$IMAGE_VERSION"; }

build_images() {
    IMAGE_VERSION=$(project_version)
    local s t0 ms
    for s in "${SERVICES[@]}"; do
        t0=$(now_ms)
        # --layers: the JRE stage and the library layers are built once for the three images and
        # kept in the suite's storage for the next run.
        if podman build --pull=never --layers -f deployment/container/Dockerfile.jvm \
            --ignorefile deployment/container/Dockerfile.jvm.dockerignore \
            --build-arg BASE_IMAGE="$BASE_IMAGE" --build-arg SERVICE="$s" -t "$(image_of "$s")" "$root" \
            >"$RUN_DIR/build-$s.log" 2>&1; then
            ms=$(($(now_ms) - t0))
            pass "image/$s/build" "built $(image_of "$s") from Dockerfile.jvm with --build-arg BASE_IMAGE=$BASE_IMAGE in $((ms / 1000)).$((ms % 1000 / 100)) s; $(grep -m1 -o 'AppCDS archive for JDK [^ ]*' "$RUN_DIR/build-$s.log" | sed 's/^/trained its /' || echo 'its layers unchanged since the last build')"
        else
            fail "image/$s/build" "podman build failed: $(tail -n 3 "$RUN_DIR/build-$s.log" | tr '\n' ' ')"
            continue
        fi
        local ports user
        ports=$(podman image inspect -f '{{range $p, $v := .Config.ExposedPorts}}{{$p}} {{end}}' "$(image_of "$s")")
        ports=${ports% }
        if [ "$ports" = "$(service_ports "$s")" ]; then
            pass "image/$s/ports" "exposes exactly the service's ports: $ports (nothing of the base image's)"
        else
            fail "image/$s/ports" "exposes '$ports', not the service's '$(service_ports "$s")'"
        fi
        user=$(podman image inspect -f '{{.Config.User}}' "$(image_of "$s")")
        if [ "$user" = 185 ]; then
            pass "image/$s/user" "runs as UID 185 (not root)"
        else
            fail "image/$s/user" "runs as '$user', not 185"
        fi
    done
    # The layers of earlier builds, untagged now: each prune frees the parents of what the one
    # before removed. The current images' layers and the JRE stage have children and stay.
    local i
    for ((i = 0; i < 30; i++)); do
        [ -n "$(podman image prune -f 2>/dev/null)" ] || break
    done
}

# ---- helpers on containers ----

# c_run NAME PODMAN-RUN-OPTIONS... -- IMAGE-ARGS...: starts container NAME of its service's image
# (the service is NAME's first word), detached, removed at the end of the suite.
c_run() {
    local name=$1 service=${1%%-*} opts=() args=()
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
    [ "${1:-}" = -- ] && shift
    args=("$@")
    podman rm -f -v "mv-$name" >/dev/null 2>&1
    on_exit "podman rm -f -v -t 0 'mv-$name'"
    if [ "$service" = sequencer ]; then
        opts+=(-e MOJAVE_SEQUENCER_PRIVATE_KEY="$DEV_ONLY_SEQUENCER_KEY")
    fi
    # A container of a pod shares the pod's network namespace; any other gets one of its own.
    local net=(--network none)
    [[ " ${opts[*]} " == *" --pod "* ]] && net=()
    podman run -d --name "mv-$name" "${net[@]}" "${opts[@]}" "$(image_of "$service")" "${args[@]}" >"$RUN_DIR/run-$name.id" 2>"$RUN_DIR/run-$name.err"
}

c_pid() { podman inspect -f '{{.State.Pid}}' "mv-$1" 2>/dev/null; }
c_curl() { # NAME URL-path-on-the-service's-netns [curl options...]
    local pid
    pid=$(c_pid "$1") && [ "$pid" != 0 ] || return 1
    local url=$2
    shift 2
    nsenter -t "$pid" -n curl -s -m 3 "$@" "http://127.0.0.1$url"
}
c_health() { [ "$(c_curl "$1" ":$(health_port "${2:-${1%%-*}}")/health" -o /dev/null -w '%{http_code}')" = 200 ]; }
# net_rpc PID PORT METHOD PARAMS: a JSON-RPC call on 127.0.0.1:PORT in PID's network namespace;
# prints the result (compact JSON) or fails.
net_rpc() {
    local answer
    [ -n "$1" ] && [ "$1" != 0 ] || return 1
    answer=$(nsenter -t "$1" -n curl -sf -m 3 -H 'Content-Type: application/json' \
        -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$3\",\"params\":$4}" "http://127.0.0.1:$2") || return 1
    jq -ce 'if has("result") then .result else error("no result: \(.)") end' <<<"$answer"
}
c_logs() { podman logs "mv-$1" >"$RUN_DIR/logs-$1.txt" 2>&1; echo "$RUN_DIR/logs-$1.txt"; }
c_level_count() { # NAME LEVEL: how many of the container's records have that level
    local file
    file=$(c_logs "$1")
    jq -R -r 'fromjson? | .level // empty' "$file" | grep -c -x "$2"
}
c_running() { [ "$(podman inspect -f '{{.State.Running}}' "mv-$1" 2>/dev/null)" = true ]; }
c_exit_code() { podman inspect -f '{{.State.ExitCode}}' "mv-$1"; }
c_messages() { podman logs "mv-$1" 2>&1 | jq -R -r 'fromjson? | .message // empty'; }
# NAME REGEX. (No grep -q after a pipe: under pipefail, the writer it leaves behind dies of SIGPIPE
# and fails the whole pipeline.)
c_logged() { c_messages "$1" | grep -E "$2" >/dev/null; }

# c_ready CHECK NAME: waits for /health 200 (or for the container to end); PASS/FAIL with the time.
c_ready() {
    local check=$1 name=$2 t0 ms
    t0=$(now_ms)
    if [ ! -s "$RUN_DIR/run-$name.id" ]; then
        fail "$check" "podman run failed: $(tr '\n' ' ' <"$RUN_DIR/run-$name.err")"
        return 1
    fi
    if wait_for $START_BUDGET c_health_or_gone "$name" && c_health "$name"; then
        ms=$(($(now_ms) - t0))
        pass "$check" "/health answers 200 $((ms / 1000)).$((ms % 1000 / 100)) s after podman run"
        return 0
    fi
    fail "$check" "no /health 200 within ${START_BUDGET}s (running: $(podman inspect -f '{{.State.Status}} exit {{.State.ExitCode}}' "mv-$name" 2>&1)); last messages: $(c_messages "$name" | tail -n 3 | tr '\n' '|')"
    return 1
}
c_health_or_gone() { c_health "$1" || ! c_running "$1"; }

# c_stop CHECK NAME: podman stop (SIGTERM), within the service's budget, exit status 0.
c_stop() {
    local check=$1 name=$2 t0 ms code
    t0=$(now_ms)
    podman stop "mv-$name" >/dev/null 2>&1
    ms=$(($(now_ms) - t0))
    code=$(c_exit_code "$name")
    if [ "$code" = 0 ] && [ $ms -le $STOP_BUDGET_MS ]; then
        pass "$check" "podman stop: exit status 0 in $ms ms (budget $STOP_BUDGET_MS ms)"
    else
        fail "$check" "podman stop: exit status $code in $ms ms (want 0 within $STOP_BUDGET_MS ms)"
    fi
}

# c_json_only CHECK NAME: every line the container wrote, on stdout and stderr, is a JSON object.
c_json_only() {
    local check=$1 name=$2 file bad lines
    file=$(c_logs "$name")
    lines=$(wc -l <"$file")
    bad=$(non_json_lines "$file")
    if [ "$lines" -gt 0 ] && [ -z "$bad" ]; then
        pass "$check" "all $lines lines on stdout and stderr are JSON objects"
    else
        fail "$check" "$lines lines, not JSON: $(head -n 3 <<<"${bad:-(no output at all)}" | cut -c1-200 | tr '\n' '|')"
    fi
}

# The sequencer's stored head as it reports it: at start ("head block N") and at stop ("stopped at block N").
c_start_head() { c_messages "$1" | sed -n 's/^Sequencer 0x[0-9a-fA-F]*: head block \([0-9]*\),.*/\1/p' | head -n 1; }
c_stop_head() { c_messages "$1" | sed -n 's/^Sequencer stopped at block \([0-9]*\),.*/\1/p' | tail -n 1; }
c_last_made() { c_messages "$1" | sed -n 's/^Made block \([0-9]*\) .*/\1/p' | tail -n 1; }
c_made_at_least() { local m; m=$(c_last_made "$1"); [ -n "$m" ] && [ "$m" -ge "$2" ]; }

# The processes in the PID namespace of a container's PID 1 (host PIDs).
ns_processes() {
    local ns p
    ns=$(readlink "/proc/$1/ns/pid") || return 1
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/ns/pid" 2>/dev/null)" = "$ns" ] && echo "${p#/proc/}"
    done
}

# ---- the checks of one service's image ----

container_checks() {
    local s
    for s in "${SERVICES[@]}"; do
        podman image exists "$(image_of "$s")" || { fail "container/$s" "no image $(image_of "$s") (its build failed)"; continue; }
        service_container_checks "$s"
    done
    tuning_checks
}

service_container_checks() {
    local s=$1 vol="mojave-verify-$s" pid cmd procs head made mode
    podman volume rm -f "$vol" >/dev/null 2>&1
    on_exit "podman volume rm -f '$vol'"

    # 1. As built: default user, default options.
    c_run "$s-first" -v "$vol:/var/lib/mojave" || true
    if c_ready "container/$s/ready" "$s-first"; then
        pid=$(c_pid "$s-first")
        cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline")
        procs=$(ns_processes "$pid" | wc -l)
        if grep -q 'NSpid:.*[[:space:]]1$' "/proc/$pid/status" && [ "$(readlink "/proc/$pid/exe")" = /usr/lib/jvm/java-17-openjdk-amd64/bin/java ] &&
            [ "$procs" = 1 ] && [[ $cmd == *" -jar /opt/mojave/$s/target/quarkus-app/quarkus-run.jar init --no-daemon "* ]]; then
            pass "container/$s/pid1" "PID 1 is the JVM itself ($(readlink "/proc/$pid/exe")), the only process of the container"
        else
            fail "container/$s/pid1" "PID 1: $(grep NSpid "/proc/$pid/status" | tr '\t' ' '), exe $(readlink "/proc/$pid/exe"), $procs processes, command: ${cmd:0:300}"
        fi
        if [[ $cmd == "/usr/bin/java -XX:+UseSerialGC -Xms16m -Xmx512m -Xss512k -XX:ReservedCodeCacheSize=48m "* ]]; then
            pass "container/$s/launcher-settings" "the JVM runs with bin/mojave-launcher's options (serial GC, -Xms16m -Xmx512m, ...)"
        else
            fail "container/$s/launcher-settings" "JVM command line: ${cmd:0:300}"
        fi
        if [[ $cmd == *"-XX:SharedArchiveFile=/opt/mojave/$s/target/quarkus-app/mojave-startup.jsa"* ]] &&
            grep -q "mojave-startup.jsa" "/proc/$pid/maps"; then
            pass "container/$s/startup-cache" "the JVM maps the AppCDS archive trained in the image (mojave-startup.jsa)"
        else
            fail "container/$s/startup-cache" "no mojave-startup.jsa on the command line or in the JVM's mappings"
        fi
        body=$(c_curl "$s-first" ":$(health_port "$s")/health")
        if [[ $body == '{"status":"UP",'* && $body == *'"version":'* && $body == *'"endpoints":{"health":'* ]]; then
            pass "container/$s/health-body" '/health says {"status":"UP",...} with its version and endpoints'
        else
            fail "container/$s/health-body" "/health says '$(c_curl "$s-first" ":$(health_port "$s")/health")'"
        fi
        if [ "$s" = sequencer ]; then
            # At the default level the sequencer says nothing per block; with no node to take
            # them, it says once that block 1 waits: then it has stored a block.
            wait_for 20 c_logged "$s-first" 'block 1 and later wait' || true
        fi
        c_stop "container/$s/stop" "$s-first"
        c_json_only "container/$s/json-logs" "$s-first"
    fi

    # 2. A new container on the same volume, with --log.level debug after the image name.
    c_run "$s-second" -v "$vol:/var/lib/mojave" -- --log.level debug || true
    if c_ready "container/$s/restart-ready" "$s-second"; then
        pid=$(c_pid "$s-second")
        cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline")
        local debug_now debug_before
        debug_now=$(c_level_count "$s-second" DEBUG)
        debug_before=$(c_level_count "$s-first" DEBUG)
        if [[ $cmd == *" init --no-daemon --datadir /var/lib/mojave "*" --log.level debug " ]] &&
            [ "$debug_now" -gt 0 ] && [ "$debug_before" = 0 ]; then
            pass "container/$s/log-level" "--log.level debug after the image name is appended to init: $debug_now DEBUG records now, none at the default level"
        else
            fail "container/$s/log-level" "command line '${cmd:0:300}'; DEBUG records: $debug_now with the option, $debug_before without"
        fi
        if [ "$s" = sequencer ]; then
            head=$(c_start_head "$s-second")
            if [ -n "$head" ] && [ "$head" = "$(c_stop_head "$s-first")" ] && [ "$head" -ge 1 ]; then
                pass "container/$s/chain-across-restart" "the new container starts at the stored head, block $head, where the first one stopped"
            else
                fail "container/$s/chain-across-restart" "first stopped at block '$(c_stop_head "$s-first")', second starts at '$head'"
            fi
            wait_for 20 c_made_at_least "$s-second" $((head + 2)) || true
        fi
        # SIGKILL: no shutdown at all, the PID file stays behind (naming PID 1 again).
        made=$(c_last_made "$s-second")
        podman kill -s KILL "mv-$s-second" >/dev/null 2>&1
        wait_for 10 eval '! c_running '"$s-second" || true
        c_json_only "container/$s/json-logs-debug" "$s-second"
    fi

    # 3. After the SIGKILL: the stale PID file is taken over, the chain is all there.
    c_run "$s-third" -v "$vol:/var/lib/mojave" || true
    if c_ready "container/$s/after-kill-ready" "$s-third"; then
        if c_logged "$s-third" "^Took over stale PID file /var/lib/mojave/$s.pid"; then
            pass "container/$s/stale-pid-file" "after podman kill -s KILL, the next container takes over the stale PID file and starts"
        else
            fail "container/$s/stale-pid-file" "no 'Took over stale PID file' in the log of the container after the SIGKILL"
        fi
        if [ "$s" = sequencer ]; then
            head=$(c_start_head "$s-third")
            if [ -n "$head" ] && [ -n "$made" ] && [ "$head" -ge "$made" ]; then
                pass "container/$s/chain-across-kill" "after SIGKILL the stored head is block $head; the last block made before it was $made"
            else
                fail "container/$s/chain-across-kill" "last block made before SIGKILL '$made', stored head after it '$head'"
            fi
        fi
        c_stop "container/$s/stop-after-kill" "$s-third"
    fi

    # 4. An arbitrary UID in group 0 on the volume the others wrote, with a read-only root file
    # system, no capabilities and no new privileges (as Kubernetes' restricted policy runs it).
    c_run "$s-restricted" -v "$vol:/var/lib/mojave" --user "$ARBITRARY_UID:0" --read-only --cap-drop=ALL \
        --security-opt no-new-privileges -- --log.level debug || true
    if c_ready "container/$s/restricted-ready" "$s-restricted"; then
        pid=$(c_pid "$s-restricted")
        if grep -q "^Uid:[[:space:]]*$ARBITRARY_UID[[:space:]]" "/proc/$pid/status" && grep -q '^CapEff:[[:space:]]*0000000000000000$' "/proc/$pid/status" &&
            grep -q '^CapBnd:[[:space:]]*0000000000000000$' "/proc/$pid/status" && grep -q '^NoNewPrivs:[[:space:]]*1$' "/proc/$pid/status" &&
            awk '$5 == "/" { split($6, o, ","); exit o[1] != "ro" }' "/proc/$pid/mountinfo"; then
            pass "container/$s/read-only-no-caps" "serves as UID $ARBITRARY_UID:0 with a read-only root, no capabilities, no new privileges"
        else
            fail "container/$s/read-only-no-caps" "$(grep -E '^(Uid|CapEff|CapBnd|NoNewPrivs)' "/proc/$pid/status" | tr '\t\n' '  '), root mount: $(awk '$5 == "/" { print $6 }' "/proc/$pid/mountinfo")"
        fi
        if [ "$s" = sequencer ]; then
            head=$(c_start_head "$s-restricted")
            if [ -n "$head" ] && wait_for 20 c_made_at_least "$s-restricted" $((head + 2)) && ! c_logged "$s-restricted" '^Cannot make block'; then
                pass "container/$s/arbitrary-uid-writes" "UID $ARBITRARY_UID goes on with the chain UID 185 wrote: blocks $((head + 1))-$(c_last_made "$s-restricted") stored"
            else
                fail "container/$s/arbitrary-uid-writes" "from stored head '$head': last block made '$(c_last_made "$s-restricted")'; $(c_messages "$s-restricted" | grep -m1 -E 'Cannot|denied|read-only')"
            fi
        fi
        c_stop "container/$s/restricted-stop" "$s-restricted"
        c_json_only "container/$s/restricted-json-logs" "$s-restricted"
        mode=$(podman run --rm --network none -v "$vol:/v" --entrypoint /bin/sh "$(image_of "$s")" -c 'stat -c "%a %u:%g %n" /v /v/*/ /v/*/* 2>/dev/null' | tr '\n' ';')
        note "the volume: $mode"
    fi
}

# The one way to tune the JVM: JAVA_OPTS, after the launcher's options. Another collector replaces
# the serial one (before, JAVA_OPTS_APPEND=-XX:+UseSerialGC made run-java.sh's JVM exit:
# "Multiple garbage collectors selected").
tuning_checks() {
    local pid cmd
    c_run node-tuned -e "JAVA_OPTS=-XX:+UseG1GC -Xmx128m" || true
    if c_ready "container/node/tuning-ready" node-tuned; then
        pid=$(c_pid node-tuned)
        cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline")
        if [[ $cmd != *-XX:+UseSerialGC* ]] && [[ $cmd == *" -XX:+UseG1GC -Xmx128m -jar "* ]] &&
            grep -q '^G1 ' /proc/"$pid"/task/*/comm; then
            pass "container/node/tuning" "-e JAVA_OPTS='-XX:+UseG1GC -Xmx128m' comes after the launcher's options and G1 replaces the serial collector (its threads run)"
        else
            fail "container/node/tuning" "command line '${cmd:0:300}', G1 threads: $(cat /proc/"$pid"/task/*/comm | grep -c '^G1 ')"
        fi
        c_stop "container/node/tuning-stop" node-tuned
    fi
    podman rm -f -v -t 0 mv-node-tuned >/dev/null 2>&1
}

# ---- the devnet: the three services in one pod ----

DEVNET_BLOCKS=12
# The node's chain, through its JSON-RPC on 8545 in the network namespace of PID (a container's
# PID 1, or the booted container's init).
node_head() { # pid: the node's block number, decimal
    local r
    r=$(net_rpc "$1" 8545 eth_blockNumber '[]') || return 1
    r=${r//\"/}
    echo $((r))
}
node_head_at_least() { local h; h=$(node_head "$1") && [ "$h" -ge "$2" ]; }

# chain_whole PID: every block from 0 to the head, each linked to the one before, block 1 on
# signed by the dev sequencer; prints "head hash-of-block-1", or why not.
chain_whole() {
    local pid=$1 head n block prev_hash= first=
    head=$(node_head "$pid") || { echo "no eth_blockNumber"; return 1; }
    for ((n = 0; n <= head; n++)); do
        block=$(net_rpc "$pid" 8545 eth_getBlockByNumber "[\"$(printf '0x%x' $n)\", false]") || { echo "no block $n"; return 1; }
        if ! jq -e --arg n "$(printf '0x%x' $n)" --arg prev "$prev_hash" --arg miner "$DEV_SEQUENCER_ADDRESS" \
            '.number == $n and (.hash | test("^0x[0-9a-f]{64}$")) and ($prev == "" or .parentHash == $prev)
             and (.transactions == []) and (.number == "0x0" or ((.miner | ascii_downcase) == $miner and (.signature | test("^0x[0-9a-f]{130}$"))))' \
            <<<"$block" >/dev/null; then
            echo "block $n is not whole or not linked: $block"
            return 1
        fi
        prev_hash=$(jq -r .hash <<<"$block")
        [ $n = 1 ] && first=$prev_hash
    done
    echo "$head $first"
}

DEVNET_RSS=()
devnet_checks() {
    local s missing=0 out head first pod=mojave-verify-devnet
    for s in "${SERVICES[@]}"; do podman image exists "$(image_of "$s")" || missing=1; done
    [ $missing = 0 ] || { fail devnet "not all three images were built"; return; }
    podman pod rm -f "$pod" >/dev/null 2>&1
    on_exit "podman pod rm -f -t 0 '$pod'"
    # The pod's own network namespace with loopback only: the services find each other on
    # 127.0.0.1 at their default ports, as bin/devnet runs them, and the host sees none of them.
    if ! podman pod create --name "$pod" --network none >"$RUN_DIR/pod.log" 2>&1; then
        fail devnet/pod "podman pod create failed: $(tail -n 2 "$RUN_DIR/pod.log" | tr '\n' ' ')"
        return
    fi
    for s in node prover sequencer; do
        podman volume rm -f "mojave-verify-devnet-$s" >/dev/null 2>&1
        on_exit "podman volume rm -f 'mojave-verify-devnet-$s'"
        c_run_pod "devnet-$s" "$pod" -v "mojave-verify-devnet-$s:/var/lib/mojave"
        c_ready "devnet/$s/ready" "$s-devnet" || true
    done
    if wait_for 60 node_head_at_least "$(c_pid node-devnet)" $DEVNET_BLOCKS; then
        pass "devnet/blocks" "the node's chain reached block $(node_head "$(c_pid node-devnet)") from the sequencer in the same pod"
    else
        fail "devnet/blocks" "the node's head is '$(node_head "$(c_pid node-devnet)")' after 60 s; sequencer: $(c_messages sequencer-devnet | tail -n 2 | tr '\n' '|')"
    fi
    # Idle RSS of the devnet: SETTLE seconds after the chain reached DEVNET_BLOCKS, the same
    # condition the systemd part measures at.
    sleep $SETTLE
    DEVNET_RSS=()
    for s in "${SERVICES[@]}"; do
        DEVNET_RSS+=("$s=$(rss_mib "$(c_pid "$s-devnet")")")
    done
    note "idle RSS in the pod (MiB): ${DEVNET_RSS[*]}"
    if out=$(chain_whole "$(c_pid node-devnet)"); then
        pass "devnet/chain-whole" "eth_getBlockByNumber shows blocks 0-${out%% *} whole: each linked to its parent, signed by the dev sequencer"
    else
        fail "devnet/chain-whole" "$out"
    fi
    if c_logged sequencer-devnet '^Prover accepted blocks 1 to 10 '; then
        pass "devnet/proof-batch" "the prover in the pod accepted the first batch (blocks 1 to 10)"
    else
        fail "devnet/proof-batch" "no 'Prover accepted blocks 1 to 10' from the sequencer"
    fi
    # The node SIGKILLed and started again (the same container): its chain is kept, the stale PID
    # file taken over, and the sequencer goes on delivering.
    first=${out#* }
    head=$(node_head "$(c_pid node-devnet)")
    podman kill -s KILL mv-node-devnet >/dev/null 2>&1
    wait_for 10 eval '! c_running node-devnet' || true
    podman start mv-node-devnet >/dev/null 2>&1
    if c_ready "devnet/node/after-kill-ready" node-devnet && wait_for 30 node_head_at_least "$(c_pid node-devnet)" $((head + 2)) &&
        out=$(chain_whole "$(c_pid node-devnet)") && [ "${out#* }" = "$first" ]; then
        pass "devnet/node/chain-across-kill" "after podman kill -s KILL and start, the node keeps blocks 0-$head (same block 1) and takes new ones: whole up to ${out%% *}"
    else
        fail "devnet/node/chain-across-kill" "before the SIGKILL head $head, block 1 $first; after: ${out:-no chain}"
    fi
    for s in sequencer prover node; do
        c_stop "devnet/$s/stop" "$s-devnet"
        c_json_only "devnet/$s/json-logs" "$s-devnet"
    done
}

# c_run_pod NAME POD OPTIONS...: c_run for the devnet: NAME is devnet-<service>, the container
# <service>-devnet, in the pod (whose network it shares).
c_run_pod() {
    local name=$1 pod=$2 service=${1#devnet-}
    shift 2
    c_run "$service-devnet" --pod "$pod" "$@"
}
