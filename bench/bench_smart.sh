#!/usr/bin/env bash
# SMART at scale: 256 replayed disks of 30 attributes plus 64 md arrays in one srvhealthd. Prints
# the poll time per disk, the daemon's private memory against an idle daemon of the same run, and
# the time from changing one blob to a full walk of srvhDiskAttrTable, against an snmpd `extend`
# per disk running skdump (the stand-in for `smartctl -A`, see bench/README.md) walked likewise.
# Usage: bench/bench_smart.sh [BUILD_DIR] (env: DISKS=256 ARRAYS=64 WALK_TIMEOUT=600)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
repo=$BENCH_REPO
build=${1:-$repo/build}
disks=${DISKS:-256}
arrays=${ARRAYS:-64}
daemon=$build/srvhealthd
mkblob=$build/tests/mkblob
for x in "$daemon" "$mkblob" "$build/bench/bench_smart_read"; do
        [ -x "$x" ] || { echo "bench: $x not built (cmake --build $build)" >&2; exit 1; }
done
skdump=$(command -v skdump || echo /usr/sbin/skdump)
[ -x "$skdump" ] || { echo "bench: skdump missing (apt-get install libatasmart-bin)" >&2; exit 1; }

# md: ARRAYS healthy raid1 arrays, mdstat and sysfs, from the healthy md0 fixture.
md_sysroot "$tmp/root" "$arrays" sysfs
mkdir -p "$tmp/empty/proc" "$tmp/blobs" "$tmp/noblobs"
printf 'Personalities : \nunused devices: <none>\n' >"$tmp/empty/proc/mdstat"

# DISKS blobs of 30 attributes, each its own serial and WWN.
for ((i = 0; i < disks; i++)); do
        n=$(printf '%03d' "$i")
        "$mkblob" healthy-hdd "$tmp/blobs/disk$n.blob" attrs=30 serial="BENCH$n" \
                wwn=$(printf '5000c500%08x' "$i")
done

extends=()
for ((i = 0; i < disks; i++)); do
        n=$(printf '%03d' "$i")
        extends+=("extend disk$n $skdump --load=$tmp/blobs/disk$n.blob")
done
bench_snmpd s "${extends[@]}"
port=${snmpd_port[s]}

duration=.1.3.6.1.4.1.8072.9999.9999.73.1.1.5.1.6
serial_col=.1.3.6.1.4.1.8072.9999.9999.73.1.3.1.1.4
get() { snmpget -v2c -c public -t 30 -r 0 -Oqv "127.0.0.1:$port" "$@" 2>/dev/null; }
private_kib() {
        awk '/^Private_(Clean|Dirty):/ {s += $2} END {print s}' "/proc/$1/smaps_rollup"
}
# Starts srvhealthd on a sysroot and a blob directory; waits until it serves that many disks.
start_daemon() {
        bench_srvhealthd s "$daemon" "$1" "$(printf 'smartBlobDir %s\npollInterval smart 3600\npollTimeout smart 3600\npollInterval md 60' "$2")"
        local want=$3 n
        for _ in $(seq 3000); do
                n=$(snmpbulkwalk -v2c -c public -Cr25 -Oqv "127.0.0.1:$port" "$serial_col" \
                        2>/dev/null | grep -c . || true)
                [ "$n" -ge "$want" ] && [ -n "$(get "$duration.1")" ] && return 0
                sleep 0.2
        done
        echo "bench: srvhealthd did not poll" >&2
        exit 1
}

# The idle daemon: the same binary with no arrays and no disks (the memory baseline).
start_daemon "$tmp/empty" "$tmp/noblobs" 0
idle_kib=$(private_kib "$daemon_pid")
kill "$daemon_pid"
wait "$daemon_pid" 2>/dev/null || true
sleep 1

t0=$(now_ms)
start_daemon "$tmp/root" "$tmp/blobs" "$disks"
md_ms=$(get "$duration.1")
smart_ms=$(get "$duration.2")
full_kib=$(private_kib "$daemon_pid")
walk_us=$("$build/bench/bench_smart_read" "$tmp/blobs/disk000.blob" 20 |
        awk -F': ' '/^baseline/ {print $2 + 0}')

attr_table=.1.3.6.1.4.1.8072.9999.9999.73.1.3.2
extend_out=.1.3.6.1.4.1.8072.1.3.2.3.1.2
# A walk of one subtree, varbinds counted; REPS per GETBULK (skdump's output is 3 KiB a disk: 25
# of them pass the 64 KiB an SNMP message over UDP may carry, and snmpd then sends nothing).
walk() {
        snmpbulkwalk -v2c -c public -t "${WALK_TIMEOUT:-600}" -r 0 -Cr"$2" -On "127.0.0.1:$port" \
                "$1" | grep -c '^\.1'
}

# srvhealthd: disk 100's temperature changes (36 -> 41 C); time until a walk shows it, then the
# walk. The blob directory's inotify watch starts the poll.
victim=$(printf 'disk%03d' $((disks / 2)))
"$mkblob" healthy-hdd "$tmp/new.blob" attrs=30 serial="BENCH${victim#disk}" temp=41 \
        wwn=$(printf '5000c500%08x' $((disks / 2)))
row=$(snmpbulkwalk -v2c -c public -Cr25 -On "127.0.0.1:$port" "$serial_col" |
        awk -v k="\"BENCH${victim#disk}\"" '$NF == k {print substr($1, length(c) + 1)}' \
                c="$serial_col")
[ -n "$row" ] || { echo "bench: $victim not served" >&2; exit 1; }
raw194=$attr_table.1.6$row.194
t0=$(now_ms)
mv "$tmp/new.blob" "$tmp/blobs/$victim.blob"
until [ "$(get "$raw194")" = 41 ]; do sleep 0.01; done
t1=$(now_ms)
ours_n=$(walk "$attr_table" 25)
t2=$(now_ms)

awk -v d="$disks" -v a="$arrays" -v sm="$smart_ms" -v mm="$md_ms" -v w="$walk_us" \
        -v ik="$idle_kib" -v fk="$full_kib" -v f=$((t1 - t0)) -v ow=$((t2 - t1)) \
        -v on="$ours_n" 'BEGIN {
        printf "smart poll, %d disks of 30 attributes: %d ms, %.1f ms per disk (%.1f x one libatasmart attribute walk, %.1f ms here)\n", d, sm, sm / d, sm / d / (w / 1000), w / 1000
        printf "md poll, %d arrays: %d ms\n", a, mm
        printf "private memory: %d KiB with both modules, %d KiB idle (ratio %.2f)\n", fk, ik, fk / ik
        printf "srvhealthd: change seen after %d ms, walk of srvhDiskAttrTable %d ms (%d varbinds), %d ms in all\n", f, ow, on, f + ow
}'
# snmpd extend: the same change, then a walk of nsExtendOutputFull (every command runs; its
# output cache of 5 s has expired since the daemon started).
"$mkblob" healthy-hdd "$tmp/new.blob" attrs=30 serial="BENCH${victim#disk}" temp=42 \
        wwn=$(printf '5000c500%08x' $((disks / 2)))
sleep 6
t3=$(now_ms)
mv "$tmp/new.blob" "$tmp/blobs/$victim.blob"
ext_n=$(walk "$extend_out" 4)
t4=$(now_ms)

awk -v f=$((t1 - t0)) -v ow=$((t2 - t1)) -v ew=$((t4 - t3)) -v en="$ext_n" 'BEGIN {
        printf "snmpd extend, skdump per disk: walk %d ms (%d varbinds)\n", ew, en
        printf "ratio extend walk / srvhealthd change-to-walk: %.2f\n", ew / (f + ow)
}'
