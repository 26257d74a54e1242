# A mirrored pool with dedup 1.83 served through a real snmpd from a replaying zpool: the walk
# shows its sizes, the dedup ratio in hundredths, the dedup table's entries and sizes, vdev rows
# with their classes and counters, the datasets with dedup on and the ARC; when the pool turns DEGRADED (sdb faulted with 27
# checksum errors), snmptrapd receives srvhZpoolHealthChanged and srvhZfsVdevErrorsIncreased with
# the right varbinds, the event log records them and the overall status turns warning; back ONLINE
# sends the clearing change; a scrub that starts and finds data errors sends srvhZpoolScanStarted
# and srvhZpoolDataErrorsIncreased.
source "$(dirname "$0")/lib.sh" || exit 1
source "$(dirname "$0")/zfs_lib.sh" || exit 1

use_fixture "$ZFS_FIX/sysroot"
setup_zpool
replay list "$ZFS_FIX/list/tank-online.txt"
replay status "$ZFS_FIX/status/tank-online.txt"
replay get "$ZFS_FIX/get/modern.txt"
start_zfs_stack
TANK=$(idx tank)
must_wait "snmp_get $ZP.2.$TANK" 5 "first zfs poll done (pool tank served)"

step "walk srvhZfs"
snmp_walk "$R.1.4" >"$T/walk"
sed 's/^/    /' "$T/walk" | head -n 60
assert_eq 183 "$(walk_value "$T/walk" "$ZP.12.$TANK")" "srvhZpoolDedupRatio (1.83x in hundredths)"
assert_eq 1 "$(walk_value "$T/walk" "$ZP.2.$TANK")" "srvhZpoolHealth online(1)"
assert_eq 3985729650688 "$(walk_value "$T/walk" "$ZP.4.$TANK")" "srvhZpoolSizeBytes"
assert_eq $((3985729650688 >> 20)) "$(walk_value "$T/walk" "$ZP.5.$TANK")" "srvhZpoolSizeMiB"
assert_eq 46 "$(walk_value "$T/walk" "$ZP.11.$TANK")" "srvhZpoolCapacity"
assert_eq 5371 "$(walk_value "$T/walk" "$ZP.25.$TANK")" "srvhZpoolDdtEntries"
assert_eq $((5371 * 1730)) "$(walk_value "$T/walk" "$ZP.26.$TANK")" "srvhZpoolDdtDiskBytes (entries x size on disk)"
assert_eq $((5371 * 216)) "$(walk_value "$T/walk" "$ZP.27.$TANK")" "srvhZpoolDdtCoreBytes (entries x size in core)"
walk_value "$T/walk" "$ZP.21.$TANK" >/dev/null || fail "srvhZpoolScanCompleted missing"
SDB=$TANK.1.$(idx sdb)
assert_eq 1 "$(walk_value "$T/walk" "$ZV.3.$SDB")" "tank/sdb state online(1)"
assert_eq 0 "$(walk_value "$T/walk" "$ZV.6.$SDB")" "tank/sdb checksum errors"
assert_eq mirror-0 "$(walk_value "$T/walk" "$ZV.7.$SDB")" "tank/sdb parent"
assert_eq 1 "$(walk_value "$T/walk" "$ZV.8.$TANK.2.$(idx nvme0n1)")" "log device nvme0n1 (class log(2)) depth 1"
assert_eq sha256,verify "$(walk_value "$T/walk" "$R.1.4.4.1.2.$(idx tank/vm/disk0)")" \
        "srvhZfsDatasetDedup of a zvol with dedup inherited"
assert_eq 135 "$(walk_value "$T/walk" "$R.1.4.4.1.3.$(idx tank/vm)")" "srvhZfsDatasetCompressRatio"
walk_value "$T/walk" "$R.1.4.4.1.2.$(idx tank)" >/dev/null && fail "tank (dedup off) has a dataset row"
assert_eq 8312285392 "$(walk_value "$T/walk" "$ARC.1.0")" "srvhZfsArcSizeBytes from arcstats"
assert_eq 9744 "$(walk_value "$T/walk" "$ARC.7.0")" "srvhZfsArcHitRatio"
assert_eq 1 "$(snmp_get "$ZMOD.4.3")" "zfs srvhModuleStatus ok(1)"
assert_eq 1 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus ok(1)"
assert_eq 0 "$(count_traps 40)" "no srvhZpoolHealthChanged for a healthy pool at start"

step "sdb faults: pool DEGRADED"
replay status "$ZFS_FIX/status/tank-degraded.txt"
replay list "$ZFS_FIX/list/tank-degraded.txt"
t=$(now_us)
must_wait "has_trap 40 tank degraded" 5 "srvhZpoolHealthChanged (R.0.40) for tank received"
echo "  (after $(secs_since "$t") s)"
line=$(trap_lines 40 | tail -n 1)
assert_eq online "$(trap_varbind "$line" 5)" "old state"
assert_eq 2 "$(trap_varbind "$line" 2)" "severity warning(2)"
assert_match 'tank is degraded' "$(trap_varbind "$line" 6)" "text"
health_seq=$(trap_varbind "$line" 1)
must_wait "has_trap 42 tank/sdb" 5 "srvhZfsVdevErrorsIncreased (R.0.42) for tank/sdb received"
line=$(trap_lines 42 | tail -n 1)
assert_eq 27 "$(trap_varbind "$line" 7)" "srvhNotifyValue: 27 errors now"
assert_eq faulted "$(trap_varbind "$line" 4)" "new vdev state"

wait_for_value "$ZP.2.$TANK" 2 3 "srvhZpoolHealth degraded(2)"
assert_eq 3 "$(snmp_get "$ZV.3.$SDB")" "tank/sdb state faulted(3)"
assert_eq 27 "$(snmp_get "$ZV.6.$SDB")" "tank/sdb checksum errors"
assert_eq 'too many errors' "$(snmp_get "$ZV.9.$SDB")" "tank/sdb note"
assert_eq 27 "$(snmp_get "$ZP.15.$TANK")" "srvhZpoolChecksumErrors (leaf sum)"
assert_eq 2 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus warning(2)"
assert_match 'zfs: pool tank is degraded' "$(snmp_get "$R.1.1.4.0")" "srvhOverallMessage"
seq=$(event_seq 40 tank) || fail "no srvhEventTable row for R.0.40 / tank"
assert_eq "$health_seq" "$seq" "event row seq equals the trap's srvhNotifySeq"

step "back online"
replay status "$ZFS_FIX/status/tank-online.txt"
replay list "$ZFS_FIX/list/tank-online.txt"
must_wait "has_trap 40 tank online" 5 "clearing srvhZpoolHealthChanged received"
line=$(trap_lines 40 | tail -n 1)
assert_eq 1 "$(trap_varbind "$line" 2)" "severity ok(1)"
assert_eq 1 "$(count_traps 42)" "one srvhZfsVdevErrorsIncreased (counters fell, nothing rose)"
assert_eq 1 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus ok(1) again"

step "a scrub starts and finds 4 data errors"
replay status "$ZFS_FIX/status/tank-scrub-data-errors.txt"
must_wait "has_trap 47 tank scrub" 5 "srvhZpoolScanStarted (R.0.47) for tank received"
line=$(trap_lines 47 | tail -n 1)
assert_eq finished "$(trap_varbind "$line" 5)" "old scan state"
assert_eq 1 "$(trap_varbind "$line" 2)" "severity ok(1)"
must_wait "has_trap 46 tank" 5 "srvhZpoolDataErrorsIncreased (R.0.46) for tank received"
line=$(trap_lines 46 | tail -n 1)
assert_eq 4 "$(trap_varbind "$line" 7)" "srvhNotifyValue: 4 data errors"
assert_match '4 data errors \(was 0\)' "$(trap_varbind "$line" 6)" "text"
assert_eq 1760 "$(snmp_get "$ZP.19.$TANK")" "srvhZpoolScanProgress 17.60 %"
assert_eq 2 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus warning(2): data errors"
event_seq 46 tank >/dev/null || fail "no srvhEventTable row for R.0.46 / tank"
sleep 2
assert_eq 1 "$(count_traps 47)" "one srvhZpoolScanStarted for one scrub"
step PASS
