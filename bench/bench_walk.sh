#!/usr/bin/env bash
# Walk speed of srvhealthd through snmpd, against snmpd's own tables measured in the same run.
# Builds a synthetic sysroot with N md arrays (kernel mdstat format), starts a private snmpd on
# loopback and srvhealthd behind it, then bulk-walks (a) snmpd's own MIB-2 subtree and (b) our
# subtree, several rounds each, and prints microseconds per varbind and the ratio (b)/(a).
# Usage: bench/bench_walk.sh [BUILD_DIR] (env: ARRAYS=250 ROUNDS=5 PORT=auto)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build}
arrays=${ARRAYS:-250}
rounds=${ROUNDS:-5}
daemon=$build/srvhealthd
[ -x "$daemon" ] || { echo "bench: $daemon not built (cmake --build $build)" >&2; exit 1; }

# srvhealthd refuses a config below a directory others can write (such as /tmp)
if [ "$(id -u)" -eq 0 ]; then base=/run; else base=${XDG_RUNTIME_DIR:-${TMPDIR:-/tmp}}; fi
tmp=$(mktemp -d "$base/srvh-bench.XXXXXX")
pids=()
cleanup() {
        for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
        wait 2>/dev/null || true
        rm -rf "$tmp"
}
trap cleanup EXIT

pick_port() {
        local p
        while :; do
                p=$((20000 + RANDOM % 25000))
                ss -Hlun | awk '{print $4}' | grep -q ":$p\$" || { echo "$p"; return; }
        done
}
port=${PORT:-$(pick_port)}

# N raid1 arrays of two members each, as the kernel prints them (separator lines: 6 spaces).
mkdir -p "$tmp/root/proc"
{
        echo "Personalities : [raid1] "
        for ((i = arrays - 1; i >= 0; i--)); do
                echo "md$i : active raid1 sd$((2 * i + 1))[1] sd$((2 * i))[0]"
                echo "      976630464 blocks super 1.2 [2/2] [UU]"
                echo "      "
        done
        echo "unused devices: <none>"
} >"$tmp/root/proc/mdstat"

export SNMP_PERSISTENT_DIR=$tmp/persist MIBS= SNMPCONFPATH=$tmp
cat >"$tmp/snmpd.conf" <<CONF
agentaddress udp:127.0.0.1:$port
master agentx
agentXSocket unix:$tmp/master
rocommunity public 127.0.0.1
dontLogTCPWrappersConnects yes
CONF
printf 'pollInterval md 60\n' >"$tmp/srvhealthd.conf"
snmpd -f -Lf "$tmp/snmpd.log" -C -I -smux -c "$tmp/snmpd.conf" -p "$tmp/snmpd.pid" &
pids+=($!)
for _ in $(seq 100); do [ -S "$tmp/master" ] && break; sleep 0.1; done
"$daemon" -f -Lf "$tmp/srvhealthd.log" -c "$tmp/srvhealthd.conf" -x "unix:$tmp/master" \
        -p "$tmp/srvhealthd.pid" --sysroot "$tmp/root" &
pids+=($!)
last=".1.3.6.1.4.1.8072.9999.9999.73.1.2.1.1.2.$arrays"
for _ in $(seq 100); do
        snmpget -v2c -c public -Oqv "127.0.0.1:$port" "$last" 2>/dev/null | grep -q "md" && break
        sleep 0.2
done

# Median nanoseconds per varbind over the rounds for one subtree, and the varbind count.
measure() {
        local oid=$1 n t0 t1 per=()
        for ((r = 0; r < rounds; r++)); do
                t0=$(date +%s%N)
                n=$(snmpbulkwalk -v2c -c public -Cr25 -On "127.0.0.1:$port" "$oid" | wc -l)
                t1=$(date +%s%N)
                per+=($(((t1 - t0) / (n > 0 ? n : 1))))
        done
        printf '%s\n' "${per[@]}" | sort -n | awk -v n="$n" '{a[NR]=$1} END {print a[int((NR+1)/2)], n}'
}

read -r base_us base_n < <(measure .1.3.6.1.2.1)
read -r ours_us ours_n < <(measure .1.3.6.1.4.1.8072.9999.9999.73)
awk -v bn="$base_n" -v b="$base_us" -v on="$ours_n" -v o="$ours_us" -v arr="$arrays" -v r="$rounds" 'BEGIN {
        printf "snmpd serving its own MIB-2:      %6d varbinds, %6.1f us/varbind (median of %d)\n", bn, b / 1000, r
        printf "srvhealthd via AgentX, %4d arrays: %6d varbinds, %6.1f us/varbind (median of %d)\n", arr, on, o / 1000, r
        if (b > 0) printf "ratio srvhealthd/snmpd per varbind: %.2f\n", o / b
}'
