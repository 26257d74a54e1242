#!/usr/bin/env bash
# Walk speed of srvhealthd through snmpd, against snmpd's own tables measured in the same run.
# Builds a synthetic sysroot with N md arrays (kernel mdstat format), starts a private snmpd on
# loopback and srvhealthd behind it, then bulk-walks (a) snmpd's own MIB-2 subtree and (b) our
# subtree, several rounds each, and prints microseconds per varbind and the ratio (b)/(a).
# bench/run makes the fuller comparison (same varbinds, several servers, interleaved rounds).
# Usage: bench/bench_walk.sh [BUILD_DIR] (env: ARRAYS=250 ROUNDS=5)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
build=${1:-$BENCH_REPO/build}
arrays=${ARRAYS:-250}
rounds=${ROUNDS:-5}
daemon=$build/srvhealthd
[ -x "$daemon" ] || { echo "bench: $daemon not built (cmake --build $build)" >&2; exit 1; }

md_sysroot "$tmp/root" "$arrays"
bench_snmpd w
bench_srvhealthd w "$daemon" "$tmp/root" "pollInterval md 60"
wait_get w "$R.1.2.1.1.2.$arrays"
port=${snmpd_port[w]}

# Median nanoseconds per varbind over the rounds for one subtree, and the varbind count.
measure() {
        local oid=$1 n t0 t1 per=()
        for ((r = 0; r < rounds; r++)); do
                t0=$(now_ns)
                n=$(snmpbulkwalk -v2c -c public -Cr25 -On "127.0.0.1:$port" "$oid" | wc -l)
                t1=$(now_ns)
                per+=($(((t1 - t0) / (n > 0 ? n : 1))))
        done
        echo "$(printf '%s\n' "${per[@]}" | median) $n"
}

read -r base_us base_n < <(measure .1.3.6.1.2.1)
read -r ours_us ours_n < <(measure "$R")
awk -v bn="$base_n" -v b="$base_us" -v on="$ours_n" -v o="$ours_us" -v arr="$arrays" -v r="$rounds" 'BEGIN {
        printf "snmpd serving its own MIB-2:      %6d varbinds, %6.1f us/varbind (median of %d)\n", bn, b / 1000, r
        printf "srvhealthd via AgentX, %4d arrays: %6d varbinds, %6.1f us/varbind (median of %d)\n", arr, on, o / 1000, r
        if (b > 0) printf "ratio srvhealthd/snmpd per varbind: %.2f\n", o / b
}'
