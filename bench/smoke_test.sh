#!/usr/bin/env bash
# Keeps bench/run working (ctest bench/run_quick): runs it in --quick mode and checks that every
# part printed its ratios and that each is a positive number. No timing threshold: the figures
# depend on the machine; that they are measured and printed is what is checked.
# Usage: bench/smoke_test.sh BUILD_DIR
set -euo pipefail
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! "$(dirname "$0")/run" --quick "$1" >"$out" 2>&1; then
        cat "$out"
        echo "FAIL: bench/run --quick exited with an error" >&2
        exit 1
fi
cat "$out"
fail() { echo "FAIL: $*" >&2; exit 1; }
# Every ratio line ends in a number: all of them must be positive.
n=$(grep -c '^ratio ' "$out" || true)
bad=$(awk '/^ratio / && !($NF ~ /^[0-9]+(\.[0-9]+)?$/ && $NF + 0 > 0)' "$out")
[ -z "$bad" ] || fail "ratios that are not positive numbers: $bad"
# One line per comparison the README lists (walk x2 modes, PDU instructions, change, latency).
for want in 'bulk, srvhealthd / floor (wall)' 'bulk, srvhealthd / passp (wall)' \
        'bulk, srvhealthd / native (wall)' 'bulk, srvhealthd / mapped (wall)' \
        'bulk, srvhealthd / floor (CPU)' 'bulk, mapped prototype / native (wall)' \
        'getnext, srvhealthd / floor (wall)' 'getnext, srvhealthd / native (wall)' \
        'getnext, mapped prototype / native (wall)' \
        'instructions per AgentX PDU, srvhealthd / floor' \
        'first walk after a change, extend / srvhealthd' \
        'GET p99, collector polling / idle' 'GET p50, collector polling / idle'; do
        grep -qF -- "$want" "$out" || fail "no ratio for: $want"
done
[ "$n" -eq 16 ] || fail "$n ratio lines, expected 16"
grep -q 'truncated file renamed in: \([0-9]*\) of \1 varbinds' "$out" ||
        fail "the prototype did not keep serving its last good file"
echo "PASS: $n ratios, all positive"
