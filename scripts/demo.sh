#!/usr/bin/env bash
# Set up and run srvhealthd on a fresh Debian 12 machine, without touching the system snmpd.
#
#   bash scripts/demo.sh          (as root; sudo bash scripts/demo.sh from a user account)
#                                 install packages, build, start a private snmpd + srvhealthd, walk
#                                 SRVHEALTH-MIB by name, keep serving until Ctrl-C
#   bash scripts/demo.sh --once   the same, but stop both daemons after the walk; also what happens
#                                 when standard input is not a terminal (CI, a pipe, </dev/null)
#
# It serves this host's md arrays when /proc/mdstat lists any, otherwise the demo dataset in
# examples/demo/sysroot. Environment: DEMO_PORT (UDP port of the private snmpd, default 11161),
# DEMO_SKIP_APT=1 (packages are already installed: no apt-get, no root needed), DEMO_BUILD_DIR
# (default ./build), DEMO_SKIP_BUILD=1 (use the srvhealthd already built there), DEMO_SYSROOT=DIR
# (serve DIR instead of choosing).
# shellcheck disable=SC2317 # stop() and cleanup() run from traps
set -euo pipefail

ROOT_OID=.1.3.6.1.4.1.8072.9999.9999.73
VERSION_OID=$ROOT_OID.1.1.1.0
PORT=${DEMO_PORT:-11161}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ONCE=0

usage() {
        sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

for arg in "$@"; do
        case $arg in
        --once) ONCE=1 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "demo.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
        esac
done
[ -t 0 ] || ONCE=1 # nobody to press Ctrl-C: walk once and stop

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\ndemo.sh: %s\n' "$*" >&2; exit 1; }

case $PORT in
'' | *[!0-9]*) die "DEMO_PORT must be a port number, not '$PORT'" ;;
esac
if [ "${DEMO_SKIP_APT:-0}" != 1 ] && [ "$(id -u)" -ne 0 ]; then
        die "run me as root (sudo bash scripts/demo.sh): apt-get needs it; or install the packages and set DEMO_SKIP_APT=1"
fi
BUILD=${DEMO_BUILD_DIR:-$REPO/build}

# --- 1. packages -------------------------------------------------------------------------------
if [ "${DEMO_SKIP_APT:-0}" != 1 ]; then
        say "Installing build and runtime packages (apt-get)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y --no-install-recommends \
                cmake gcc make pkg-config libc6-dev libsnmp-dev libatasmart-dev libudev-dev libcmocka-dev \
                snmpd snmp erlang-snmp
fi

# --- 2. build ----------------------------------------------------------------------------------
if [ "${DEMO_SKIP_BUILD:-0}" != 1 ]; then
        say "Building into $BUILD"
        cmake -S "$REPO" -B "$BUILD"
        cmake --build "$BUILD" -j2
fi
SRVHEALTHD=$BUILD/srvhealthd
[ -x "$SRVHEALTHD" ] || die "the build finished but $SRVHEALTHD is missing"

# --- 3. private snmpd + srvhealthd -------------------------------------------------------------
tmp=$(mktemp -d /tmp/srvhealth-demo.XXXXXX)
snmpd_pid=
srvh_pid=
tail_pid=

stop() { # stop PID: TERM, then KILL if it does not go within 5 s
        local pid=$1
        [ -n "$pid" ] || return 0
        kill -TERM "$pid" 2>/dev/null || return 0
        for _ in $(seq 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
}
cleanup() {
        local rc=$?
        trap - EXIT INT TERM
        [ -z "$tail_pid" ] || kill "$tail_pid" 2>/dev/null || true
        stop "$srvh_pid"
        stop "$snmpd_pid"
        rm -rf "$tmp"
        [ "$rc" -eq 0 ] || [ "$rc" -eq 130 ] || echo "demo.sh: stopped with errors (exit $rc)" >&2
        exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

show_log() { # show_log NAME FILE: the end of a daemon's log, for a failure message
        echo "--- last lines of $1's log ---" >&2
        tail -n 25 "$2" >&2 || true
        echo "---" >&2
}

if [ -n "${DEMO_SYSROOT:-}" ]; then
        SYSROOT=$DEMO_SYSROOT
        say "Serving $SYSROOT (DEMO_SYSROOT)"
elif grep -qE '^md[^ ]* : ' /proc/mdstat 2>/dev/null; then
        SYSROOT=/
        say "This host has md arrays: serving the real ones (--sysroot /)"
else
        SYSROOT=$REPO/examples/demo/sysroot
        say "No md arrays on this host: serving the demo dataset (--sysroot $SYSROOT)"
fi

export SNMP_PERSISTENT_DIR=$tmp/persist MIBS=
mkdir -p "$SNMP_PERSISTENT_DIR"
cat >"$tmp/snmpd.conf" <<EOF
# Private master agent for the demo: loopback only, read-only community, AgentX in a temp dir.
agentaddress udp:127.0.0.1:$PORT
master agentx
agentXSocket unix:$tmp/master
rocommunity public 127.0.0.1
dontLogTCPWrappersConnects yes
EOF

say "Starting a private snmpd on udp:127.0.0.1:$PORT (the system snmpd is left alone)"
snmpd -f -Lo -C -I -smux -c "$tmp/snmpd.conf" -p "$tmp/snmpd.pid" >"$tmp/snmpd.log" 2>&1 &
snmpd_pid=$!

snmp_args=(-v2c -c public -t 1 -r 0 "127.0.0.1:$PORT")
deadline=$((SECONDS + 10))
until [ -S "$tmp/master" ] && snmpget "${snmp_args[@]}" .1.3.6.1.2.1.1.1.0 >/dev/null 2>&1; do
        kill -0 "$snmpd_pid" 2>/dev/null || { show_log snmpd "$tmp/snmpd.log"; die "snmpd exited (is port $PORT taken? set DEMO_PORT)"; }
        [ "$SECONDS" -lt "$deadline" ] || { show_log snmpd "$tmp/snmpd.log"; die "snmpd did not answer within 10 s"; }
        sleep 0.1
done

say "Starting srvhealthd"
echo "$SRVHEALTHD -f -Lo -x unix:$tmp/master -p $tmp/srvhealthd.pid --sysroot $SYSROOT"
"$SRVHEALTHD" -f -Lo -x "unix:$tmp/master" -p "$tmp/srvhealthd.pid" --sysroot "$SYSROOT" \
        >"$tmp/srvhealthd.log" 2>&1 &
srvh_pid=$!

# Poll until the subtree answers: srvhealthd has connected, registered and published a first poll.
deadline=$((SECONDS + 20))
# srvhModuleDataAge.1 exists once md's first poll is served (the subtree registers before it).
until out=$(snmpget "${snmp_args[@]}" -On "$VERSION_OID" "$ROOT_OID.1.1.5.1.10.1" \
        2>/dev/null) && ! grep -q 'No Such' <<<"$out"; do
        kill -0 "$srvh_pid" 2>/dev/null || { show_log srvhealthd "$tmp/srvhealthd.log"; die "srvhealthd exited"; }
        [ "$SECONDS" -lt "$deadline" ] || { show_log srvhealthd "$tmp/srvhealthd.log"; die "SRVHEALTH-MIB did not answer within 20 s"; }
        sleep 0.2
done
version=$(grep -F "$VERSION_OID" <<<"$out")
version=${version##*STRING: }
echo "srvhealthd answers (version ${version//\"/})"

# --- 4. walk ------------------------------------------------------------------------------------
# Names need the IETF base MIBs (SNMPv2-SMI, -TC, -CONF), which Debian main ships only inside
# erlang-snmp; copy them next to the run, as README.md tells users to do in ~/.snmp/mibs.
mkdir -p "$tmp/mibs"
for m in SNMPv2-SMI SNMPv2-TC SNMPv2-CONF; do
        for f in /usr/lib/erlang/lib/snmp-*/mibs/"$m".mib; do
                [ -f "$f" ] && cp "$f" "$tmp/mibs/$m.txt"
        done
done
mib_args=(-m SRVHEALTH-MIB -M "+$tmp/mibs:$REPO/mibs")
if snmptranslate "${mib_args[@]}" -On SRVHEALTH-MIB::srvhOverallStatus.0 >/dev/null 2>&1; then
        walk=(snmpbulkwalk -v2c -c public "${mib_args[@]}" "127.0.0.1:$PORT" SRVHEALTH-MIB::srvHealthMIB)
        say "snmpbulkwalk -v2c -c public -m SRVHEALTH-MIB -M +$tmp/mibs:$REPO/mibs 127.0.0.1:$PORT SRVHEALTH-MIB::srvHealthMIB"
else
        walk=(snmpbulkwalk -v2c -c public -On "127.0.0.1:$PORT" "$ROOT_OID")
        echo
        echo "(Numeric OIDs only: the IETF base MIBs SNMPv2-SMI/-TC/-CONF were not found under"
        echo " /usr/lib/erlang/lib/snmp-*/mibs: apt-get install erlang-snmp. README.md explains.)"
        say "${walk[*]}"
fi
"${walk[@]}"

if [ "$ONCE" -eq 1 ]; then
        say "Done: stopping srvhealthd and the private snmpd"
        exit 0
fi

# --- 5. keep serving ---------------------------------------------------------------------------
say "srvhealthd is serving. From another terminal, try:"
echo "    ${walk[*]}"
echo "    snmpget -v2c -c public ${mib_args[*]} 127.0.0.1:$PORT SRVHEALTH-MIB::srvhOverallStatus.0 SRVHEALTH-MIB::srvhOverallMessage.0"
echo
echo "srvhealthd's log follows. Press Ctrl-C to stop both daemons and clean up."
echo
tail -n +1 -f "$tmp/srvhealthd.log" &
tail_pid=$!
wait "$srvh_pid" || true
srvh_pid=
die "srvhealthd exited on its own"
