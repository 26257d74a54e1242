#!/usr/bin/env bash
# Long libFuzzer runs of every target in tests/fuzz/ (CI runs each for 20 s only). Builds the
# fuzz tree with clang if needed, gives each target a private copy of its seed corpus, runs
# FUZZ_RUNS inputs per target (default 10 million) of at most FUZZ_MAX_LEN bytes (default 2048:
# every seed fits), FUZZ_JOBS at a time (default: cores), and
# prints one line per target with its executions and time. A crash leaves its input in
# build-fuzz/crashes/ and makes the script exit 1: turn it into a unit test.
#   bash scripts/fuzz.sh                  all targets, 10 M inputs each
#   FUZZ_RUNS=1000000 bash scripts/fuzz.sh fuzz_mdstat fuzz_handler
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
build=$repo/build-fuzz
runs=${FUZZ_RUNS:-10000000}
jobs=${FUZZ_JOBS:-$(nproc)}
max_len=${FUZZ_MAX_LEN:-2048}

cmake -S "$repo" -B "$build" -DCMAKE_C_COMPILER=clang -DSRVH_WERROR=ON -DSRVH_FUZZ=ON \
        -DSRVH_TESTS=OFF >/dev/null
cmake --build "$build" -j "$jobs" >/dev/null

targets=("$@")
if ((${#targets[@]} == 0)); then
        for f in "$repo"/tests/fuzz/fuzz_*.c; do targets+=("$(basename "$f" .c)"); done
fi
mkdir -p "$build/crashes" "$build/long"

run_one() {
        local t=$1 dir=$build/long/$1 log
        rm -rf "$dir"
        mkdir -p "$dir/corpus"
        if [[ -d $build/tests/fuzz/corpus-$t ]]; then
                cp -a "$build/tests/fuzz/corpus-$t/." "$dir/corpus/"
        fi
        log=$dir/log
        if (cd "$dir" && "$build/tests/fuzz/$t" -runs="$runs" -max_len="$max_len" \
                -artifact_prefix="$build/crashes/$t-" corpus >"$log" 2>&1); then
                sed -n "s/^Done \([0-9]*\) runs in \([0-9]*\) second.*/$t: \1 executions in \2 s/p" "$log"
        else
                echo "$t: FAILED, see $log and $build/crashes/"
                return 1
        fi
}

status=0
pids=()
for t in "${targets[@]}"; do
        [[ -x $build/tests/fuzz/$t ]] || { echo "$t: not built"; status=1; continue; }
        run_one "$t" &
        pids+=($!)
        if ((${#pids[@]} >= jobs)); then
                wait "${pids[0]}" || status=1
                pids=("${pids[@]:1}")
        fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit "$status"
