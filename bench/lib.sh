# The set-up the bench scripts share, sourced by bench/run, bench_walk.sh and bench_smart.sh: a
# private directory removed on exit, free loopback ports, private snmpd instances (each its own
# UDP port and AgentX socket), srvhealthd behind one, and synthetic md sysroots.
# shellcheck shell=bash

set -euo pipefail

BENCH_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
R=.1.3.6.1.4.1.8072.9999.9999.73 # SRVHEALTH-MIB root (include/srvhealth/oids.h)

# srvhealthd refuses a config below a directory others can write (such as /tmp)
if [ "$(id -u)" -eq 0 ]; then bench_base=/run; else bench_base=${XDG_RUNTIME_DIR:-${TMPDIR:-/tmp}}; fi
tmp=$(mktemp -d "$bench_base/srvh-bench.XXXXXX")
chmod 0755 "$tmp"
pids=()
bench_cleanup() {
        local p
        for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
        for p in "${pids[@]}"; do kill -CONT "$p" 2>/dev/null || true; done
        wait 2>/dev/null || true
        [ -n "${BENCH_KEEP:-}" ] || rm -rf "$tmp"
}
trap bench_cleanup EXIT

# Keep net-snmp away from the user's and the system's configuration and MIBs.
export SNMP_PERSISTENT_DIR=$tmp/persist MIBS= SNMPCONFPATH=$tmp

now_ms() { echo $(($(date +%s%N) / 1000000)); }
now_ns() { date +%s%N; }

pick_port() {
        local p
        while :; do
                p=$((20000 + RANDOM % 25000))
                ss -Hlun | awk '{print $4}' | grep -q ":$p\$" || { echo "$p"; return; }
        done
}

# The snmpd instances by name: their UDP port and AgentX socket.
declare -A snmpd_port snmpd_master snmpd_pid

# bench_snmpd NAME [CONF_LINE...]: a private snmpd listening on 127.0.0.1 and on its own AgentX
# socket, with the extra config lines given; waits until it answers.
bench_snmpd() {
        local name=$1 dir=$tmp/$1 port
        shift
        port=$(pick_port)
        mkdir -p "$dir"
        {
                echo "agentaddress udp:127.0.0.1:$port"
                echo "master agentx"
                echo "agentXSocket unix:$dir/master"
                echo "rocommunity public 127.0.0.1"
                echo "dontLogTCPWrappersConnects yes"
                local l
                for l in "$@"; do echo "$l"; done
        } >"$dir/snmpd.conf"
        snmpd -f -Lf "$dir/snmpd.log" -C -I -smux -c "$dir/snmpd.conf" -p "$dir/snmpd.pid" &
        pids+=($!)
        snmpd_pid[$name]=$!
        snmpd_port[$name]=$port
        snmpd_master[$name]=$dir/master
        local _
        for _ in $(seq 100); do
                [ -S "$dir/master" ] && snmpget -v2c -c public -r 0 -t 1 "127.0.0.1:$port" \
                        .1.3.6.1.2.1.1.3.0 >/dev/null 2>&1 && return 0
                sleep 0.1
        done
        echo "bench: snmpd $name did not start (see $dir/snmpd.log)" >&2
        exit 1
}

# bench_srvhealthd NAME DAEMON SYSROOT CONF_TEXT [WRAPPER...]: srvhealthd DAEMON behind snmpd NAME
# on SYSROOT; its pid in daemon_pid. A wrapper (valgrind ...) goes before the daemon.
bench_srvhealthd() {
        local name=$1 daemon=$2 root=$3 conf=$4 dir=$tmp/$1
        shift 4
        printf '%s\n' "$conf" >"$dir/srvhealthd.conf"
        "$@" "$daemon" -f -Lf "$dir/srvhealthd.log" -c "$dir/srvhealthd.conf" \
                -x "unix:${snmpd_master[$name]}" -p "$dir/srvhealthd.pid" --sysroot "$root" &
        daemon_pid=$!
        pids+=($daemon_pid)
}

# wait_get NAME OID [TRIES [PID]]: until snmpd NAME answers a GET of OID with a value (0.2 s
# apart); gives up at once when PID (the process behind it) has exited.
wait_get() {
        local _
        for _ in $(seq "${3:-300}"); do
                snmpget -v2c -c public -r 0 -t 2 -Oqv "127.0.0.1:${snmpd_port[$1]}" "$2" 2>/dev/null |
                        grep -qv '^No Such' && return 0
                if [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null; then
                        echo "bench: the process serving snmpd $1 exited (see $tmp/$1/)" >&2
                        exit 1
                fi
                sleep 0.2
        done
        echo "bench: $2 never served by snmpd $1 (see $tmp/$1/*.log)" >&2
        exit 1
}

# md_sysroot DIR ARRAYS [sysfs]: /proc/mdstat with ARRAYS healthy raid1 arrays of two members (as
# the kernel prints them: separator lines of 6 spaces), and with "sysfs" their
# /sys/block/mdN/md directories, from the healthy md0 fixture.
md_sysroot() {
        local root=$1 arrays=$2 i d
        local fixture=$BENCH_REPO/tests/fixtures/md-sysfs/healthy/sys/block/md0
        mkdir -p "$root/proc"
        {
                echo "Personalities : [raid1] "
                for ((i = arrays - 1; i >= 0; i--)); do
                        echo "md$i : active raid1 sd$((2 * i + 1))1[1] sd$((2 * i))1[0]"
                        echo "      976630464 blocks super 1.2 [2/2] [UU]"
                        echo "      "
                done
                echo "unused devices: <none>"
        } >"$root/proc/mdstat"
        [ "${3:-}" = sysfs ] || return 0
        mkdir -p "$root/sys/block"
        for ((i = 0; i < arrays; i++)); do
                d=$root/sys/block/md$i/md
                mkdir -p "$root/sys/block/md$i"
                cp -a "$fixture/md" "$d"
                mv "$d/dev-sda1" "$d/dev-sd$((2 * i))1"
                mv "$d/dev-sdb1" "$d/dev-sd$((2 * i + 1))1"
        done
}

# Median of the numbers on stdin (one a line).
median() { sort -n | awk '{a[NR] = $1} END {if (NR) print a[int((NR + 1) / 2)]}'; }
