# A /proc/mdstat whose lines lost their indentation (a paste, a re-indenting tool) and that has a
# line of another kind inside md0's block is still parsed, but md0 reads unknown through snmpd,
# never clean: state unknown(15), health unknown(4), srvhOverallStatus unknown(4), and the reason
# in the array's summary (srvhRaidDegraded's text in srvhEventTable) and srvhOverallMessage. A good mdstat makes it ok again.
source "$(dirname "$0")/lib.sh" || exit 1

A=$R.1.2.1.1

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
assert_eq 1 "$(snmp_get "$A.4.1")" "md0 state clean(1) before"
assert_eq 1 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus ok(1) before"
good_mdstat=$(cat "$T/root/proc/mdstat")

step "proc/mdstat flush left, with a line of mdadm --detail pasted into md0's block"
set_file proc/mdstat "Personalities : [raid1]
md0 : active raid1 sdb1[1] sda1[0]
976630464 blocks super 1.2 [2/2] [UU]
Consistency Policy : bitmap
bitmap: 0/8 pages [0KB], 65536KB chunk

unused devices: <none>"
wait_for_value "$A.4.1" 15 5 "md0 state unknown(15)"
assert_eq 4 "$(snmp_get "$A.5.1")" "md0 health unknown(4)"
seq=$(event_seq 1 md0) || fail "no srvhRaidDegraded row for md0 in srvhEventTable"
assert_match '^md0 raid1 unknown: /proc/mdstat has text in its block that is not understood' \
        "$(snmp_get "$R.1.6.1.1.6.$seq")" "the event's text (the array's summary) gives the reason"
wait_for_value "$R.1.1.3.0" 4 3 "srvhOverallStatus unknown(4)"
assert_match '^md: md0 raid1 unknown: /proc/mdstat has text' "$(snmp_get "$R.1.1.4.0")" \
        "srvhOverallMessage names md0 and the reason"
assert_eq 4 "$(snmp_get "$R.1.1.5.1.4.1")" "srvhModuleStatus unknown(4)"
assert_eq 0 "$(snmp_get "$R.1.1.5.1.7.1")" "srvhModuleErrors 0: the poll itself worked"

step "the same text with its indentation and without the stray line"
set_file proc/mdstat "$good_mdstat"
wait_for_value "$A.4.1" 1 5 "md0 state clean(1) again"
wait_for_value "$R.1.1.3.0" 1 3 "srvhOverallStatus ok(1) again"
step PASS
