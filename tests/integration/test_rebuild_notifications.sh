# A raid5 rebuild onto sdd1 reports its progress in rebuildProgressStep (20 %) steps, then
# srvhRaidRebuildFinished, srvhRaidSpareActivated and srvhRaidRecovered when it completes; a check
# started on the healthy array then raises srvhRaidRebuildStarted.
source "$(dirname "$0")/lib.sh" || exit 1

A=$R.1.2.1.1
MD=sys/block/md0/md
# The recovering fixture: md0 raid5, 4 x 1953382400 KiB, sdd1[4] rebuilt into slot 3, sde1 spare.
per_member_kib=1953382400
sectors=$((per_member_kib * 2))
mdstat() { # $1: "[4/3] [UUU_]" etc., $2: progress line or ""
        printf '%s\n' "Personalities : [raid6] [raid5] [raid4] " \
                "md0 : active raid5 sde1[5](S) sdd1[4] sdc1[2] sdb1[1] sda1[0]" \
                "      5860147200 blocks super 1.2 level 5, 512k chunk, algorithm 2 $1"
        [[ -z $2 ]] || printf '      %s\n' "$2"
        printf '%s\n' "      bitmap: 2/15 pages [8KB], 65536KB chunk" "" "unused devices: <none>"
}
# progress_line ACTION PERCENT: the mdstat progress line of a sync at PERCENT (integer) %.
progress_line() {
        local kib=$((per_member_kib * $2 / 100))
        printf '[=>...................]  %s = %d.0%% (%d/%d) finish=100.0min speed=154321K/sec' \
                "$1" "$2" "$kib" "$per_member_kib"
}

use_fixture "$SRVH_FIXTURES/md-sysfs/recovering"
step "rewind the fixture's rebuild to 10 %"
set_file proc/mdstat "$(mdstat '[4/3] [UUU_]' "$(progress_line recovery 10)")"
set_file $MD/sync_completed "$((sectors / 10)) / $sectors"
write_srvh_conf "rebuildProgressStep 20"
start_stack
assert_eq 5 "$(snmp_get "$A.4.1")" "md0 state recovering(5)"
assert_eq 1000 "$(snmp_get "$A.12.1")" "md0 progress 10.00 %"
assert_eq 0 "$(count_traps 8)" "no srvhRaidRebuildProgress below the first step"

step "the rebuild reaches 45 %"
begin_change
set_file proc/mdstat "$(mdstat '[4/3] [UUU_]' "$(progress_line recovery 45)")"
set_file $MD/sync_completed "$((sectors * 45 / 100)) / $sectors"
commit_change
must_wait "trap_lines 8 | grep -q '\.73\.1\.7\.7\.0 = Gauge32: 40\b'" 3 \
        "srvhRaidRebuildProgress (R.0.8) with srvhNotifyValue 40"
trap_lines 8 | while IFS= read -r l; do echo "    progress trap: object $(trap_varbind "$l" 3) value $(trap_varbind "$l" 7)"; done
line=$(trap_lines 8 | grep '\.73\.1\.7\.7\.0 = Gauge32: 40\b' | tail -n 1)
assert_eq md0 "$(trap_varbind "$line" 3)" "progress trap object"
assert_eq 1 "$(trap_varbind "$line" 2)" "progress trap severity ok(1)"
wait_for_value "$A.12.1" 4500 3 "md0 progress 45.00 %"

step "the rebuild finishes: sync_action idle, sdd1 in_sync in slot 3, [4/4] [UUUU]"
begin_change
set_file proc/mdstat "$(mdstat '[4/4] [UUUU]' '')"
set_file $MD/sync_action idle
set_file $MD/sync_completed none
set_file $MD/sync_speed none
set_file $MD/degraded 0
set_file $MD/dev-sdd1/state in_sync
commit_change
must_wait "has_trap 9 md0" 3 "srvhRaidRebuildFinished (R.0.9) for md0"
line=$(trap_lines 9 | tail -n 1)
assert_eq "$(fixture_value $MD/mismatch_cnt)" "$(trap_varbind "$line" 7)" "RebuildFinished value = mismatch count"
must_wait "has_trap 6 md0/sdd1" 3 "srvhRaidSpareActivated (R.0.6) for md0/sdd1"
must_wait "has_trap 3 md0 clean" 3 "srvhRaidRecovered (R.0.3) for md0, now clean"
wait_for_value "$A.4.1" 1 3 "md0 state clean(1)"
assert_eq 1 "$(snmp_get "$A.5.1")" "md0 health ok(1)"
assert_eq 1 "$(snmp_get "$R.1.2.2.1.4.1.5")" "md0/sdd1 (member 5) role active(1)"
assert_eq 0 "$(count_traps 7)" "no srvhRaidRebuildStarted so far"

step "a check starts on the healthy array"
begin_change
set_file proc/mdstat "$(mdstat '[4/4] [UUUU]' "$(progress_line check 1)")"
set_file $MD/sync_action check
set_file $MD/sync_completed "$((sectors / 100)) / $sectors"
set_file $MD/sync_speed 154321
commit_change
must_wait "has_trap 7 md0" 3 "srvhRaidRebuildStarted (R.0.7) for md0"
line=$(trap_lines 7 | tail -n 1)
assert_match '^check(ing)?$' "$(trap_varbind "$line" 4)" "RebuildStarted new state names the operation"
wait_for_value "$A.4.1" 6 3 "md0 state checking(6)"
assert_eq 4 "$(snmp_get "$A.11.1")" "md0 syncAction check(4)"
assert_eq 1 "$(snmp_get "$A.5.1")" "md0 health ok(1) during a check"
step PASS
