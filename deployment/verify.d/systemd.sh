# deployment/verify, part 3: the systemd units of deployment/systemd under a booted systemd: a
# Debian 12 container booted by systemd-nspawn (systemd 252 as its PID 1, a private network with
# loopback only), installed as deployment/README.md says. Sourced, not run; needs lib.sh,
# setup.sh and containers.sh (the chain checks).

NS_PID= LEADER= NS_ROOT= NS_TREE=
BOOT_BUDGET=60
# systemd's budgets in the units: TimeoutStopSec=10s, RestartSec=5s.
UNIT_STOP_BUDGET_MS=10000
RESTART_BUDGET=30

ns() { nsenter -t "$LEADER" -a "$@"; }
ns_net() { nsenter -t "$LEADER" -n "$@"; }
alive() { # pid: exists and is no zombie
    local st
    read -r st 2>/dev/null <"/proc/$1/stat" || return 1
    st=${st##*) }
    [ "${st%% *}" != Z ]
}
ns_find_leader() { LEADER=$(pgrep -P "$NS_PID" -x systemd) && LEADER=${LEADER%%$'\n'*} && [ -n "$LEADER" ]; }
ns_booted() { case $(ns systemctl is-system-running 2>/dev/null) in running | degraded) return 0 ;; esac; return 1; }

# The cached tree under an overlay of this run: what the suite installs and the services write
# goes to the upper layer in $RUN_DIR, and the cache stays as it was built.
ns_mount() {
    NS_ROOT=$RUN_DIR/nspawn
    NS_TREE=$NS_ROOT/root
    mkdir -p "$NS_ROOT/upper" "$NS_ROOT/work" "$NS_TREE"
    mount -t overlay overlay -o "lowerdir=$SYSTEMD_ROOTFS,upperdir=$NS_ROOT/upper,workdir=$NS_ROOT/work" "$NS_TREE" ||
        die "cannot mount an overlay of $SYSTEMD_ROOTFS on $NS_TREE"
    on_exit "umount '$NS_TREE' || umount -l '$NS_TREE'"
}

# ns_boot: boots the tree; returns once systemd reports the boot finished.
ns_boot() {
    local t0=$(now_ms) ms
    systemd-nspawn -q -b --register=no --keep-unit -D "$NS_TREE" --private-network --link-journal=no \
        --console=pipe --machine=mojave-verify </dev/null >>"$RUN_DIR/nspawn-console.log" 2>&1 &
    NS_PID=$!
    if ! wait_for 20 ns_find_leader || ! wait_for $BOOT_BUDGET ns_booted; then
        fail systemd/boot "the container did not boot within ${BOOT_BUDGET}s: $(tail -n 3 "$RUN_DIR/nspawn-console.log" | tr '\n' '|')"
        return 1
    fi
    ms=$(($(now_ms) - t0))
    note "booted in $ms ms: $(ns systemctl --version | head -n 1) as PID 1, state $(ns systemctl is-system-running)"
}

# ns_halt poweroff|reboot: ends the container's boot; systemd-nspawn's exit status in NS_RC.
ns_halt() {
    ns systemctl "$1" >/dev/null 2>&1
    if ! wait_for 60 eval '! alive $NS_PID'; then
        kill -KILL "$NS_PID" 2>/dev/null
    fi
    wait "$NS_PID" 2>/dev/null
    NS_RC=$?
    NS_PID= LEADER=
}
ns_kill() { # at exit: whatever still runs
    [ -n "$NS_PID" ] || return 0
    ns systemctl poweroff >/dev/null 2>&1
    wait_for 20 eval '! alive $NS_PID' || kill -KILL "$NS_PID" 2>/dev/null
    wait "$NS_PID" 2>/dev/null
    NS_PID=
}

# As deployment/README.md installs it: the mojave user, the launchers and the fast jars under
# /opt/mojave, their start-up caches trained there (the build's are for another path and JDK),
# the sequencer's key in a root-only environment file, logrotate's configuration.
ns_install() {
    local s
    ns useradd --system --home-dir /var/lib/mojave --no-create-home --shell /usr/sbin/nologin mojave || return 1
    install -d "$NS_TREE/opt/mojave/bin"
    cp -P "$root"/bin/mojave-launcher "$root"/bin/mojave-node "$root"/bin/mojave-sequencer "$root"/bin/mojave-prover \
        "$root"/bin/train-startup-cache "$NS_TREE/opt/mojave/bin/"
    for s in "${SERVICES[@]}"; do
        install -d "$NS_TREE/opt/mojave/$s/target"
        cp -r "$root/$s/target/quarkus-app" "$NS_TREE/opt/mojave/$s/target/"
        rm -f "$NS_TREE/opt/mojave/$s/target/quarkus-app"/mojave-startup.*
    done
    ns /opt/mojave/bin/train-startup-cache "${SERVICES[@]}" >"$RUN_DIR/nspawn-training.log" 2>&1 ||
        { cat "$RUN_DIR/nspawn-training.log"; return 1; }
    install -d -m 0755 "$NS_TREE/etc/mojave"
    install -m 0600 /dev/null "$NS_TREE/etc/mojave/sequencer.env"
    printf 'MOJAVE_SEQUENCER_PRIVATE_KEY=%s\n' "$DEV_ONLY_SEQUENCER_KEY" >"$NS_TREE/etc/mojave/sequencer.env"
    cp "$root/deployment/logrotate/mojave" "$NS_TREE/etc/logrotate.d/mojave"
}

unit_prop() { ns systemctl show -P "$2" "mojave-$1" 2>/dev/null; } # service property
unit_pid_file() { echo "/var/lib/mojave/$1/$1.pid"; }
ns_health() { [ "$(ns_net curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$(health_port "$1")/health")" = 200 ]; }

# ns_sandbox CHECK SERVICE: the unit's process as the unit's sandbox says.
ns_sandbox() {
    local check=$1 s=$2 pid uid status rootfs data
    pid=$(unit_prop "$s" MainPID)
    uid=$(ns id -u mojave)
    status=$(ns cat "/proc/$pid/status")
    rootfs=$(ns awk '$5 == "/" { print $6 }' "/proc/$pid/mountinfo")
    data=$(ns awk -v d="/var/lib/mojave/$s" '$5 == d { print $6 }' "/proc/$pid/mountinfo" | tail -n 1)
    if grep -q "^Uid:[[:space:]]*$uid[[:space:]]" <<<"$status" && grep -q '^CapEff:[[:space:]]*0000000000000000$' <<<"$status" &&
        grep -q '^CapBnd:[[:space:]]*0000000000000000$' <<<"$status" && grep -q '^NoNewPrivs:[[:space:]]*1$' <<<"$status" &&
        [[ $rootfs == ro* ]] && [[ $data == rw* ]]; then
        pass "$check" "PID $pid runs as mojave (UID $uid) with no capabilities (effective and bounding), no new privileges, / read-only, only /var/lib/mojave/$s writable"
    else
        fail "$check" "PID $pid: $(grep -E '^(Uid|CapEff|CapBnd|NoNewPrivs)' <<<"$status" | tr '\t\n' '  '); / $rootfs; datadir ${data:-not a mount}"
    fi
}

# ns_start CHECK-PREFIX SET SERVICE: systemctl start returns once the service is ready.
ns_start() {
    local p=$1 set=$2 s=$3 t0 ms rc main file
    t0=$(now_ms)
    ns systemctl start "mojave-$s" >"$RUN_DIR/start-$set-$s.log" 2>&1
    rc=$?
    ms=$(($(now_ms) - t0))
    # One look, no waiting: ready means ready when systemctl returns.
    if [ $rc = 0 ] && ns_health "$s"; then
        pass "$p/start-ready" "systemctl start returned after $ms ms, and /health answered 200 at once"
    else
        fail "$p/start-ready" "systemctl start: exit $rc after $ms ms, /health $(ns_net curl -s -m 2 "http://127.0.0.1:$(health_port "$s")/health"); $(ns systemctl status --no-pager "mojave-$s" 2>&1 | tail -n 3 | tr '\n' '|')"
        return 1
    fi
    main=$(unit_prop "$s" MainPID)
    file=$(ns cat "$(unit_pid_file "$s")" 2>/dev/null)
    if [ -n "$main" ] && [ "$main" != 0 ] && [ "$file" = "$main" ]; then
        pass "$p/main-pid" "MainPID $main is the PID in $(unit_pid_file "$s")"
    else
        fail "$p/main-pid" "MainPID '$main', PID file says '$file'"
    fi
}

# ns_stop CHECK SERVICE: clean: Result=success, exit status 0, no PID file left, within the budget.
ns_stop() {
    local check=$1 s=$2 t0 ms result code left
    t0=$(now_ms)
    ns systemctl stop "mojave-$s" >/dev/null 2>&1
    ms=$(($(now_ms) - t0))
    result=$(unit_prop "$s" Result)
    code=$(unit_prop "$s" ExecMainStatus)
    left=$(ns sh -c "test -e $(unit_pid_file "$s") && echo yes || echo no")
    if [ "$result" = success ] && [ "$code" = 0 ] && [ "$left" = no ] && [ $ms -le $UNIT_STOP_BUDGET_MS ] &&
        [ "$(unit_prop "$s" ActiveState)" = inactive ]; then
        pass "$check" "systemctl stop in $ms ms: Result=success, exit status 0, PID file removed"
    else
        fail "$check" "systemctl stop in $ms ms: Result=$result, ExecMainStatus=$code, state $(unit_prop "$s" ActiveState), PID file left: $left"
    fi
}

ns_devnet_rss() { # set: idle RSS SETTLE s after DEVNET_BLOCKS new blocks, as in the pod
    local set=$1 start s pid
    start=$(node_head "$LEADER") || start=0
    if wait_for 60 node_head_at_least "$LEADER" $((start + DEVNET_BLOCKS)); then
        sleep $SETTLE
        local rss=() jnr=()
        for s in "${SERVICES[@]}"; do
            pid=$(unit_prop "$s" MainPID)
            rss+=("$s=$(ns awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")")
            ns grep -q jffi "/proc/$pid/maps" && jnr+=("$s")
        done
        eval "SYSTEMD_RSS_$set=(\"\${rss[@]}\")"
        note "idle RSS under systemd, $set units (MiB): ${rss[*]}; jnr-posix (libjffi) loaded in: ${jnr[*]:-none}"
    else
        fail "systemd/$set/blocks" "the node did not get $DEVNET_BLOCKS blocks from the sequencer within 60 s (head $(node_head "$LEADER"))"
    fi
}

ns_restart_on_failure() { # set: SIGKILL to the three main processes; Restart=on-failure brings them back
    local set=$1 s before=() restarts=()
    for s in "${SERVICES[@]}"; do
        before+=("$(unit_prop "$s" MainPID)")
        restarts+=("$(unit_prop "$s" NRestarts)")
    done
    local i=0
    for s in "${SERVICES[@]}"; do ns kill -KILL "${before[$i]}"; i=$((i + 1)); done
    i=0
    for s in "${SERVICES[@]}"; do
        if wait_for $RESTART_BUDGET ns_restarted "$s" "${before[$i]}" "${restarts[$i]}" && ns_health "$s"; then
            pass "systemd/$set/$s/restart-on-failure" "after SIGKILL to PID ${before[$i]}, Restart=on-failure started PID $(unit_prop "$s" MainPID) (NRestarts $(unit_prop "$s" NRestarts)), ready"
        else
            fail "systemd/$set/$s/restart-on-failure" "after SIGKILL to PID ${before[$i]}: $(unit_prop "$s" ActiveState)/$(unit_prop "$s" SubState), MainPID $(unit_prop "$s" MainPID), NRestarts $(unit_prop "$s" NRestarts)"
        fi
        i=$((i + 1))
    done
}
ns_restarted() { # service old-pid old-nrestarts
    local main
    [ "$(unit_prop "$1" ActiveState)" = active ] || return 1
    main=$(unit_prop "$1" MainPID)
    [ -n "$main" ] && [ "$main" != 0 ] && [ "$main" != "$2" ] && [ "$(unit_prop "$1" NRestarts)" -gt "$3" ]
}

# Log rotation of the daemon-mode units: systemctl reload reopens the log, and a forced run of the
# shipped logrotate configuration loses no line. The sequencer logs each block at debug level
# (a drop-in, as `systemctl edit` makes one), so a gap would show in the block numbers.
ns_log_rotation() {
    local s log before after main
    for s in "${SERVICES[@]}"; do
        log=/var/lib/mojave/$s/$s.log
        main=$(unit_prop "$s" MainPID)
        ns mv "$log" "$log.moved"
        ns systemctl reload "mojave-$s" >/dev/null 2>&1
        if wait_for 10 ns test -s "$log" && [ "$(unit_prop "$s" MainPID)" = "$main" ] && ns_health "$s" &&
            [ "$(ns stat -c '%a %U' "$log")" = "640 mojave" ]; then
            pass "systemd/forking/$s/reload" "systemctl reload: the daemon (same PID $main) reopened $log (0640, mojave) and writes there"
        else
            fail "systemd/forking/$s/reload" "after mv and systemctl reload: $log $(ns stat -c '%a %U %s bytes' "$log" 2>&1), MainPID $(unit_prop "$s" MainPID) (was $main)"
        fi
        ns rm -f "$log.moved"
    done

    s=sequencer log=/var/lib/mojave/sequencer/sequencer.log
    install -d "$NS_TREE/etc/systemd/system/mojave-sequencer.service.d"
    printf '[Service]\nExecStart=\nExecStart=/opt/mojave/bin/mojave-sequencer init --datadir /var/lib/mojave/sequencer --log.level debug\n' \
        >"$NS_TREE/etc/systemd/system/mojave-sequencer.service.d/debug.conf"
    ns systemctl daemon-reload
    ns systemctl restart mojave-sequencer
    wait_for 20 ns_log_blocks_at_least "$log" 3 || true
    before=$(ns_log_made "$log" | tail -n 1)
    ns logrotate --force /etc/logrotate.d/mojave >"$RUN_DIR/logrotate.log" 2>&1
    local rc=$?
    if [ $rc = 0 ] && wait_for 20 ns_log_blocks_at_least "$log" 2; then
        after=$({ ns cat "$log.1"; ns cat "$log"; } | jq -R -r 'fromjson? | .message // empty' | sed -n 's/^Made block \([0-9]*\) .*/\1/p')
        local first last count bad
        first=$(head -n 1 <<<"$after") last=$(tail -n 1 <<<"$after") count=$(wc -l <<<"$after")
        bad=$({ ns cat "$log.1"; ns cat "$log"; } | non_json_lines /dev/stdin | head -n 1)
        if [ $((last - first + 1)) = "$count" ] && [ "$(ns_log_made "$log.1" | tail -n 1)" -ge "$before" ] &&
            [ -z "$bad" ] && [ "$(ns stat -c '%a %U' "$log")" = "640 mojave" ]; then
            pass "systemd/forking/logrotate" "logrotate --force with deployment/logrotate/mojave: blocks $first-$last logged without a gap across $s.log.1 and the new $s.log (0640, mojave), all JSON"
        else
            fail "systemd/forking/logrotate" "blocks $first-$last in $count lines across $s.log.1 and $s.log; non-JSON: ${bad:-none}; new log $(ns stat -c '%a %U' "$log")"
        fi
    else
        fail "systemd/forking/logrotate" "logrotate exit $rc: $(tr '\n' ' ' <"$RUN_DIR/logrotate.log"); $log has $(ns_log_made "$log" | wc -l) block lines"
    fi
    rm -rf "$NS_TREE/etc/systemd/system/mojave-sequencer.service.d"
    ns systemctl daemon-reload
    ns systemctl restart mojave-sequencer
}
ns_log_made() { ns cat "$1" 2>/dev/null | jq -R -r 'fromjson? | .message // empty' | sed -n 's/^Made block \([0-9]*\) .*/\1/p'; }
ns_log_blocks_at_least() { [ "$(ns_log_made "$1" | wc -l)" -ge "$2" ]; }

# After a reboot of the container: the enabled units come up by themselves, the sequencer after
# the node and the prover are ready (After=), and the node's chain is all there.
ns_reboot_checks() {
    local set=$1 head out first s node_ready prover_ready seq_start
    head=$(node_head "$LEADER")
    out=$(chain_whole "$LEADER") && first=${out#* }
    ns_halt reboot
    if [ "$NS_RC" != 133 ]; then
        fail "systemd/$set/reboot" "systemd-nspawn exited $NS_RC on reboot, not 133 (its code for a reboot)"
    fi
    ns_boot || return 1
    for s in "${SERVICES[@]}"; do
        wait_for $BOOT_BUDGET eval "[ \"\$(unit_prop $s ActiveState)\" = active ]" || true
    done
    node_ready=$(unit_prop node ActiveEnterTimestampMonotonic)
    prover_ready=$(unit_prop prover ActiveEnterTimestampMonotonic)
    seq_start=$(unit_prop sequencer InactiveExitTimestampMonotonic)
    if [ "$(unit_prop node ActiveState)$(unit_prop prover ActiveState)$(unit_prop sequencer ActiveState)" = activeactiveactive ] &&
        [ "$seq_start" -ge "$node_ready" ] && [ "$seq_start" -ge "$prover_ready" ] && [ "$node_ready" -gt 0 ]; then
        pass "systemd/$set/boot-order" "after a reboot the three enabled units are active; the sequencer started $(((seq_start - node_ready) / 1000)) ms after the node and $(((seq_start - prover_ready) / 1000)) ms after the prover were ready"
    else
        fail "systemd/$set/boot-order" "states $(unit_prop node ActiveState)/$(unit_prop prover ActiveState)/$(unit_prop sequencer ActiveState); node ready at $node_ready, prover at $prover_ready, sequencer started at $seq_start (µs)"
    fi
    if wait_for 30 node_head_at_least "$LEADER" $((head + 2)) && out=$(chain_whole "$LEADER") && [ "${out#* }" = "$first" ]; then
        pass "systemd/$set/chain-across-reboot" "the node kept blocks 0-$head (same block 1) and takes new ones: whole up to ${out%% *}"
    else
        fail "systemd/$set/chain-across-reboot" "before the reboot head $head, block 1 $first; after: ${out:-no chain}"
    fi
}

# The units of one set (forking or notify), from a clean state of the units (datadirs kept).
ns_unit_set() {
    local set=$1 s
    cp "$root/deployment/systemd/$set"/mojave-*.service "$NS_TREE/etc/systemd/system/"
    ns systemctl daemon-reload
    for s in node prover sequencer; do
        ns_start "systemd/$set/$s" "$set" "$s" || continue
        if [ "$set" = notify ]; then
            local text shown
            text=$(unit_prop "$s" StatusText)
            shown=$(ns systemctl status --full --no-pager "mojave-$s")
            if [[ $text == "mojave-$s running: health http://127.0.0.1:$(health_port "$s")/health"* ]] &&
                [[ $shown == *"Status: \"$text\""* ]]; then
                pass "systemd/notify/$s/status-text" "systemctl status shows the service's STATUS: \"$text\""
            else
                fail "systemd/notify/$s/status-text" "StatusText '$text'"
            fi
        fi
        ns_sandbox "systemd/$set/$s/sandbox" "$s"
    done
    ns_devnet_rss "$set"
    [ "$set" = forking ] && ns_log_rotation
    ns_restart_on_failure "$set"
    ns systemctl enable "${SERVICES[@]/#/mojave-}" >/dev/null 2>&1
    ns_reboot_checks "$set"
    if [ "$set" = notify ]; then
        for s in "${SERVICES[@]}"; do
            local bad n
            n=$(ns journalctl -q -b -o cat _SYSTEMD_UNIT="mojave-$s.service" | wc -l)
            bad=$(ns journalctl -q -b -o cat _SYSTEMD_UNIT="mojave-$s.service" | non_json_lines /dev/stdin | head -n 1)
            if [ "$n" -gt 0 ] && [ -z "$bad" ]; then
                pass "systemd/notify/$s/journal-json" "all $n lines the service wrote to the journal since the boot are JSON objects"
            else
                fail "systemd/notify/$s/journal-json" "$n lines; not JSON: ${bad:-(none written)}"
            fi
        done
    fi
    for s in sequencer prover node; do
        ns_stop "systemd/$set/$s/stop" "$s"
    done
    ns systemctl disable "${SERVICES[@]/#/mojave-}" >/dev/null 2>&1
    rm -f "$NS_TREE/etc/systemd/system"/mojave-*.service
    ns systemctl daemon-reload
}

systemd_checks() {
    ns_mount
    on_exit ns_kill
    ns_boot || return
    pass systemd/boot "systemd-nspawn -b booted $(ns systemctl --version | head -n 1 | cut -d' ' -f1-2) as PID 1 of a Debian $SUITE container"
    if ! ns_install; then
        fail systemd/install "installing /opt/mojave as deployment/README.md says failed"
        return
    fi
    ns_unit_set forking
    ns_unit_set notify
    ns_kill
}

# Idle RSS of each service in the pod against the same under systemd, within 10 %: against the
# daemon-mode units, whose JVM the same launcher starts with the same options and which, like
# the images, do not talk to systemd. The notify units' figures are shown beside: their service
# also loads jnr-posix to send sd_notify's datagrams, a few MiB more.
rss_comparison() {
    local s pod forking notify i=0
    if [ ${#DEVNET_RSS[@]} -ne 3 ] || [ -z "${SYSTEMD_RSS_forking+x}" ]; then
        skip rss/compare "no RSS figures of both the pod and the forking units: a stage before failed"
        return
    fi
    for s in "${SERVICES[@]}"; do
        pod=${DEVNET_RSS[$i]#*=}
        forking=$(eval "echo \${SYSTEMD_RSS_forking[$i]#*=}")
        notify=$(eval "echo \${SYSTEMD_RSS_notify[$i]#*=}" 2>/dev/null)
        if within_percent "$pod" "$forking" 10; then
            pass "rss/$s" "idle RSS in the container $pod MiB, under systemd $forking MiB (forking units; notify units ${notify:-?} MiB): within 10 %"
        else
            fail "rss/$s" "idle RSS in the container $pod MiB, under systemd $forking MiB (forking units; notify units ${notify:-?} MiB): more than 10 % apart"
        fi
        i=$((i + 1))
    done
}
