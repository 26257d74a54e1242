# mdadm.conf's ARRAY lines through snmpd: on the healthy md0 tree with a mdadm.conf that wants a
# spare for md0 and a second array /dev/md/data, md0 is marked expected with 1 spare expected and
# srvhRaidSparesMissing is sent; /dev/md/data is a row of its own, state missing(16), health
# critical, named in srvhOverallMessage, with srvhRaidArrayMissing; srvhOverallStatus is
# critical. Removing the expectations sends srvhRaidArrayFound and srvhRaidSparesRestored and the
# host reads ok. A host with no md at all and two expected arrays is critical, not "all ok".
source "$(dirname "$0")/lib.sh" || exit 1

A=$R.1.2.1.1
CONF=$SRVH_FIXTURES/mdadm-conf/expects-md0-and-data.conf

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
mkdir -p "$T/root/etc/mdadm"
cp "$CONF" "$T/root/etc/mdadm/mdadm.conf"
start_stack

# index_of NAME: srvhRaidArrayIndex of the row with that srvhRaidArrayName
index_of() { snmp_walk "$A.2" | awk -v n="$1" -v p="$A.2." '$2 == n { print substr($1, length(p) + 1); exit }'; }

step "md0: expected, one spare expected, none there"
assert_eq 1 "$(snmp_get "$A.23.1")" "md0 srvhRaidArrayExpected true(1)"
assert_eq 1 "$(snmp_get "$A.24.1")" "md0 srvhRaidArraySparesExpected"
assert_eq 0 "$(snmp_get "$A.10.1")" "md0 srvhRaidArraySpareDevices"
assert_eq 1 "$(snmp_get "$A.5.1")" "md0 health stays ok(1): its redundancy is intact"
must_wait "has_trap 12 md0" 5 "srvhRaidSparesMissing (R.0.12) for md0"
assert_eq 2 "$(trap_varbind "$(trap_lines 12 | tail -n 1)" 2)" "srvhRaidSparesMissing severity warning(2)"

step "/dev/md/data: a row of its own, missing and critical"
idx=$(index_of /dev/md/data)
[[ -n $idx ]] || fail "no srvhRaidArrayTable row named /dev/md/data"
assert_gt 2097151 "$idx" "its index is in the collector's own range"
assert_eq 16 "$(snmp_get "$A.4.$idx")" "/dev/md/data state missing(16)"
assert_eq 3 "$(snmp_get "$A.5.$idx")" "/dev/md/data health critical(3)"
assert_eq 1 "$(snmp_get "$A.23.$idx")" "/dev/md/data expected true(1)"
assert_eq c0ffee00-1111-2222-3333-444455556666 "$(snmp_get "$A.18.$idx")" "/dev/md/data UUID from mdadm.conf"
assert_eq '<absent>' "$(snmp_get "$A.6.$idx" || echo '<absent>')" "no device count for an array that is not there"
must_wait "has_trap 14 /dev/md/data missing" 5 "srvhRaidArrayMissing (R.0.14) for /dev/md/data"
assert_eq 3 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus critical(3)"
msg=$(snmp_get "$R.1.1.4.0")
assert_match '/dev/md/data missing: mdadm.conf line 6 expects it' "$msg" "srvhOverallMessage names the missing array"
assert_match 'md0 raid1 clean; 0 of 1 spares mdadm.conf expects' "$msg" "and md0's missing spare"

step "mdadm.conf without spares= and without /dev/md/data"
set_file etc/mdadm/mdadm.conf "ARRAY /dev/md0 UUID=3f1c9a2e:5b7d4c10:9e217a4f:0d8b6c35"
must_wait "has_trap 15 /dev/md/data" 5 "srvhRaidArrayFound (R.0.15) for /dev/md/data"
must_wait "has_trap 13 md0" 5 "srvhRaidSparesRestored (R.0.13) for md0"
wait_for_value "$R.1.1.3.0" 1 3 "srvhOverallStatus ok(1)"
[[ -z $(index_of /dev/md/data) ]] || fail "the /dev/md/data row is still served"
echo "  ok: the /dev/md/data row is gone"
assert_eq '<absent>' "$(snmp_get "$A.24.1" || echo '<absent>')" "md0 has no spares-expected cell without spares="

step "no md driver at all, two arrays expected"
begin_change
remove_path proc/mdstat
remove_path sys/block/md0
set_file etc/mdadm/mdadm.conf "ARRAY /dev/md0 UUID=3f1c9a2e:5b7d4c10:9e217a4f:0d8b6c35
ARRAY /dev/md/data UUID=c0ffee00:11112222:33334444:55556666"
commit_change
wait_for_value "$A.4.1" 16 5 "md0 state missing(16)"
must_wait "has_trap 14 md0 missing" 5 "srvhRaidArrayMissing (R.0.14) for md0"
wait_for_value "$R.1.1.3.0" 3 3 "srvhOverallStatus critical(3), not ok"
assert_match 'md0 missing.*/dev/md/data missing' "$(snmp_get "$R.1.1.4.0")" "srvhOverallMessage names both"
step PASS
