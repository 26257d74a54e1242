# A bulk walk of the whole subtree on the demo sysroot (md0 healthy raid1, md1 degraded raid5,
# md2 raid6 rebuilding) shows each array's state, counts, progress, size and UUID as the fixture
# files say, the faulty member of md1, and an overall status/message that puts md1 first.
source "$(dirname "$0")/lib.sh" || exit 1

use_fixture "$SRVH_SOURCE_DIR/examples/demo/sysroot"
start_snmptrapd
start_snmpd
start_srvhealthd
must_wait subtree_answers 10 "srvhealthd answers through snmpd"
must_wait "snmp_get $R.1.2.1.1.2.3" 5 "md2's row is served (first poll done)"

step "snmpbulkwalk $R"
W=$T/walk.txt
snmp_walk "$R" >"$W"
echo "  $(wc -l <"$W") varbinds"
A=$R.1.2.1.1 # srvhRaidArrayEntry
M=$R.1.2.2.1 # srvhRaidMemberEntry
col() { walk_value "$W" "$A.$1.$2" || echo "<absent>"; }
mem() { walk_value "$W" "$M.$1.$2.$3" || echo "<absent>"; }

# Sizes: mdstat's block count is KiB of usable space.
blocks() { awk -v a="$1" '$1 == a { getline; print $1; exit }' "$T/root/proc/mdstat"; }

step "md0: healthy raid1 (index 1)"
assert_eq md0 "$(col 2 1)" "md0 name"
assert_eq "$(fixture_value sys/block/md0/md/level)" "$(col 3 1)" "md0 level"
assert_eq 1 "$(col 4 1)" "md0 state clean(1)"
assert_eq 1 "$(col 5 1)" "md0 health ok(1)"
assert_eq 2 "$(col 6 1)" "md0 total"
assert_eq 2 "$(col 8 1)" "md0 working"
assert_eq 0 "$(col 9 1)" "md0 failed"
assert_eq 1 "$(col 11 1)" "md0 syncAction idle(1)"
# an idle array has no progress, speed or ETA cell (no placeholder number)
for c in 12 13 14; do
        assert_eq '<absent>' "$(col $c 1)" "md0 column $c (idle: no cell)"
done
got=$(snmpget "${SNMP_OPTS[@]}" "$AGENT" "$A.12.1" 2>&1 || true)
assert_match 'No Such Instance' "$got" "a GET of md0's progress through snmpd"
bytes=$(($(blocks md0) * 1024))
assert_eq "$bytes" "$(col 16 1)" "md0 size in bytes"
assert_eq $((bytes / 1048576)) "$(col 17 1)" "md0 size in MiB"
assert_eq "$(fixture_value sys/block/md0/md/uuid)" "$(col 18 1)" "md0 uuid"
assert_eq 1.2 "$(col 19 1)" "md0 metadata"
assert_eq 2 "$(col 22 1)" "md0 source mdstatAndSysfs(2)"

step "md1: raid5 with sdf1 faulty (index 2)"
assert_eq md1 "$(col 2 2)" "md1 name"
assert_eq "$(fixture_value sys/block/md1/md/level)" "$(col 3 2)" "md1 level"
assert_eq 3 "$(col 4 2)" "md1 state degraded(3)"
assert_eq 3 "$(col 5 2)" "md1 health critical(3): raid5 lost its only redundancy"
assert_eq 4 "$(col 6 2)" "md1 total"
assert_eq 3 "$(col 7 2)" "md1 active"
assert_eq 3 "$(col 8 2)" "md1 working"
assert_eq 1 "$(col 9 2)" "md1 failed"
assert_eq 0 "$(col 10 2)" "md1 spare"
bytes=$(($(blocks md1) * 1024))
assert_eq "$bytes" "$(col 16 2)" "md1 size in bytes"
assert_eq $((bytes / 1048576)) "$(col 17 2)" "md1 size in MiB"
assert_eq "$(fixture_value sys/block/md1/md/uuid)" "$(col 18 2)" "md1 uuid"
# sdf1[3] in mdstat: desc_nr 3, member index 4
assert_eq sdf1 "$(mem 2 2 4)" "md1 member 4 device"
assert_eq 3 "$(mem 4 2 4)" "md1/sdf1 role faulty(3)"
assert_eq "$(fixture_value sys/block/md1/md/dev-sdf1/errors)" "$(mem 6 2 4)" "md1/sdf1 errors"
assert_eq 1 "$(mem 4 2 1)" "md1/sdc1 role active(1)"

step "md2: raid6 rebuilding onto sdl1 (index 3)"
assert_eq md2 "$(col 2 3)" "md2 name"
assert_eq "$(fixture_value sys/block/md2/md/level)" "$(col 3 3)" "md2 level"
assert_eq 5 "$(col 4 3)" "md2 state recovering(5)"
assert_eq 2 "$(col 5 3)" "md2 health warning(2): raid6 still has one disk of redundancy"
assert_eq 6 "$(col 6 3)" "md2 total"
assert_eq 5 "$(col 7 3)" "md2 active"
assert_eq 3 "$(col 11 3)" "md2 syncAction recover(3)"
read -r completed _ total <"$T/root/sys/block/md2/md/sync_completed"
assert_eq $((completed * 10000 / total)) "$(col 12 3)" "md2 progress, hundredths of % ($completed / $total sectors)"
assert_eq "$(fixture_value sys/block/md2/md/sync_speed)" "$(col 13 3)" "md2 speed KiB/s"
eta=$(col 14 3)
# mdstat says finish=143.5min; sysfs gives (total - done) / 2 KiB / speed; allow either.
expect_eta=$(((total - completed) / 2 / $(fixture_value sys/block/md2/md/sync_speed)))
if ! [[ $eta =~ ^[0-9]+$ ]] || ((eta < 8610 - 60 || eta > expect_eta + 60)); then
        fail "md2 eta: expected about 8610 s (mdstat finish=143.5min, sysfs $expect_eta s), got '$eta'"
fi
echo "  ok: md2 eta = $eta s"
bytes=$(($(blocks md2) * 1024))
assert_eq "$bytes" "$(col 16 3)" "md2 size in bytes"
assert_eq "$(fixture_value sys/block/md2/md/uuid)" "$(col 18 3)" "md2 uuid"
# sdl1[6]: desc_nr 6, member index 7, raid slot 5 (sysfs), being rebuilt
assert_eq sdl1 "$(mem 2 3 7)" "md2 member 7 device"
assert_eq 5 "$(mem 3 3 7)" "md2/sdl1 slot"
assert_eq 8 "$(mem 4 3 7)" "md2/sdl1 role rebuilding(8)"

step "overall status and message"
assert_eq 3 "$(walk_value "$W" "$R.1.1.3.0")" "srvhOverallStatus critical(3): worst of ok, critical, warning"
msg=$(walk_value "$W" "$R.1.1.4.0")
assert_match 'md1' "$msg" "srvhOverallMessage names md1"
assert_match '^[^;]*md1.*md2' "$msg" "srvhOverallMessage puts md1 (critical) before md2 (warning)"
assert_eq 3 "$(walk_value "$W" "$R.1.1.5.1.4.1")" "srvhModuleStatus of md"
step "PASS"
