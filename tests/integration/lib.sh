# Harness for the integration tests, sourced by every tests/integration/test_*.sh.
# It gives each test a private temp dir, free UDP ports, its own snmpd + snmptrapd + srvhealthd, and
# kills all of them and removes the dir on exit, dumping the daemon logs when the test failed.
# shellcheck shell=bash
# shellcheck disable=SC2119,SC2120 # helpers take optional arguments

set -euo pipefail

R=.1.3.6.1.4.1.8072.9999.9999.73 # SRVHEALTH-MIB root (include/srvhealth/oids.h)

: "${SRVH_BUILD_DIR:?SRVH_BUILD_DIR must name the build directory (ctest sets it)}"
: "${SRVH_SOURCE_DIR:?SRVH_SOURCE_DIR must name the source directory (ctest sets it)}"
: "${SRVH_FIXTURES:=$SRVH_SOURCE_DIR/tests/fixtures}"
SRVHEALTHD=$SRVH_BUILD_DIR/srvhealthd
[[ -x $SRVHEALTHD ]] || { echo "FAIL: $SRVHEALTHD is not built" >&2; exit 1; }

# srvhealthd refuses a configuration below a directory others can write, /tmp included: the
# test's directory goes below /run as root, $XDG_RUNTIME_DIR otherwise (or SRVH_TEST_TMPDIR).
if [[ -n ${SRVH_TEST_TMPDIR:-} ]]; then
        IT_BASE=$SRVH_TEST_TMPDIR
elif ((EUID == 0)); then
        IT_BASE=/run/srvhealth-tests
        mkdir -p "$IT_BASE" && chmod 0755 "$IT_BASE"
else
        IT_BASE=${XDG_RUNTIME_DIR:-${TMPDIR:-/tmp}}
fi
T=$(mktemp -d "$IT_BASE/srvh-it.XXXXXX")
mkdir -p "$T/pids" "$T/persist" "$T/conf" "$T/mibs"

# Microseconds since the epoch, and seconds (3 decimals) since a microsecond stamp.
now_us() { echo "${EPOCHREALTIME/[.,]/}"; }
secs_since() { local d=$(($(now_us) - $1)); printf '%d.%03d' $((d / 1000000)) $((d % 1000000 / 1000)); }
chmod 0755 "$T"
T0=$(now_us)

# Keep every net-snmp program away from the user's and the system's configuration and MIBs.
export SNMP_PERSISTENT_DIR=$T/persist SNMPCONFPATH=$T/conf MIBS='' MIBDIRS=$T/mibs
printf 'mibs :\n' >"$T/conf/snmp.conf"

# --- progress and failure reporting --------------------------------------------------------------

step() { printf '[%8ss] %s\n' "$(secs_since "$T0")" "$*"; }

dump_logs() {
        local f
        for f in "$T"/srvhealthd.log "$T"/snmpd.log "$T"/snmptrapd.log; do
                [[ -f $f ]] || continue
                echo "----- ${f##*/} (last 80 lines) -----"
                tail -n 80 "$f"
        done
        echo "----- end of logs -----"
}

fail() {
        echo "FAIL: $*" >&2
        exit 1 # the EXIT trap dumps the logs and cleans up
}

assert_eq() { # EXPECTED ACTUAL WHAT
        if [[ "$1" != "$2" ]]; then
                fail "$3: expected '$1', got '$2'"
        fi
        echo "  ok: $3 = '$2'"
}

assert_match() { # REGEX ACTUAL WHAT  (bash extended regex)
        if ! [[ "$2" =~ $1 ]]; then
                fail "$3: expected a match for /$1/, got '$2'"
        fi
        local shown=${2//$'\n'/\\n}
        ((${#shown} <= 160)) || shown="${shown:0:160}..."
        echo "  ok: $3 =~ /$1/ ('$shown')"
}

assert_gt() { # LIMIT ACTUAL WHAT  (integers: ACTUAL > LIMIT)
        if ! [[ "$2" =~ ^-?[0-9]+$ ]] || (( $2 <= $1 )); then
                fail "$3: expected a number greater than $1, got '$2'"
        fi
        echo "  ok: $3 = $2 (> $1)"
}

# --- processes -----------------------------------------------------------------------------------

# Remember a background process under NAME so cleanup (and the stop helpers) can end it.
track() { echo "$2" >"$T/pids/$1"; }
pid_of() { cat "$T/pids/$1" 2>/dev/null || true; }
is_alive() { local p; p=$(pid_of "$1"); [[ -n $p ]] && kill -0 "$p" 2>/dev/null; }

stop_proc() { # NAME [SIGNAL]: signal it, wait for it (5 s, then SIGKILL), forget it
        local name=$1 sig=${2:-TERM} p i
        p=$(pid_of "$name")
        [[ -n $p ]] || return 0
        kill -"$sig" "$p" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
                kill -0 "$p" 2>/dev/null || break
                sleep 0.1
        done
        if kill -0 "$p" 2>/dev/null; then
                echo "  warning: $name (pid $p) ignored SIG$sig for 5 s, killing it"
                kill -KILL "$p" 2>/dev/null || true
        fi
        wait "$p" 2>/dev/null || true
        rm -f "$T/pids/$name"
}

cleanup() {
        local rc=$? f
        trap - EXIT
        set +e
        if ((rc != 0)); then
                echo "test failed (exit status $rc); daemon logs follow"
                dump_logs
        fi
        for f in "$T"/pids/*; do
                [[ -e $f ]] && stop_proc "${f##*/}"
        done
        rm -rf "$T"
        exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_until CMD TIMEOUT_S: run CMD (a shell string) every 0.1 s until it succeeds; 1 on timeout.
wait_until() {
        local cmd=$1 timeout=${2:-10} deadline
        deadline=$(($(now_us) + $(awk -v t="$timeout" 'BEGIN { printf "%d", t * 1000000 }')))
        while :; do
                if eval "$cmd" >/dev/null 2>&1; then return 0; fi
                if (($(now_us) > deadline)); then return 1; fi
                sleep 0.1
        done
}

# must_wait CMD TIMEOUT WHAT: wait_until or fail with WHAT.
must_wait() {
        if ! wait_until "$1" "$2"; then
                fail "$3 (waited $2 s for: $1)"
        fi
        echo "  ok: $3"
}

# --- ports ---------------------------------------------------------------------------------------

agentx_listening() { ss -Hlx | awk '{print $5}' | grep -Fqx "$T/master"; }
udp_listening() { ss -Hlun | awk '{print $4}' | grep -Eq "[:.]$1\$"; }

free_udp_port() {
        local p i
        for ((i = 0; i < 200; i++)); do
                p=$((20000 + RANDOM % 25001))
                if ! udp_listening "$p" && ! grep -qx "$p" "$T/ports" 2>/dev/null; then
                        echo "$p" >>"$T/ports"
                        echo "$p"
                        return 0
                fi
        done
        fail "no free UDP port found in 20000-45000"
}

SNMP_PORT=$(free_udp_port)
TRAP_PORT=$(free_udp_port)
AGENT=udp:127.0.0.1:$SNMP_PORT

# --- snmptrapd ------------------------------------------------------------------------------------

# Every notification is one line in $T/snmptrapd.log: "TRAP <varbinds separated by tabs>",
# OIDs numeric.
start_snmptrapd() {
        step "start snmptrapd on udp:127.0.0.1:$TRAP_PORT"
        cat >"$T/snmptrapd.conf" <<EOF
authCommunity log public
doNotRetainNotificationLogs yes
format2 TRAP %V\t%v\n
EOF
        snmptrapd -f -Lo -C -On -c "$T/snmptrapd.conf" "udp:127.0.0.1:$TRAP_PORT" \
                >>"$T/snmptrapd.log" 2>&1 &
        track snmptrapd $!
        must_wait "udp_listening $TRAP_PORT" 10 "snmptrapd listens on port $TRAP_PORT"
}

# Lines of the trap log whose snmpTrapOID.0 is R.0.N (numeric or iso. form).
trap_lines() {
        local n=$1
        [[ -f $T/snmptrapd.log ]] || return 0
        grep -E "(\.1\.3\.6\.1\.6\.3\.1\.1\.4\.1\.0|iso\.3\.6\.1\.6\.3\.1\.1\.4\.1\.0|snmpTrapOID\.0)[[:space:]]*=[[:space:]]*OID:[[:space:]]*(\.1|iso)\.3\.6\.1\.4\.1\.8072\.9999\.9999\.73\.0\.$n([^0-9.]|\$)" \
                "$T/snmptrapd.log" || true
}
count_traps() { trap_lines "$1" | wc -l; }

# trap_varbind LINE K: the value of srvhNotify varbind R.1.7.K.0 in one trap line, without type and
# quotes ("md0", "degraded", 17).
trap_varbind() {
        local line=$1 k=$2
        printf '%s\n' "$line" | tr '\t' '\n' |
                grep -E "^(\.1|iso)\.3\.6\.1\.4\.1\.8072\.9999\.9999\.73\.1\.7\.$k\.0 = " |
                sed -E 's/^[^=]*= ([A-Za-z0-9-]+: )?//; s/^"(.*)"$/\1/' | head -n 1
}

# has_trap N OBJECT [NEWSTATE]: some R.0.N trap carries object OBJECT (and new state NEWSTATE).
has_trap() {
        local line
        while IFS= read -r line; do
                [[ "$(trap_varbind "$line" 3)" == "$2" ]] || continue
                [[ $# -lt 3 || "$(trap_varbind "$line" 4)" == "$3" ]] || continue
                return 0
        done < <(trap_lines "$1")
        return 1
}

# --- snmpd ---------------------------------------------------------------------------------------

start_snmpd() {
        step "start snmpd on $AGENT (AgentX unix:$T/master, traps to port $TRAP_PORT)"
        cat >"$T/snmpd.conf" <<EOF
agentaddress udp:127.0.0.1:$SNMP_PORT
master agentx
agentXSocket unix:$T/master
rocommunity public 127.0.0.1
trap2sink udp:127.0.0.1:$TRAP_PORT public
dontLogTCPWrappersConnects yes
EOF
        # SNMPD_EXTRA: more snmpd.conf lines (one per line), e.g. snmpd's own exec lines.
        [[ -z ${SNMPD_EXTRA:-} ]] || printf '%s\n' "$SNMPD_EXTRA" >>"$T/snmpd.conf"
        snmpd -f -Lo -C -I -smux -c "$T/snmpd.conf" -p "$T/snmpd.pid" >>"$T/snmpd.log" 2>&1 &
        track snmpd $!
        must_wait "agentx_listening && udp_listening $SNMP_PORT" 10 "snmpd is up (AgentX socket and UDP port)"
}

stop_snmpd() {
        step "stop snmpd (SIGTERM)"
        stop_proc snmpd TERM
        # snmpd leaves its socket file behind; what matters is that nobody listens any more.
        must_wait "! agentx_listening && ! udp_listening $SNMP_PORT" 5 "snmpd is gone"
}

# --- srvhealthd ----------------------------------------------------------------------------------

# write_srvh_conf [LINE...]: the daemon's config; pollInterval md 1 and agentxPingInterval 1 unless
# SRVH_POLL / SRVH_PING say otherwise, then the given lines.
write_srvh_conf() {
        {
                echo "# written by ${0##*/}"
                echo "pollInterval md ${SRVH_POLL:-1}"
                echo "agentxPingInterval ${SRVH_PING:-1}"
                local l
                for l in "$@"; do echo "$l"; done
        } >"$T/srvhealthd.conf.tmp"
        chmod 0644 "$T/srvhealthd.conf.tmp"
        mv -f "$T/srvhealthd.conf.tmp" "$T/srvhealthd.conf"
}

start_srvhealthd() {
        [[ -f $T/srvhealthd.conf ]] || write_srvh_conf
        step "start srvhealthd (sysroot $T/root)"
        sed 's/^/    conf: /' "$T/srvhealthd.conf"
        "$SRVHEALTHD" -f -Lo -c "$T/srvhealthd.conf" -x "unix:$T/master" -p "$T/srvhealthd.pid" \
                --sysroot "$T/root" >>"$T/srvhealthd.log" 2>&1 &
        track srvhealthd $!
        must_wait "[[ -s $T/srvhealthd.pid ]] || ! is_alive srvhealthd" 10 "srvhealthd wrote its pidfile"
        is_alive srvhealthd || fail "srvhealthd exited right after start"
}

stop_srvhealthd() {
        step "stop srvhealthd (SIGTERM)"
        stop_proc srvhealthd TERM
}

# --- SNMP queries --------------------------------------------------------------------------------

SNMP_OPTS=(-v2c -c public -On -Oe -t 1 -r 1)

# snmp_get OID: the value only (strings without quotes); fails on no such object/instance or error.
snmp_get() {
        local out
        out=$(snmpget "${SNMP_OPTS[@]}" -Oqv "$AGENT" "$1" 2>&1) || return 1
        case $out in
        "No Such Object"* | "No Such Instance"* | "No more variables"* | "Timeout: No Response"*) return 1 ;; # not a value that merely names pollTimeout
        esac
        out=${out#\"}
        out=${out%\"}
        printf '%s\n' "$out"
}

# snmp_walk OID: bulkwalk, "OID VALUE" per line, numeric OIDs, strings without quotes.
snmp_walk() {
        snmpbulkwalk "${SNMP_OPTS[@]}" -Oq -Cr25 "$AGENT" "$1" | sed -E 's/^([^ ]+) "(.*)"$/\1 \2/'
}

# subtree_answers: srvhealthd is registered with the master and answers.
subtree_answers() { snmp_get "$R.1.1.3.0" >/dev/null; }

# wait_for_value OID EXPECTED TIMEOUT WHAT
wait_for_value() {
        local v
        if ! wait_until "[[ \"\$(snmp_get $1)\" == \"$2\" ]]" "$3"; then
                v=$(snmp_get "$1" || echo '<no answer>')
                fail "$4: expected '$2' within $3 s, got '$v'"
        fi
        echo "  ok: $4 = '$2'"
}

# --- fixtures ------------------------------------------------------------------------------------
# The daemon's --sysroot is $T/root, a symlink to a tree under $T/trees/. A change that touches
# several files is made on a copy (begin_change ... commit_change) and goes live with one rename of
# the symlink, so a poll never sees mdstat and sysfs disagree halfway through an edit. Old trees are
# kept (a poll may still be reading one).

TREE_N=0

# use_fixture DIR: the sysroot becomes a copy of DIR.
use_fixture() {
        step "sysroot: copy of ${1#"$SRVH_SOURCE_DIR"/}"
        mkdir -p "$T/trees"
        TREE_N=$((TREE_N + 1))
        cp -a "$1" "$T/trees/$TREE_N"
        chmod -R u+rwX "$T/trees/$TREE_N"
        ln -sfn "trees/$TREE_N" "$T/root.tmp"
        mv -fT "$T/root.tmp" "$T/root"
}

# begin_change: later set_file/remove_path calls edit a copy of the live tree ...
begin_change() {
        [[ ! -d $T/next ]] || fail "begin_change: a change is already open"
        cp -a "$T/root/." "$T/next"
}
# ... and commit_change makes that copy the live tree in one step.
commit_change() {
        [[ -d $T/next ]] || fail "commit_change without begin_change"
        TREE_N=$((TREE_N + 1))
        mv "$T/next" "$T/trees/$TREE_N"
        ln -sfn "trees/$TREE_N" "$T/root.tmp"
        mv -fT "$T/root.tmp" "$T/root"
}

# Where edits go: the open change, or the live tree.
edit_dir() { if [[ -d $T/next ]]; then echo "$T/next"; else echo "$T/root"; fi; }

# set_file PATH CONTENT: write PATH (relative to the sysroot) atomically: temp file + rename, so
# the collector never reads half a file. CONTENT gets a trailing newline unless it has one.
set_file() {
        local path content=$2
        path=$(edit_dir)/$1
        mkdir -p "$(dirname "$path")"
        [[ $content == *$'\n' ]] || content+=$'\n'
        printf '%s' "$content" >"$path.tmp.$$"
        mv -f "$path.tmp.$$" "$path"
}

# remove_path PATH: remove a file or directory of the sysroot.
remove_path() { rm -rf "$(edit_dir)/${1:?}"; }

# copy_fixture_array SRC_ROOT ARRAY [AS]: copy sys/block/ARRAY of another fixture into the sysroot
# (as sys/block/AS).
copy_fixture_array() {
        local dst
        dst=$(edit_dir)/sys/block/${3:-$2}
        rm -rf "$dst"
        mkdir -p "$(dirname "$dst")"
        cp -a "$1/sys/block/$2" "$dst"
}

# str_index S: S as a length-prefixed OCTET STRING index ("ab" -> 2.97.98)
str_index() {
        local s=$1 i out=${#1}
        for ((i = 0; i < ${#s}; i++)); do out+=.$(printf '%d' "'${s:i:1}"); done
        echo "$out"
}

# without_disk_privileges: srvhealthd runs (as root, through setpriv) without the capabilities
# that would let it open any file or send ATA or NVMe commands (CAP_DAC_OVERRIDE,
# CAP_DAC_READ_SEARCH, CAP_SYS_RAWIO, CAP_SYS_ADMIN): what an unprivileged daemon meets.
without_disk_privileges() {
        [[ $(id -u) -eq 0 ]] || fail "this test drops capabilities from root: run it as root"
        command -v setpriv >/dev/null || fail "setpriv is missing (Debian package util-linux)"
        cat >"$T/srvhealthd-nocaps" <<EOF2
#!/bin/sh
exec setpriv --bounding-set=-dac_override,-dac_read_search,-sys_rawio,-sys_admin -- "$SRVHEALTHD" "\$@"
EOF2
        chmod 0755 "$T/srvhealthd-nocaps"
        SRVHEALTHD=$T/srvhealthd-nocaps
}

# walk_value FILE OID: the value of OID in a file written from snmp_walk ("" when absent).
walk_value() { awk -v o="$2" '$1 == o { sub(/^[^ ]+ ?/, ""); print; found = 1; exit } END { if (!found) exit 1 }' "$1"; }

# fixture_value PATH: first line of a fixture file under $T/root.
fixture_value() { head -n 1 "$T/root/$1"; }

# start_stack: snmptrapd, snmpd and srvhealthd, then wait until the subtree answers and the first
# poll has produced array ARRAY_INDEX (default 1, md0).
start_stack() {
        start_snmptrapd
        start_snmpd
        start_srvhealthd
        must_wait subtree_answers 10 "srvhealthd answers through snmpd"
        must_wait "snmp_get $R.1.2.1.1.2.${1:-1}" 5 "first poll done (array row ${1:-1} served)"
}

# notification_row SEQ_OID OBJECT: the srvhEventTable seq of the last row with that notification
# OID and object; fails if none.
event_seq() {
        local w=$T/events.$$ seq
        snmp_walk "$R.1.6.1.1" >"$w"
        seq=$(awk -v n="$R.0.$1" -v c4="$R.1.6.1.1.4." '
                index($1, c4) == 1 && $2 == n { s = substr($1, length(c4) + 1); print s }' "$w" |
                while read -r s; do
                        [[ "$(walk_value "$w" "$R.1.6.1.1.5.$s")" == "$2" ]] && echo "$s"
                done | tail -n 1)
        rm -f "$w"
        [[ -n $seq ]] && echo "$seq"
}
