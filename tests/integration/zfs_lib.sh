# Helpers for the ZFS integration tests, sourced after lib.sh: a replaying zpool in $T/bin (the
# real executable the daemon runs through zpoolPath, tests/tools/zpool_replay.sh), the ZFS
# sysroot fixture, and OIDs of srvhZpoolTable / srvhZfsVdevTable rows.
# shellcheck shell=bash
# shellcheck disable=SC2034 # the OIDs below are used by the tests that source this file

ZP=$R.1.4.1.1 # srvhZpoolEntry
ZV=$R.1.4.2.1 # srvhZfsVdevEntry
ARC=$R.1.4.3  # srvhZfsArc
ZMOD=$R.1.1.5.1 # srvhModuleEntry; the zfs row has index 3
ZFS_FIX=$SRVH_FIXTURES/zfs

setup_zpool() {
        mkdir -p "$T/bin/replay"
        cp "$SRVH_SOURCE_DIR/tests/tools/zpool_replay.sh" "$T/bin/zpool"
        ln -s zpool "$T/bin/zfs" # the same replayer answers zfs get
        : >"$T/bin/replay/get.out"
        chmod 0755 "$T/bin" "$T/bin/zpool"
}

# replay NAME FILE: zpool NAME prints FILE from now on (atomic: a running call sees old or new).
replay() {
        cp "$2" "$T/bin/replay/$1.out.tmp"
        mv -f "$T/bin/replay/$1.out.tmp" "$T/bin/replay/$1.out"
}

# replay_text NAME.EXT TEXT: write one of the replay control files (NAME.sleep, NAME.rc ...).
replay_text() {
        printf '%s\n' "$2" >"$T/bin/replay/$1.tmp"
        mv -f "$T/bin/replay/$1.tmp" "$T/bin/replay/$1"
}

# idx STRING: the OCTET STRING index of STRING (length, then one sub-identifier per byte).
idx() {
        local s=$1 out=${#1} i
        for ((i = 0; i < ${#s}; i++)); do
                out+=.$(printf '%d' "'${s:i:1}")
        done
        echo "$out"
}

# start_zfs_stack [CONF LINE...]: trap receiver, snmpd, srvhealthd with the zfs module polled
# every second from the replaying zpool, until the subtree answers.
start_zfs_stack() {
        write_srvh_conf "pollInterval zfs 1" "zpoolPath $T/bin/zpool" "zfsPath $T/bin/zfs" "$@"
        start_snmptrapd
        start_snmpd
        start_srvhealthd
        must_wait subtree_answers 10 "srvhealthd answers through snmpd"
}
