#!/usr/bin/env bash
# Set up a fresh Debian 12 machine and run srvhealth's whole test suite: unit tests, MIB lint and
# OID checks, integration tests against a real snmpd/snmptrapd/check_snmp/snmp_exporter, the
# end-to-end test in a QEMU guest on Debian's kernel (tests/vm; the guest's packages are fetched
# with apt-get download, not installed), the Debian package (scripts/package-test.sh), an
# ASan/UBSan build of the unit tests, a ThreadSanitizer build of the unit and integration tests,
# and bounded libFuzzer runs of the parsers and the walker. Run as root (or with sudo available).
# Prints ctest's summary for each build and a final "N passed, N failed" line for all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

packages=(cmake make gcc clang libclang-rt-14-dev pkg-config libsnmp-dev libcmocka-dev
          libatasmart-dev libatasmart-bin libudev-dev snmpd snmp snmptrapd smitools erlang-snmp
          monitoring-plugins-standard iproute2 procps valgrind strace systemd curl python3
          prometheus-snmp-exporter prometheus
          build-essential debhelper dpkg-dev lintian fakeroot adduser passwd util-linux
          qemu-system-x86 qemu-utils busybox-static cpio kmod binutils socat)

install_packages() {
        local sudo=()
        [ "$(id -u)" -eq 0 ] || sudo=(sudo)
        echo "== installing build and test packages"
        "${sudo[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
                "${packages[@]}" >/dev/null
}

if [ "${SRVH_SKIP_APT:-0}" != 1 ]; then
        install_packages
fi

# The system snmpd that the package starts is not ours to use; tests start their own on loopback.
jobs=$(nproc 2>/dev/null || echo 2)
total_pass=0
total_fail=0

run_ctest() { # build dir, ctest args...
        local dir=$1 log
        shift
        log=$(mktemp)
        set +e
        (cd "$dir" && ctest --output-on-failure "$@") 2>&1 | tee "$log"
        set -e
        local line
        line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
        rm -f "$log"
        if [ -z "$line" ]; then
                echo "!! ctest in $dir printed no summary"
                total_fail=$((total_fail + 1))
                return
        fi
        local failed all
        failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
        all=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")
        total_pass=$((total_pass + all - failed))
        total_fail=$((total_fail + failed))
}

echo "== build: gcc, warnings as errors"
cmake -S "$repo" -B "$repo/build" -DSRVH_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$repo/build" -j "$jobs"
echo "== tests: unit, MIB, integration"
run_ctest "$repo/build" -j "$jobs"

echo "== Debian package: build, lintian, install, walk through the system snmpd, purge"
package_test=(bash "$repo/scripts/package-test.sh")
[ "$(id -u)" -eq 0 ] || package_test=(sudo "${package_test[@]}")
if "${package_test[@]}"; then
        total_pass=$((total_pass + 1))
else
        echo "!! scripts/package-test.sh failed"
        total_fail=$((total_fail + 1))
fi

echo "== build: AddressSanitizer + UndefinedBehaviorSanitizer (unit tests)"
cmake -S "$repo" -B "$repo/build-asan" -DSRVH_WERROR=ON -DSRVH_SANITIZE=ON \
        -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$repo/build-asan" -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        run_ctest "$repo/build-asan" -L unit -j "$jobs"

echo "== build: ThreadSanitizer (unit and integration tests: collectors, watchdog, SNMP thread)"
cmake -S "$repo" -B "$repo/build-tsan" -DSRVH_WERROR=ON -DSRVH_TSAN=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$repo/build-tsan" -j "$jobs"
# valgrind and TSan cannot share a process: the valgrind test runs in the plain build above. The
# TSan runtime writes files of its own to /tmp, which test_no_snmpd_state (it watches every file
# the daemon creates) would count against the daemon; that test runs in the plain build.
TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1" \
        run_ctest "$repo/build-tsan" -L 'unit|integration' -E 'valgrind|no_snmpd_state' -j "$jobs"

echo "== build: libFuzzer targets (clang), bounded runs over the fixtures"
cmake -S "$repo" -B "$repo/build-fuzz" -DCMAKE_C_COMPILER=clang -DSRVH_WERROR=ON -DSRVH_FUZZ=ON \
        -DSRVH_TESTS=OFF >/dev/null
cmake --build "$repo/build-fuzz" -j "$jobs"
run_ctest "$repo/build-fuzz" -L fuzz -j "$jobs"

echo
echo "all builds: ${total_pass} passed, ${total_fail} failed"
echo "${total_pass} passed, ${total_fail} failed"
[ "$total_fail" -eq 0 ]
