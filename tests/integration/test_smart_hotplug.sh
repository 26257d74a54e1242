# Hot-plug through the discovery seam: with smartBlobDir and a poll interval of an hour, a blob
# renamed into the directory is a disk that appears (row and srvhDiskAppeared) at once, one
# removed disappears (srvhDiskRemoved), an smartExclude name never shows; a disk whose
# NAME.power file says standby is left unread under smartStandby standby (its last values, power
# state standby, read status asleep, a growing data age) and is read again once active.
source "$(dirname "$0")/lib.sh" || exit 1

MKBLOB=$SRVH_BUILD_DIR/tests/mkblob
[[ -x $MKBLOB ]] || fail "$MKBLOB is not built"

str_index() {
        local s=$1 i out=${#1}
        for ((i = 0; i < ${#s}; i++)); do out+=.$(printf '%d' "'${s:i:1}"); done
        echo "$out"
}
# put_blob NAME SCENARIO ARGS...: write a blob next to the directory and rename it in (atomic)
put_blob() {
        local name=$1
        shift
        "$MKBLOB" "$@" "$T/blob.tmp" >/dev/null || fail "mkblob $*"
        mv -f "$T/blob.tmp" "$T/disks/$name.blob"
}
mkdir -p "$T/disks"
"$MKBLOB" healthy-hdd "$T/disks/sda.blob"
write_srvh_conf "pollInterval smart 3600" "smartBlobDir $T/disks" "smartExclude scratch*" \
        "smartStandby standby"
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack

D=$R.1.3.1.1
KA=$(str_index 0x50014ee2b1234567)
WB=0x5000c500a0000001
KB=$(str_index $WB)
wait_for_value "$D.2.$KA" sda 5 "sda listed from the blob directory"

step "sdb is plugged in (a blob renamed into the directory; the next interval is an hour away)"
t=$(now_us)
"$MKBLOB" healthy-hdd "$T/blob.tmp" serial=HOTPLUG0001 wwn=${WB#0x} >/dev/null
mv -f "$T/blob.tmp" "$T/disks/sdb.blob"
must_wait "has_trap 28 $WB present" 2 "srvhDiskAppeared (R.0.28) for $WB"
echo "  (trap after $(secs_since "$t") s)"
wait_for_value "$D.2.$KB" sdb 1 "srvhDiskDevice of the new row"
assert_eq HOTPLUG0001 "$(snmp_get "$D.4.$KB")" "srvhDiskSerial of the new row"
assert_eq 0 "$(count_traps 29)" "no srvhDiskRemoved so far"

step "an excluded name (smartExclude scratch*) never becomes a disk"
"$MKBLOB" healthy-hdd "$T/blob.tmp" serial=SCRATCH0001 wwn=5000c500a0000002 >/dev/null
mv -f "$T/blob.tmp" "$T/disks/scratch1.blob"
"$MKBLOB" ssd-no-temp "$T/blob.tmp" serial=HOTPLUG0003 wwn=5000c500a0000003 >/dev/null
mv -f "$T/blob.tmp" "$T/disks/sdc.blob"
must_wait "has_trap 28 0x5000c500a0000003 present" 2 "srvhDiskAppeared for sdc"
! has_trap 28 0x5000c500a0000002 || fail "srvhDiskAppeared for the excluded scratch1"
snmp_get "$D.2.$(str_index 0x5000c500a0000002)" >/dev/null && fail "a row for the excluded scratch1"
assert_eq 3 "$(snmp_walk "$D.2" | wc -l)" "three disks: sda, sdb, sdc"

step "sdb spins down: left unread under smartStandby standby, last values kept"
assert_eq 360 "$(snmp_get "$D.14.$KB")" "temperature before"
echo standby >"$T/disks/sdb.power"
wait_for_value "$D.9.$KB" 3 2 "srvhDiskPowerState standby(3)"
assert_eq 4 "$(snmp_get "$D.22.$KB")" "srvhDiskReadStatus asleep(4)"
assert_eq 360 "$(snmp_get "$D.14.$KB")" "temperature of the last read still served"
assert_eq 1 "$(snmp_get "$D.13.$KB")" "health still ok(1): asleep is not a failure"
# while it sleeps its blob changes: nothing may read it, so no notification
"$MKBLOB" reallocated "$T/blob.tmp" serial=HOTPLUG0001 wwn=${WB#0x} >/dev/null
mv -f "$T/blob.tmp" "$T/disks/sdb.blob"
age0=$(snmp_get "$D.21.$KB")
must_wait "(( \$(snmp_get $D.21.$KB) >= age0 + 2 ))" 5 "srvhDiskDataAge grows while it sleeps"
assert_eq 4 "$(snmp_get "$D.22.$KB")" "still asleep after the blob changed"
assert_eq 0 "$(count_traps 24)" "no srvhDiskReallocatedIncreased from a disk left asleep"

step "sdb spins up: read again, the remapped sectors are seen"
echo active >"$T/disks/sdb.power"
must_wait "has_trap 24 $WB 8" 2 "srvhDiskReallocatedIncreased for $WB"
assert_eq 1 "$(snmp_get "$D.9.$KB")" "srvhDiskPowerState active(1)"
assert_eq 1 "$(snmp_get "$D.22.$KB")" "srvhDiskReadStatus ok(1)"
assert_match '^[01]$' "$(snmp_get "$D.21.$KB")" "srvhDiskDataAge back to a fresh read"

step "sdb is pulled"
t=$(now_us)
rm -f "$T/disks/sdb.blob" "$T/disks/sdb.power"
must_wait "has_trap 29 $WB" 2 "srvhDiskRemoved (R.0.29) for $WB"
echo "  (trap after $(secs_since "$t") s)"
must_wait "! snmp_get $D.2.$KB >/dev/null" 1 "the row is gone"
assert_eq sda "$(snmp_get "$D.2.$KA")" "sda still served"
assert_eq 2 "$(snmp_walk "$D.2" | wc -l)" "two disks left"
step PASS
