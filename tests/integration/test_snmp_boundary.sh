# What the master answers for srvhealthd at the edges of the MIB: an unknown column or object
# inside the subtree is noSuchObject, a missing row of a known column noSuchInstance; the MIB is
# listed in the master's sysORTable, again after snmpd restarts; srvhModuleIndex is the module's
# fixed number (md = 1), not its place in a list. Every fd of the daemon past stdio, the AgentX
# socket first, is close-on-exec (children must not inherit it), again after it reconnects.
source "$(dirname "$0")/lib.sh" || exit 1

A=$R.1.2.1.1 # srvhRaidArrayEntry
MOD=$R.1.1.5.1
SYSOR_ID=.1.3.6.1.2.1.1.9.1.2 # sysORID

# raw_get OID: snmpget's whole answer line ("OID = TYPE: VALUE" or the exception text).
raw_get() { snmpget "${SNMP_OPTS[@]}" "$AGENT" "$1" 2>&1; }

# sysor_lists_us: some sysORID is the MIB's root.
sysor_lists_us() {
        snmpwalk "${SNMP_OPTS[@]}" "$AGENT" "$SYSOR_ID" 2>/dev/null | grep -q "= OID: $R\$"
}

# fds_without_cloexec PID: "fd -> target" for every fd the daemon opened itself (sockets, eventfds,
# the signalfd, the pidfile; not what the test harness passed down) whose flags lack O_CLOEXEC.
fds_without_cloexec() {
        local fd flags target
        for fd in $(ls "/proc/$1/fd"); do
                ((fd > 2)) || continue
                target=$(readlink "/proc/$1/fd/$fd") || continue
                [[ $target == socket:* || $target == anon_inode:* || $target == "$T/srvhealthd.pid" ]] || continue
                flags=$(awk '$1 == "flags:" { print $2 }' "/proc/$1/fdinfo/$fd" 2>/dev/null) || continue
                [[ -n $flags ]] || continue
                (((8#$flags & 8#2000000) != 0)) || echo "$fd -> $target"
        done
}

# assert_all_cloexec WHEN: srvhealthd has an AgentX socket and no fd without close-on-exec.
assert_all_cloexec() {
        local p bad sockets
        p=$(pid_of srvhealthd)
        sockets=$(find "/proc/$p/fd" -lname 'socket:*' | wc -l)
        assert_gt 0 "$sockets" "srvhealthd socket fds $1"
        bad=$(fds_without_cloexec "$p")
        assert_eq "" "$bad" "fds without close-on-exec $1"
}

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
assert_all_cloexec "after the first connect"

step "exceptions for what the subtree does not have"
assert_match 'No Such Object' "$(raw_get "$A.99.1")" "unknown column 99 of srvhRaidArrayEntry"
assert_match 'No Such Object' "$(raw_get "$A.1.1")" "not-accessible index column srvhRaidArrayIndex"
assert_match 'No Such Object' "$(raw_get "$R.1.9.1.0")" "unknown arc srvhObjects.9"
assert_match 'No Such Object' "$(raw_get "$R.1.1.99.0")" "unknown srvhAgent scalar 99"
assert_match 'No Such Instance' "$(raw_get "$A.2.77")" "known column, no array with index 77"
assert_match 'No Such Instance' "$(raw_get "$R.1.1.3.1")" "srvhOverallStatus with instance .1, not .0"
assert_match 'STRING: "md0"' "$(raw_get "$A.2.1")" "a served cell answers as before"

step "srvhModuleTable: md is row 1 by its fixed number"
assert_eq md "$(snmp_get "$MOD.2.1")" "srvhModuleName.1"
assert_eq 5 "$(snmp_get "$MOD.12.1")" "srvhModulePollTimeout.1 (md default 5 s)"
assert_eq 2 "$(snmp_get "$MOD.11.1")" "srvhModuleStale.1 false(2) after a good poll"
age=$(snmp_get "$MOD.10.1")
assert_match '^[0-9]+$' "$age" "srvhModuleDataAge.1 is a number of seconds"
((age <= 3)) || fail "srvhModuleDataAge.1 is $age s with 1 s polls"

step "sysORTable lists SRVHEALTH-MIB"
must_wait sysor_lists_us 5 "sysORID $R present"
descr_idx=$(snmpwalk "${SNMP_OPTS[@]}" "$AGENT" "$SYSOR_ID" | awk -v r="$R" '$NF == r { n = split($1, p, "."); print p[n] }')
assert_match 'SRVHEALTH-MIB' "$(snmp_get ".1.3.6.1.2.1.1.9.1.3.$descr_idx")" "its sysORDescr"

step "after an snmpd restart the entry is back"
stop_snmpd
start_snmpd
must_wait subtree_answers 10 "srvhealthd reconnected"
must_wait sysor_lists_us 10 "sysORID $R present again"
n=$(snmpwalk "${SNMP_OPTS[@]}" "$AGENT" "$SYSOR_ID" | grep -c "= OID: $R\$" || true)
assert_eq 1 "$n" "listed once"
assert_all_cloexec "after the reconnect"
step PASS
