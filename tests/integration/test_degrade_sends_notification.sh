# A healthy raid1 that loses a member (sdb1 marked faulty) sends srvhRaidDegraded and
# srvhRaidMemberFailed within two poll intervals, with the right varbinds, shows the new state in
# the tables and srvhEventTable, and sends srvhRaidRecovered once the member is back.
source "$(dirname "$0")/lib.sh" || exit 1

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
A=$R.1.2.1.1
assert_eq 1 "$(snmp_get "$A.4.1")" "md0 state clean(1) before the failure"
assert_eq 0 "$(count_traps 1)" "no srvhRaidDegraded at start for a healthy array"

step "sdb1 fails: mdstat shows sdb1[1](F) [2/1] [U_], sysfs degraded 1, dev-sdb1 faulty, slot none"
blocks=$(awk '$1 == "md0" { getline; print $1 }' "$T/root/proc/mdstat")
begin_change
set_file proc/mdstat "Personalities : [raid1] 
md0 : active raid1 sdb1[1](F) sda1[0]
      $blocks blocks super 1.2 [2/1] [U_]
      bitmap: 0/8 pages [0KB], 65536KB chunk

unused devices: <none>"
set_file sys/block/md0/md/degraded 1
set_file sys/block/md0/md/dev-sdb1/state faulty
set_file sys/block/md0/md/dev-sdb1/slot none
set_file sys/block/md0/md/dev-sdb1/errors 17
commit_change
t=$(now_us)

must_wait "has_trap 1 md0 degraded" 3 "srvhRaidDegraded (R.0.1) for md0 received"
echo "  (after $(secs_since "$t") s)"
line=$(trap_lines 1 | tail -n 1)
assert_eq degraded "$(trap_varbind "$line" 4)" "srvhRaidDegraded new state"
assert_eq clean "$(trap_varbind "$line" 5)" "srvhRaidDegraded old state"
assert_eq 3 "$(trap_varbind "$line" 2)" "srvhRaidDegraded severity critical(3): two-way raid1 lost one"
assert_match 'md0' "$(trap_varbind "$line" 6)" "srvhRaidDegraded text names md0"
degraded_seq=$(trap_varbind "$line" 1)

must_wait "has_trap 4 md0/sdb1" 3 "srvhRaidMemberFailed (R.0.4) for md0/sdb1 received"
line=$(trap_lines 4 | tail -n 1)
assert_eq faulty "$(trap_varbind "$line" 4)" "srvhRaidMemberFailed new state"
assert_eq 3 "$(trap_varbind "$line" 2)" "srvhRaidMemberFailed severity critical(3)"

step "tables show the failure"
wait_for_value "$A.4.1" 3 3 "md0 state degraded(3)"
assert_eq 3 "$(snmp_get "$A.5.1")" "md0 health critical(3)"
assert_eq 1 "$(snmp_get "$A.9.1")" "md0 failed members"
assert_eq 1 "$(snmp_get "$A.8.1")" "md0 working members"
assert_eq 3 "$(snmp_get "$R.1.2.2.1.4.1.2")" "md0/sdb1 (member 2) role faulty(3)"
assert_eq 3 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus critical(3)"

step "srvhEventTable has the srvhRaidDegraded row"
seq=$(event_seq 1 md0) || fail "no srvhEventTable row with notification $R.0.1 and object md0"
assert_eq "$degraded_seq" "$seq" "event row seq equals the trap's srvhNotifySeq"
assert_match 'md0' "$(snmp_get "$R.1.6.1.1.6.$seq")" "event $seq text names md0"
assert_eq 1 "$(count_traps 1)" "exactly one srvhRaidDegraded so far"

step "sdb1 is back: healthy fixture again"
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
must_wait "has_trap 3 md0 clean" 3 "srvhRaidRecovered (R.0.3) for md0 received"
line=$(trap_lines 3 | tail -n 1)
assert_eq degraded "$(trap_varbind "$line" 5)" "srvhRaidRecovered old state"
assert_eq 1 "$(trap_varbind "$line" 2)" "srvhRaidRecovered severity ok(1)"
wait_for_value "$A.4.1" 1 3 "md0 state clean(1) again"
assert_eq 1 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus ok(1) again"
assert_eq 1 "$(count_traps 1)" "still exactly one srvhRaidDegraded"
step PASS
