# A new array (md1) raises srvhRaidArrayAppeared and gets index 2 while md0 keeps index 1; a stopped
# array (md0) raises srvhRaidArrayDisappeared and leaves the table, and md1 keeps index 2.
source "$(dirname "$0")/lib.sh" || exit 1

A=$R.1.2.1.1
MD0_STANZA="md0 : active raid1 sdb1[1] sda1[0]
      976630464 blocks super 1.2 [2/2] [UU]
      bitmap: 0/8 pages [0KB], 65536KB chunk
"
MD1_STANZA="md1 : active raid1 sdd1[1] sdc1[0]
      488253440 blocks super 1.2 [2/2] [UU]
"
mdstat() { printf 'Personalities : [raid1] \n%s\nunused devices: <none>\n' "$1"; }

# sysfs of a healthy two-disk raid1 md1 on sdc1 + sdd1 (488253440 KiB = 976506880 sectors)
add_md1_sysfs() {
        local d=sys/block/md1/md f
        for f in "array_state clean" "level raid1" "raid_disks 2" "degraded 0" "sync_action idle" \
                "sync_completed none" "sync_speed none" "mismatch_cnt 0" \
                "component_size 976506880" "metadata_version 1.2" \
                "uuid 0c5d3a1e-7f42-4b9a-a1d6-93e2f8b4c701"; do
                set_file "$d/${f%% *}" "${f#* }"
        done
        set_file "$d/dev-sdc1/state" in_sync
        set_file "$d/dev-sdc1/slot" 0
        set_file "$d/dev-sdc1/errors" 0
        set_file "$d/dev-sdd1/state" in_sync
        set_file "$d/dev-sdd1/slot" 1
        set_file "$d/dev-sdd1/errors" 0
}

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
assert_eq md0 "$(snmp_get "$A.2.1")" "md0 at index 1"
assert_eq 0 "$(count_traps 10)" "no srvhRaidArrayAppeared for an array present at start"

step "md1 is assembled (mdstat + sysfs)"
begin_change
add_md1_sysfs
set_file proc/mdstat "$(mdstat "$MD1_STANZA$MD0_STANZA")"
commit_change
must_wait "has_trap 10 md1" 3 "srvhRaidArrayAppeared (R.0.10) for md1"
line=$(trap_lines 10 | tail -n 1)
assert_eq 1 "$(trap_varbind "$line" 2)" "srvhRaidArrayAppeared severity ok(1)"
assert_eq "" "$(trap_varbind "$line" 5)" "srvhRaidArrayAppeared old state (none)"
wait_for_value "$A.2.2" md1 3 "md1 at index 2"
assert_eq md0 "$(snmp_get "$A.2.1")" "md0 still at index 1"
assert_eq 1 "$(snmp_get "$A.4.2")" "md1 state clean(1)"
assert_eq 1 "$(count_traps 10)" "exactly one srvhRaidArrayAppeared"

step "md0 is stopped (gone from mdstat and sysfs)"
begin_change
remove_path sys/block/md0
set_file proc/mdstat "$(mdstat "$MD1_STANZA")"
commit_change
must_wait "has_trap 11 md0" 3 "srvhRaidArrayDisappeared (R.0.11) for md0"
line=$(trap_lines 11 | tail -n 1)
assert_eq clean "$(trap_varbind "$line" 5)" "srvhRaidArrayDisappeared old state (its last state)"
assert_eq "" "$(trap_varbind "$line" 4)" "srvhRaidArrayDisappeared new state (empty: gone)"
assert_eq 2 "$(trap_varbind "$line" 2)" "srvhRaidArrayDisappeared severity warning(2)"
must_wait "! snmp_get $A.2.1" 3 "md0's row (index 1) is gone"
assert_eq md1 "$(snmp_get "$A.2.2")" "md1 still at index 2"
assert_eq "$A.2.2 md1" "$(snmp_walk "$A.2")" "md1 is the only array row"
assert_eq 1 "$(count_traps 11)" "exactly one srvhRaidArrayDisappeared"
assert_eq 0 "$(trap_lines 11 | while IFS= read -r l; do trap_varbind "$l" 3; done | grep -c md1 || true)" \
        "no srvhRaidArrayDisappeared for md1"
step PASS
