# A /proc/mdstat that is a FIFO nobody writes (the classic way to hang a reader forever) is
# refused, not read: the poll fails within one poll interval with "not a regular file", the rows
# stay served and are marked stale (srvhModuleStale, a growing srvhModuleDataAge), one
# srvhModuleFailed notification names the cause; a good mdstat brings srvhModuleRecovered and fresh
# rows. SIGTERM with the FIFO in place ends the daemon within 2 s.
source "$(dirname "$0")/lib.sh" || exit 1

MOD=$R.1.1.5.1
A=$R.1.2.1.1
TRAP_FAILED=80
TRAP_RECOVERED=81

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
assert_eq 2 "$(snmp_get "$MOD.11.1")" "srvhModuleStale false(2) before"

step "replace proc/mdstat with a FIFO"
good_mdstat=$(cat "$T/root/proc/mdstat")
rm -f "$T/root/proc/mdstat"
mkfifo "$T/root/proc/mdstat"
must_wait "[[ \$(snmp_get $MOD.11.1) == 1 ]]" 3 "srvhModuleStale true(1) within the next poll"
assert_match 'not a regular file' "$(snmp_get "$MOD.8.1")" "srvhModuleLastError names the cause"
assert_match '^[1-9][0-9]*$' "$(snmp_get "$MOD.7.1")" "srvhModuleErrors counted"
assert_eq md0 "$(snmp_get "$A.2.1")" "md0 still served"
assert_eq 4 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus unknown(4) while md cannot be read"
must_wait "has_trap $TRAP_FAILED md failing" 5 "srvhModuleFailed for md arrived"
line=$(trap_lines $TRAP_FAILED | head -n 1)
assert_match 'not a regular file' "$(trap_varbind "$line" 6)" "its srvhNotifyText"
age1=$(snmp_get "$MOD.10.1")
must_wait "(( \$(snmp_get $MOD.10.1) > $age1 ))" 5 "srvhModuleDataAge grows past $age1 s"
assert_eq 1 "$(count_traps $TRAP_FAILED)" "srvhModuleFailed sent once for repeated failures"
# pollInterval md 1: after failures the effective interval doubles (2, 4, ...), capped at 16.
assert_match '^(2|4|8|16)$' "$(snmp_get "$MOD.9.1")" "srvhModulePollInterval shows the back-off"

step "SIGTERM while mdstat is a FIFO"
p=$(pid_of srvhealthd)
t0=$(now_us)
kill -TERM "$p"
if ! wait_until "! kill -0 $p" 2; then
        fail "srvhealthd still running 2 s after SIGTERM"
fi
echo "  ok: srvhealthd exited $(secs_since "$t0") s after SIGTERM"
rm -f "$T/pids/srvhealthd"

step "start again with the FIFO in place, then restore mdstat"
start_srvhealthd
must_wait subtree_answers 10 "srvhealthd answers again"
must_wait "[[ \$(snmp_get $MOD.8.1) == *'not a regular file'* ]]" 5 "the FIFO is reported at start too"
rm -f "$T/root/proc/mdstat"
set_file proc/mdstat "$good_mdstat"
must_wait "[[ \$(snmp_get $MOD.11.1) == 2 ]]" 8 "srvhModuleStale false(2) again (back-off up to 4 s)"
must_wait "has_trap $TRAP_RECOVERED md ok" 5 "srvhModuleRecovered for md arrived"
assert_eq 1 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus ok(1)"
step PASS
