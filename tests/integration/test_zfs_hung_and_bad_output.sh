# The zpool the ZFS module runs misbehaves, and srvhealthd keeps serving: a zpool that hangs is
# killed (with its process group) at pollTimeout while SNMP keeps answering and the table keeps
# its last values marked stale (srvhModuleStale) with the reason in srvhModuleLastError; garbage
# and a truncated status are refused the same way; '-' columns and an unknown vdev state are
# served as what they are (no cell, unknown). zpool and zfs run at most three times (zpool list,
# zpool status, zfs get) per interval, however hard the table is walked.
source "$(dirname "$0")/lib.sh" || exit 1
source "$(dirname "$0")/zfs_lib.sh" || exit 1

use_fixture "$ZFS_FIX/sysroot"
setup_zpool
replay list "$ZFS_FIX/list/tank-online.txt"
replay status "$ZFS_FIX/status/tank-online.txt"
start_zfs_stack "pollTimeout zfs 2"
TANK=$(idx tank)
must_wait "snmp_get $ZP.2.$TANK" 5 "first zfs poll done (pool tank served)"
assert_eq 2 "$(snmp_get "$ZMOD.11.3")" "zfs srvhModuleStale false(2)"

step "walk hard for 3 s: zpool still runs once per poll"
calls0=$(wc -l <"$T/bin/replay/calls.log")
t=$(now_us)
while (($(now_us) - t < 3000000)); do
        snmp_walk "$R.1.4" >/dev/null
done
calls1=$(wc -l <"$T/bin/replay/calls.log")
elapsed=$((($(now_us) - t) / 1000000 + 1))
echo "  $((calls1 - calls0)) zpool calls in about $elapsed s of back-to-back walks"
if ((calls1 - calls0 > 3 * (elapsed + 1))); then
        fail "zpool ran $((calls1 - calls0)) times in $elapsed s with pollInterval zfs 1"
fi
echo "  ok: at most three calls (zpool list, zpool status, zfs get) per second"

step "zpool list hangs (sleeps 41.731 s) on a pool the kernel reports SUSPENDED"
set_file proc/spl/kstat/zfs/tank/state SUSPENDED
replay_text list.sleep 41.731
must_wait "pgrep -f 'sleep 41.731' >/dev/null" 3 "zpool list is hanging"
t=$(now_us)
assert_eq 183 "$(snmp_get "$ZP.12.$TANK")" "dedup ratio answered while zpool hangs"
pgrep -f 'sleep 41.731' >/dev/null || fail "the hang ended before the GET was answered"
echo "  ok: SNMP answered during the hang ($(secs_since "$t") s for a GET)"
must_wait "[[ \$(snmp_get $ZMOD.11.3) == 1 ]]" 8 "srvhModuleStale true(1)"
assert_match "zpool list did not finish within [0-9]+ ms" "$(snmp_get "$ZMOD.8.3")" \
        "srvhModuleLastError says zpool hung and was killed"
assert_match 'the kernel says: tank SUSPENDED' "$(snmp_get "$ZMOD.8.3")" \
        "srvhModuleLastError names the suspended pool from its state kstat"
assert_eq 183 "$(snmp_get "$ZP.12.$TANK")" "last dedup ratio still served"
assert_eq 1 "$(snmp_get "$ZP.2.$TANK")" "last health still served"
assert_eq 4 "$(snmp_get "$ZMOD.4.3")" "zfs srvhModuleStatus unknown(4) while zpool hangs"
must_wait "! pgrep -f 'sleep 41.731' >/dev/null" 3 "the hung zpool's sleep was killed with its group"
must_wait "has_trap 80 zfs failing" 5 "srvhModuleFailed for zfs arrived"
rm -f "$T/bin/replay/list.sleep"
set_file proc/spl/kstat/zfs/tank/state ONLINE
must_wait "[[ \$(snmp_get $ZMOD.11.3) == 2 ]]" 10 "fresh again once zpool answers (back-off up to 4 s)"

step "garbage output"
printf 'Segmentation fault (core dumped)\n' >"$T/garbage"
replay list "$T/garbage"
must_wait "[[ \$(snmp_get $ZMOD.11.3) == 1 ]]" 5 "stale on garbage"
assert_match 'not its tab-separated format' "$(snmp_get "$ZMOD.8.3")" "the reason"
assert_eq 183 "$(snmp_get "$ZP.12.$TANK")" "last values kept"
replay list "$ZFS_FIX/list/tank-online.txt"
must_wait "[[ \$(snmp_get $ZMOD.11.3) == 2 ]]" 10 "fresh again"

step "truncated zpool status"
replay status "$ZFS_FIX/status/truncated.txt"
must_wait "[[ \$(snmp_get $ZMOD.11.3) == 1 ]]" 5 "stale on a truncated status"
assert_match 'truncated' "$(snmp_get "$ZMOD.8.3")" "the reason"
assert_eq 1 "$(snmp_get "$ZV.3.$TANK.1.$(idx sdb)")" "last vdev rows kept"

step "unknown vdev state and '-' columns are served, not refused"
replay status "$ZFS_FIX/status/tank-unknown-state.txt"
must_wait "[[ \$(snmp_get $ZMOD.11.3) == 2 ]]" 10 "fresh again"
wait_for_value "$ZV.3.$TANK.1.$(idx sdb)" 9 3 "tank/sdb state unknown(9) for SPLIT"
printf 'tank\t3985729650688\t1838246227968\t2147483422720\t-\t46\t1.83\tONLINE\n' >"$T/dash"
replay list "$T/dash"
must_wait "! snmp_get $ZP.10.$TANK" 5 "srvhZpoolFragmentation has no instance for '-'"
assert_eq 46 "$(snmp_get "$ZP.11.$TANK")" "the other columns are served"
assert_eq 2 "$(snmp_get "$ZMOD.11.3")" "not stale"
step PASS
