# A replayed disk whose blob is replaced by a failing one: snmptrapd receives
# srvhDiskReallocatedIncreased and srvhDiskVerdictWorse with the right varbinds, srvhEventTable has
# them, then a BAD_STATUS blob makes the disk critical; temperature crossings send
# srvhDiskTemperatureHigh/Normal (threshold and hysteresis from the config), and check_snmp on
# srvhDiskTemperature answers OK / WARNING / CRITICAL for thresholds in tenths of a degree.
source "$(dirname "$0")/lib.sh" || exit 1

MKBLOB=$SRVH_BUILD_DIR/tests/mkblob
CHECK=/usr/lib/nagios/plugins/check_snmp
[[ -x $MKBLOB ]] || fail "$MKBLOB is not built"
[[ -x $CHECK ]] || fail "$CHECK is missing (Debian package monitoring-plugins-standard)"

str_index() {
        local s=$1 i out=${#1}
        for ((i = 0; i < ${#s}; i++)); do out+=.$(printf '%d' "'${s:i:1}"); done
        echo "$out"
}
mkdir -p "$T/blobs"
"$MKBLOB" healthy-hdd "$T/blobs/sda.blob"
write_srvh_conf "pollInterval smart 1" "smartBlob sda $T/blobs/sda.blob" \
        "smartTemperatureHigh 50" "smartTemperatureHysteresis 4"
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack

KEY=0x50014ee2b1234567
D=$R.1.3.1.1
K=$(str_index $KEY)
wait_for_value "$D.12.$K" 1 5 "verdict good(1) at start"
assert_eq 0 "$(count_traps 20)" "no srvhDiskVerdictWorse for a good disk at start"

step "the disk remaps 8 sectors and has 2 pending"
"$MKBLOB" reallocated "$T/blobs/.new" && mv -f "$T/blobs/.new" "$T/blobs/sda.blob"
t=$(now_us)
must_wait "has_trap 24 $KEY 8" 4 "srvhDiskReallocatedIncreased (R.0.24) for $KEY"
echo "  (after $(secs_since "$t") s)"
line=$(trap_lines 24 | tail -n 1)
assert_eq 0 "$(trap_varbind "$line" 5)" "old count"
assert_eq 8 "$(trap_varbind "$line" 7)" "srvhNotifyValue: the new count"
assert_eq 2 "$(trap_varbind "$line" 2)" "severity warning(2)"
must_wait "has_trap 25 $KEY 2" 3 "srvhDiskPendingIncreased (R.0.25)"
must_wait "has_trap 20 $KEY badSector" 3 "srvhDiskVerdictWorse (R.0.20) to badSector"
line=$(trap_lines 20 | tail -n 1)
assert_eq good "$(trap_varbind "$line" 5)" "verdict old state"
assert_match 'sda' "$(trap_varbind "$line" 6)" "text names the device"
wait_for_value "$D.13.$K" 2 3 "disk health warning(2)"
assert_eq 8 "$(snmp_get "$D.17.$K")" "srvhDiskReallocatedSectors"
assert_eq 2 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus warning(2)"
seq=$(event_seq 24 $KEY) || fail "no srvhEventTable row for srvhDiskReallocatedIncreased"
assert_match '8' "$(snmp_get "$R.1.6.1.1.6.$seq")" "event text carries the count"

step "the drive's self-assessment fails"
"$MKBLOB" bad-status "$T/blobs/.new" && mv -f "$T/blobs/.new" "$T/blobs/sda.blob"
must_wait "has_trap 20 $KEY badStatus" 4 "srvhDiskVerdictWorse to badStatus"
line=$(trap_lines 20 | tail -n 1)
assert_eq 3 "$(trap_varbind "$line" 2)" "severity critical(3)"
wait_for_value "$R.1.1.3.0" 3 3 "srvhOverallStatus critical(3)"

step "temperature: check_snmp on srvhDiskTemperature, -w 450 -c 550 (tenths)"
check() {
        set +e
        out=$("$CHECK" -H 127.0.0.1 -p "$SNMP_PORT" -P 2c -C public -o "$D.14.$K" -w 450 -c 550 2>&1)
        rc=$?
        set -e
        echo "  check_snmp exit $rc: $out"
}
"$MKBLOB" healthy-hdd "$T/blobs/.new" && mv -f "$T/blobs/.new" "$T/blobs/sda.blob"
must_wait "has_trap 21 $KEY good" 4 "srvhDiskVerdictBetter back to good"
check
assert_eq 0 "$rc" "36.0 C: check_snmp OK"
"$MKBLOB" healthy-hdd "$T/blobs/.new" temp=52 && mv -f "$T/blobs/.new" "$T/blobs/sda.blob"
must_wait "has_trap 22 $KEY high" 4 "srvhDiskTemperatureHigh (R.0.22) at 52 C (high 50)"
line=$(trap_lines 22 | tail -n 1)
assert_eq 520 "$(trap_varbind "$line" 7)" "srvhNotifyValue: tenths of a degree"
wait_for_value "$D.14.$K" 520 3 "srvhDiskTemperature 52.0 C"
check
assert_eq 1 "$rc" "52.0 C: check_snmp WARNING"
"$MKBLOB" healthy-hdd "$T/blobs/.new" temp=60 && mv -f "$T/blobs/.new" "$T/blobs/sda.blob"
wait_for_value "$D.14.$K" 600 3 "srvhDiskTemperature 60.0 C"
check
assert_eq 2 "$rc" "60.0 C: check_snmp CRITICAL"
"$MKBLOB" healthy-hdd "$T/blobs/.new" temp=47 && mv -f "$T/blobs/.new" "$T/blobs/sda.blob"
wait_for_value "$D.14.$K" 470 3 "srvhDiskTemperature 47.0 C"
# one more poll after the one that served 47 C: inside the hysteresis (47 > 50 - 4) nothing is sent
polled=$(snmp_get "$R.1.1.5.1.5.2")
must_wait "[[ \"\$(snmp_get $R.1.1.5.1.5.2)\" != \"$polled\" ]]" 4 "another smart poll"
assert_eq 0 "$(count_traps 23)" "no srvhDiskTemperatureNormal within the hysteresis"
"$MKBLOB" healthy-hdd "$T/blobs/.new" temp=46 && mv -f "$T/blobs/.new" "$T/blobs/sda.blob"
must_wait "has_trap 23 $KEY normal" 4 "srvhDiskTemperatureNormal (R.0.23) at 46 C"
assert_eq 1 "$(count_traps 22)" "exactly one srvhDiskTemperatureHigh"
step PASS
