# A zpool with JSON output (OpenZFS 2.3+) behind a real snmpd: srvhealthd finds out once that
# zpool list, zpool status and zfs get have -j, says so in its log, and serves what the JSON
# documents say: the pool's health and checksum errors, the vdev tree with its classes, the DDT
# summary and histogram, the datasets with dedup on; srvhZpoolSourceForm is json(2).
source "$(dirname "$0")/lib.sh" || exit 1
source "$(dirname "$0")/zfs_lib.sh" || exit 1

use_fixture "$ZFS_FIX/sysroot"
setup_zpool
replay listjson "$ZFS_FIX/json/list-2.3.json"
replay statusjson "$ZFS_FIX/json/status-2.3.json"
replay getjson "$ZFS_FIX/json/get-2.3.json"
# the text forms answer garbage: a test that passes reads the JSON
replay list "$ZFS_FIX/status/truncated.txt"
replay status "$ZFS_FIX/list/short-line.txt"
start_zfs_stack
TANK=$(idx tank)
must_wait "snmp_get $ZP.2.$TANK" 10 "first zfs poll done (pool tank served)"

step "the log says which forms are read, once"
assert_match "zpool has JSON output \\(OpenZFS 2.3\\+\\): reading zpool list -j, zpool status -j and zfs get -j" \
        "$(cat "$T/srvhealthd.log")" "form detection logged"
sleep 2.5
assert_eq 1 "$(grep -c 'zpool has JSON output' "$T/srvhealthd.log")" "said once, not at every poll"
assert_eq 0 "$(grep -c -- '-Hp' "$T/bin/replay/calls.log")" "no text form run"

step "walk srvhZfs"
snmp_walk "$R.1.4" >"$T/walk"
assert_eq 2 "$(walk_value "$T/walk" "$ZP.32.$TANK")" "srvhZpoolSourceForm json(2)"
assert_eq 2 "$(walk_value "$T/walk" "$ZP.2.$TANK")" "srvhZpoolHealth degraded(2)"
assert_eq 183 "$(walk_value "$T/walk" "$ZP.12.$TANK")" "srvhZpoolDedupRatio"
assert_eq 27 "$(walk_value "$T/walk" "$ZP.15.$TANK")" "srvhZpoolChecksumErrors (leaf sum)"
assert_eq 5371 "$(walk_value "$T/walk" "$ZP.25.$TANK")" "srvhZpoolDdtEntries"
assert_eq $((5371 * 1730)) "$(walk_value "$T/walk" "$ZP.26.$TANK")" "srvhZpoolDdtDiskBytes"
SDB=$TANK.1.$(idx sdb)
assert_eq 3 "$(walk_value "$T/walk" "$ZV.3.$SDB")" "tank/sdb faulted(3)"
assert_eq mirror-0 "$(walk_value "$T/walk" "$ZV.7.$SDB")" "tank/sdb parent"
assert_eq 16876260487220383698 "$(walk_value "$T/walk" "$ZV.10.$SDB")" "tank/sdb GUID (above 2^63)"
assert_eq /dev/sdb1 "$(walk_value "$T/walk" "$ZV.11.$SDB")" "tank/sdb path"
assert_eq mirror "$(walk_value "$T/walk" "$ZV.12.$TANK.1.$(idx mirror-0)")" "mirror-0 type"
assert_eq 7 "$(walk_value "$T/walk" "$ZV.3.$TANK.4.$(idx sdc)")" "spare sdc avail(7)"
assert_eq 2263 "$(walk_value "$T/walk" "$R.1.4.5.1.7.$TANK.2")" "DDT bucket 2 referenced blocks"
assert_eq 180 "$(walk_value "$T/walk" "$R.1.4.4.1.3.$(idx tank/vm/disk0)")" "zvol compress ratio"
walk_value "$T/walk" "$R.1.4.4.1.2.$(idx tank)" >/dev/null && fail "tank (dedup off) has a dataset row"
assert_eq 3 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus critical(3): the list has scratch UNAVAIL"
assert_match 'pool scratch is unavail' "$(snmp_get "$R.1.1.4.0")" "srvhOverallMessage names it"
step PASS
