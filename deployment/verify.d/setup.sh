# deployment/verify, part 1: the tools, podman's configuration, and the cached root file systems
# (a Debian minbase as the images' base, the same plus systemd and a JRE for the booted
# container). Sourced, not run; needs lib.sh.

# The packages the suite needs, all from Debian's own archive. runc, not crun: crun 1.8 refuses a
# hybrid cgroup layout ("cgroups in hybrid mode not supported"), which these VMs have. catatonit
# is the init of the pod's infra container, which podman builds locally (no image can be pulled).
TOOLS_PACKAGES=(podman buildah runc catatonit uidmap debootstrap systemd-container logrotate jq curl)

install_tools() {
    local missing=() pkg
    for pkg in "${TOOLS_PACKAGES[@]}"; do
        [ "$(dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        note "all of ${TOOLS_PACKAGES[*]} installed"
        return 0
    fi
    note "installing from apt: ${missing[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
        >"$RUN_DIR/apt.log" 2>&1 || { tail -n 20 "$RUN_DIR/apt.log" >&2; die "apt-get install ${missing[*]} failed"; }
}

# Podman and buildah read this configuration only (the variables below), not /etc/containers:
# the suite changes no global file, and its images, containers and volumes live in its own
# storage under the cache directory, apart from anyone else's podman.
configure_podman() {
    local conf=$CACHE/containers
    mkdir -p "$conf" "$CACHE/storage" "$PODMAN_RUN"
    # runc (see above); cgroupfs: there is no systemd on the host to ask for scopes. The ulimits:
    # podman's default raises RLIMIT_NOFILE/NPROC to 1048576, which root here may not
    # (no CAP_SYS_RESOURCE: "setrlimit RLIMIT_NOFILE: Operation not permitted"). Events and
    # container logs go to files: there is no journald on the host either.
    cat >"$conf/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
log_driver = "k8s-file"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$PODMAN_RUN/libpod"
EOF
    cat >"$conf/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$CACHE/storage"
runroot = "$PODMAN_RUN/storage"
EOF
    # No registry is reachable: every image name here is local, and nothing may be pulled.
    cat >"$conf/registries.conf" <<EOF
unqualified-search-registries = []
short-name-mode = "disabled"
EOF
    export CONTAINERS_CONF=$conf/containers.conf
    export CONTAINERS_STORAGE_CONF=$conf/storage.conf
    export CONTAINERS_REGISTRIES_CONF=$conf/registries.conf
    podman info --format '{{.Host.OCIRuntime.Name}} {{.Host.CgroupManager}} {{.Store.GraphDriverName}}' \
        >"$RUN_DIR/podman-info.txt" 2>&1 || { cat "$RUN_DIR/podman-info.txt" >&2; die "podman does not work with $CONTAINERS_CONF"; }
    note "podman $(podman version --format '{{.Client.Version}}'): $(cat "$RUN_DIR/podman-info.txt"), storage $CACHE/storage"
}

# The Debian mirror and the security mirror this machine's apt uses (deb822 or one-line sources),
# so that the root file systems come from the same place as the machine's packages.
apt_uri_for_suite() { # suite
    local suite=$1 f uris
    uris=$(for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        awk -v suite="$suite" '
            /^[[:space:]]*$/ { if (ok && uri != "") { print uri; exit } ; uri = ""; ok = 0; deb = 0; next }
            /^Types:/ { deb = ($0 ~ /(^|[[:space:]])deb([[:space:]]|$)/) }
            /^URIs:/ { uri = $2 }
            /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) ok = 1 }
            /^Enabled:[[:space:]]*no/ { uri = "" }
            END { if (ok && deb && uri != "") print uri }' "$f"
    done)
    [ -n "$uris" ] || uris=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        awk -v suite="$suite" '$1 == "deb" { u = ($2 ~ /^\[/) ? $3 : $2; s = ($2 ~ /^\[/) ? $4 : $3; if (s == suite) print u }')
    [ -n "$uris" ] && echo "${uris%%$'\n'*}"
}

SUITE=bookworm
detect_mirrors() {
    MIRROR=${MOJAVE_OPS_MIRROR:-$(apt_uri_for_suite $SUITE || echo http://deb.debian.org/debian)}
    SECURITY_MIRROR=${MOJAVE_OPS_SECURITY_MIRROR:-$(apt_uri_for_suite $SUITE-security || echo http://deb.debian.org/debian-security)}
    note "mirror $MIRROR, security $SECURITY_MIRROR"
}

# A cache key: the hash of everything that makes the cached thing, including the code that makes
# it (the function's own text), so that a change to the recipe builds anew.
cache_key() { # function-name inputs...
    local fn=$1
    shift
    { declare -f "$fn"; printf '%s\n' "$@"; } | sha256sum | cut -c1-16
}

# The base of the images: `debootstrap --variant=minbase` of Debian 12, the content of
# debian:bookworm-slim less its trimming, with apt pointed at this machine's mirrors. Kept as a
# tar file under the cache directory and imported as an image into the suite's podman storage.
build_base_rootfs() { # output tar
    local out=$1 dir
    dir=$(mktemp -d "$CACHE/tmp.base.XXXXXX")
    on_exit "rm -rf '$dir'"
    debootstrap --variant=minbase --arch="$(dpkg --print-architecture)" $SUITE "$dir" "$MIRROR" \
        >"$RUN_DIR/debootstrap.log" 2>&1 || { tail -n 20 "$RUN_DIR/debootstrap.log" >&2; die "debootstrap failed"; }
    rm -f "$dir/etc/apt/sources.list"
    cat >"$dir/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY_MIRROR
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    # As in Debian's official images: no package caches or lists in the image, no host names.
    rm -rf "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/var/log/*.log
    : >"$dir/etc/hostname"
    : >"$dir/etc/resolv.conf"
    tar -C "$dir" --numeric-owner -cf "$out.tmp" . && mv -f "$out.tmp" "$out"
    rm -rf "$dir"
}

ensure_base() {
    BASE_KEY=$(cache_key build_base_rootfs $SUITE minbase "$(dpkg --print-architecture)" "$MIRROR" "$SECURITY_MIRROR" "$(debootstrap --version)")
    BASE_TAR=$CACHE/rootfs/base-$BASE_KEY.tar
    BASE_IMAGE=localhost/mojave-ops/debian-$SUITE-minbase:$BASE_KEY
    mkdir -p "$CACHE/rootfs"
    if [ -s "$BASE_TAR" ]; then
        note "base root file system cached: $BASE_TAR"
    else
        note "debootstrap --variant=minbase $SUITE from $MIRROR (a few minutes the first time)"
        rm -f "$CACHE"/rootfs/base-*.tar # another recipe's: not used again
        build_base_rootfs "$BASE_TAR"
    fi
    if podman image exists "$BASE_IMAGE"; then
        note "base image cached: $BASE_IMAGE"
    else
        local ctr
        ctr=$(buildah from --pull=never scratch) || die "buildah from scratch failed"
        on_exit "buildah rm '$ctr'"
        # No EXPOSE, no USER, no ENTRYPOINT: what Debian's own image declares (only a CMD).
        buildah add --quiet "$ctr" "$BASE_TAR" / &&
            buildah config --cmd bash --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
                --label org.opencontainers.image.description="Debian $SUITE minbase, debootstrapped by deployment/verify" "$ctr" &&
            buildah commit --quiet --rm "$ctr" "$BASE_IMAGE" >/dev/null || die "importing $BASE_TAR as $BASE_IMAGE failed"
        note "base image imported: $BASE_IMAGE"
    fi
}

# The booted container's root file system: the base plus systemd (as PID 1), logrotate and the same
# JRE the images install (openjdk-17-jre-headless), kept as a directory under the cache directory.
# Each run boots an overlay of it, so the cached tree stays as built.
NSPAWN_PACKAGES=(systemd systemd-sysv dbus logrotate openjdk-17-jre-headless procps)
build_systemd_rootfs() { # output directory
    local out=$1 dir
    dir=$(mktemp -d "$CACHE/tmp.systemd.XXXXXX")
    on_exit "rm -rf '$dir'"
    tar -C "$dir" -xf "$BASE_TAR" || die "cannot unpack $BASE_TAR"
    # Not booted here, only chrooted by nspawn (its own /proc, /dev, the host's network).
    systemd-nspawn -q --register=no --keep-unit -D "$dir" --resolv-conf=copy-host --timezone=off --link-journal=no \
        sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${NSPAWN_PACKAGES[*]} && apt-get clean && rm -rf /var/lib/apt/lists/*" \
        >"$RUN_DIR/systemd-rootfs.log" 2>&1 || { tail -n 20 "$RUN_DIR/systemd-rootfs.log" >&2; die "installing ${NSPAWN_PACKAGES[*]} in the systemd root file system failed"; }
    : >"$dir/etc/machine-id" # a new one at each first boot
    mv "$dir" "$out"
}

ensure_systemd_rootfs() {
    SYSTEMD_KEY=$(cache_key build_systemd_rootfs "$BASE_KEY" "${NSPAWN_PACKAGES[@]}")
    SYSTEMD_ROOTFS=$CACHE/rootfs/systemd-$SYSTEMD_KEY
    if [ -d "$SYSTEMD_ROOTFS" ]; then
        note "systemd root file system cached: $SYSTEMD_ROOTFS"
        return 0
    fi
    note "installing ${NSPAWN_PACKAGES[*]} into a copy of the base (a few minutes the first time)"
    local old
    for old in "$CACHE"/rootfs/systemd-*; do [ -d "$old" ] && rm -rf "$old"; done
    build_systemd_rootfs "$SYSTEMD_ROOTFS"
}
