# The dedup table histogram, the pools' state kstats and the zpoolPath checks, through a real
# snmpd: a walk of srvhZfsDdtTable shows the buckets 'zpool status -D' printed and the pool row
# the ddt_stats kstat sums; with pollInterval zfs 30 and poolStateInterval 1, the pool's state
# kstat turning DEGRADED raises srvhZpoolHealthChanged within seconds while zpool is not run at
# all, however hard the tables are walked; a group-writable zpoolPath is refused with
# file:line and the earlier path kept.
source "$(dirname "$0")/lib.sh" || exit 1
source "$(dirname "$0")/zfs_lib.sh" || exit 1

ZT=$R.1.4.5.1 # srvhZfsDdtEntry

use_fixture "$ZFS_FIX/sysroot"
mkdir -p "$T/root/proc/spl/kstat/zfs/tank"
echo ONLINE >"$T/root/proc/spl/kstat/zfs/tank/state"
cp "$ZFS_FIX/kstat/ddt_stats_sha256.txt" "$T/root/proc/spl/kstat/zfs/tank/ddt_stats_sha256"
setup_zpool
replay list "$ZFS_FIX/list/tank-online.txt"
replay status "$ZFS_FIX/status/tank-online.txt"
mkdir -m 0775 "$T/gw"
cp "$T/bin/zpool" "$T/gw/zpool"
chmod 0775 "$T/gw/zpool"
start_zfs_stack "zpoolPath $T/gw/zpool" "pollInterval zfs 30" "poolStateInterval 1"
TANK=$(idx tank)
must_wait "snmp_get $ZP.2.$TANK" 10 "first zfs poll done (pool tank served)"

step "a group-writable zpoolPath is refused with file:line, the earlier path kept"
line=$(grep -n "zpoolPath $T/gw/zpool" "$T/srvhealthd.conf" | cut -d: -f1)
assert_match "srvhealthd.conf: line $line: Error: zpoolPath: $T/gw/zpool is writable by its group: refused; keeping $T/bin/zpool" \
        "$(cat "$T/srvhealthd.log")" "refusal names the file, the line and the reason"
grep -q . "$T/bin/replay/calls.log" || fail "the kept zpool ($T/bin/zpool) was not run"

step "walk srvhZfsDdtTable"
snmp_walk "$ZT" >"$T/walk"
sed 's/^/    /' "$T/walk"
B1=$TANK.1 B2=$TANK.2
assert_eq 4290 "$(walk_value "$T/walk" "$ZT.2.$B1")" "bucket 1 allocated blocks (4.19K)"
assert_eq $((499 << 20)) "$(walk_value "$T/walk" "$ZT.5.$B1")" "bucket 1 allocated DSIZE (499M)"
assert_eq 270 "$(walk_value "$T/walk" "$ZT.11.$B2")" "bucket 2 referenced DSIZE in MiB"
assert_eq 2263 "$(walk_value "$T/walk" "$ZT.7.$B2")" "bucket 2 referenced blocks (2.21K)"
assert_eq 20 "$(wc -l <"$T/walk")" "two buckets of ten columns, no Total row"
assert_eq 786432 "$(snmp_get "$ZP.31.$TANK")" "srvhZpoolDdtLookupsExisting from ddt_stats_sha256"
assert_eq 1048576 "$(snmp_get "$ZP.29.$TANK")" "srvhZpoolDdtLookups"
assert_eq 1 "$(snmp_get "$ZP.28.$TANK")" "srvhZpoolKernelState online(1)"
assert_eq 1 "$(snmp_get "$ZP.32.$TANK")" "srvhZpoolSourceForm text(1): this zpool has no -j"

step "the state kstat turns DEGRADED: notified without running zpool, under SNMP load"
calls0=$(wc -l <"$T/bin/replay/calls.log")
( while :; do snmp_walk "$R.1.4" >/dev/null; done ) &
load=$!
t=$(now_us)
echo DEGRADED >"$T/root/proc/spl/kstat/zfs/tank/state.tmp"
mv -f "$T/root/proc/spl/kstat/zfs/tank/state.tmp" "$T/root/proc/spl/kstat/zfs/tank/state"
must_wait "has_trap 40 tank degraded" 5 "srvhZpoolHealthChanged (R.0.40) for tank received"
echo "  (after $(secs_since "$t") s)"
line=$(trap_lines 40 | tail -n 1)
assert_eq online "$(trap_varbind "$line" 5)" "old state"
assert_eq 2 "$(trap_varbind "$line" 2)" "severity warning(2)"
assert_eq 2 "$(snmp_get "$ZP.2.$TANK")" "srvhZpoolHealth degraded(2)"
assert_eq 2 "$(snmp_get "$ZP.28.$TANK")" "srvhZpoolKernelState degraded(2)"
assert_eq 183 "$(snmp_get "$ZP.12.$TANK")" "the last run's dedup ratio still served"
assert_eq 2 "$(snmp_get "$ZMOD.11.3")" "zfs srvhModuleStale false(2): the kstat polls are fresh"
assert_eq 2 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus warning(2)"
seq=$(event_seq 40 tank) || fail "no srvhEventTable row for R.0.40 / tank"
while (($(now_us) - t < 6000000)); do sleep 0.2; done
kill "$load"
wait "$load" 2>/dev/null || true
calls1=$(wc -l <"$T/bin/replay/calls.log")
assert_eq "$calls0" "$calls1" "zpool/zfs runs during 6 s of back-to-back walks with pollInterval zfs 30"
echo "  ok: no zpool run between two intervals, event $seq in srvhEventTable"
step PASS
