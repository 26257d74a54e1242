# NVMe disks replayed from recorded pages (nvmeLog NAME FILE [IDENTIFY]) built by tests/tools/mknvme
# from the NVMe base specification, served through a real snmpd: the health log's values in
# srvhDiskTable under the serial's key, transport nvme, no ATA-only cells; a worn disk warns and
# sends srvhDiskNvmeWearHigh at start; a page with the spare bit set sends
# srvhDiskNvmeWarningRaised and srvhDiskNvmeSpareLow to snmptrapd and turns srvhOverallStatus
# critical; clearing it sends the clearing pair; media errors rising are notified; a cut page
# keeps the last values with readFailed, and a bad identify file costs only the identity.
source "$(dirname "$0")/lib.sh" || exit 1

MKNVME=$SRVH_BUILD_DIR/tests/mknvme
[[ -x $MKNVME ]] || fail "$MKNVME is not built"

# replace FILE SCENARIO [OPTIONS...]: a new page, renamed into place as a recorder would
replace() {
        local f=$1
        shift
        "$MKNVME" "$@" && mv -f "$T/nvme/.new" "$f"
}

mkdir -p "$T/nvme"
"$MKNVME" healthy "$T/nvme/ssd.log" "$T/nvme/ssd.id"
"$MKNVME" worn "$T/nvme/old.log"
"$MKNVME" healthy "$T/nvme/other.log" "$T/nvme/other.id" serial=OTHER0001 media=2
head -c 1000 "$T/nvme/other.id" >"$T/nvme/cut.id"
write_srvh_conf "pollInterval smart 1" "nvmeWearHigh 90" \
        "nvmeLog ssd $T/nvme/ssd.log $T/nvme/ssd.id" \
        "nvmeLog old $T/nvme/old.log" \
        "nvmeLog cutid $T/nvme/other.log $T/nvme/cut.id"
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack

D=$R.1.3.1.1
SERIAL=S6B0NL0T912345
SSD=$(str_index $SERIAL)
OLD=$(str_index dev:old)
CUT=$(str_index dev:cutid)
must_wait "snmp_get $D.2.$SSD" 5 "the NVMe disk is served under its serial"

step "walk srvhDisk"
snmp_walk "$R.1.3" >"$T/walk"
v() { walk_value "$T/walk" "$1" || echo "<absent>"; }
assert_eq ssd "$(v "$D.2.$SSD")" "device (nvmeLog NAME)"
assert_eq "Samsung SSD 980 PRO 1TB" "$(v "$D.3.$SSD")" "model from Identify bytes 24-63"
assert_eq $SERIAL "$(v "$D.4.$SSD")" "serial from Identify bytes 4-23, padding removed"
assert_eq 5B2QGXA7 "$(v "$D.5.$SSD")" "firmware from Identify bytes 64-71"
assert_eq "<absent>" "$(v "$D.6.$SSD")" "no WWN instance"
assert_eq 1000204886016 "$(v "$D.7.$SSD")" "capacity from TNVMCAP"
assert_eq 2 "$(v "$D.30.$SSD")" "srvhDiskTransport nvme(2)"
assert_eq 1 "$(v "$D.10.$SSD")" "SMART available (the health log is mandatory)"
assert_eq "<absent>" "$(v "$D.12.$SSD")" "no libatasmart verdict for NVMe"
assert_eq 1 "$(v "$D.13.$SSD")" "health ok(1)"
assert_eq 368 "$(v "$D.14.$SSD")" "310 K as 36.8 C in tenths"
assert_eq 17520 "$(v "$D.15.$SSD")" "power-on hours"
assert_eq 211 "$(v "$D.16.$SSD")" "power cycles"
assert_eq "<absent>" "$(v "$D.17.$SSD")" "no reallocated-sector cell"
assert_eq 1 "$(v "$D.22.$SSD")" "read status ok(1)"
assert_match '^00 ?$' "$(v "$D.31.$SSD")" "critical warning: no bit set"
assert_eq 100 "$(v "$D.32.$SSD")" "available spare"
assert_eq 10 "$(v "$D.33.$SSD")" "spare threshold"
assert_eq 3 "$(v "$D.34.$SSD")" "percentage used"
assert_eq 12345678 "$(v "$D.35.$SSD")" "data units read (Counter64)"
assert_eq 23456789 "$(v "$D.36.$SSD")" "data units written"
assert_eq 17 "$(v "$D.37.$SSD")" "unsafe shutdowns"
assert_eq 0 "$(v "$D.38.$SSD")" "media errors"
assert_eq 1024 "$(v "$D.39.$SSD")" "error log entries"
assert_eq 0 "$(count_traps 30)" "no srvhDiskNvmeWarningRaised for a healthy disk"

step "a log page without identify: keyed dev:NAME, no identity cells; 97 % used warns"
assert_eq old "$(v "$D.2.$OLD")" "device"
assert_eq "<absent>" "$(v "$D.3.$OLD")" "no model instance"
assert_eq 97 "$(v "$D.34.$OLD")" "percentage used"
assert_eq 2 "$(v "$D.13.$OLD")" "health warning(2) at or over nvmeWearHigh 90"
must_wait "has_trap 34 dev:old high" 3 "srvhDiskNvmeWearHigh (R.0.34) at the first poll"
assert_eq 97 "$(trap_varbind "$(trap_lines 34 | tail -n 1)" 7)" "srvhNotifyValue: percent used"

step "an identify file of 1000 bytes: served from the health log, the error says why"
assert_eq 1 "$(v "$D.22.$CUT")" "read status ok(1)"
assert_match 'cut.id: 1000 bytes, Identify Controller data has 4096' "$(v "$D.23.$CUT")" \
        "srvhDiskReadError names the file and sizes"
assert_eq 2 "$(v "$D.38.$CUT")" "media errors"
assert_eq 2 "$(v "$D.13.$CUT")" "media errors make health warning(2)"
assert_eq 2 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus warning(2) before the spare runs out"

step "the spare falls to 5 % under a 10 % threshold: bit 0 set"
t=$(now_us)
replace "$T/nvme/ssd.log" spare-low "$T/nvme/.new"
must_wait "has_trap 30 $SERIAL availableSpare" 4 "srvhDiskNvmeWarningRaised (R.0.30) naming availableSpare"
echo "  (after $(secs_since "$t") s)"
line=$(trap_lines 30 | tail -n 1)
assert_eq 3 "$(trap_varbind "$line" 2)" "severity critical(3)"
assert_eq 1 "$(trap_varbind "$line" 7)" "srvhNotifyValue: the Critical Warning byte"
assert_match 'ssd.*availableSpare' "$(trap_varbind "$line" 6)" "text names the disk and the bit"
must_wait "has_trap 32 $SERIAL low" 3 "srvhDiskNvmeSpareLow (R.0.32)"
assert_eq 5 "$(trap_varbind "$(trap_lines 32 | tail -n 1)" 7)" "srvhNotifyValue: spare percent"
wait_for_value "$D.13.$SSD" 3 3 "disk health critical(3)"
assert_match '^80 ?$' "$(snmp_get "$D.31.$SSD")" "BITS availableSpare(0): the first octet's top bit"
assert_eq 5 "$(snmp_get "$D.32.$SSD")" "available spare 5"
wait_for_value "$R.1.1.3.0" 3 3 "srvhOverallStatus critical(3)"
assert_match "ssd $SERIAL critical \\(critical warning availableSpare" "$(snmp_get "$R.1.1.4.0")" \
        "srvhOverallMessage names the disk and the bit"
seq=$(event_seq 30 $SERIAL) || fail "no srvhEventTable row for srvhDiskNvmeWarningRaised"
assert_match 'availableSpare' "$(snmp_get "$R.1.6.1.1.6.$seq")" "event row text names the bit"

step "the drive is replaced under the same serial: the warning clears"
replace "$T/nvme/ssd.log" healthy "$T/nvme/.new"
must_wait "has_trap 31 $SERIAL none" 4 "srvhDiskNvmeWarningCleared (R.0.31), no bit left"
assert_eq availableSpare "$(trap_varbind "$(trap_lines 31 | tail -n 1)" 5)" "old state: the bit that cleared"
must_wait "has_trap 33 $SERIAL ok" 3 "srvhDiskNvmeSpareRestored (R.0.33)"
wait_for_value "$D.13.$SSD" 1 3 "disk health ok(1) again"

step "media and data integrity errors rise"
replace "$T/nvme/ssd.log" healthy "$T/nvme/.new" media=4
must_wait "has_trap 36 $SERIAL 4" 4 "srvhDiskNvmeMediaErrorsIncreased (R.0.36) to 4"
assert_eq 0 "$(trap_varbind "$(trap_lines 36 | tail -n 1)" 5)" "old count"
wait_for_value "$D.38.$SSD" 4 3 "srvhDiskNvmeMediaErrors 4"

step "a cut page: the last values stay, marked readFailed"
replace "$T/nvme/old.log" short "$T/nvme/.new"
wait_for_value "$D.22.$OLD" 2 4 "read status readFailed(2)"
assert_match 'old.log: 100 bytes, a health log page has 512' "$(snmp_get "$D.23.$OLD")" \
        "srvhDiskReadError names the file and sizes"
assert_eq 97 "$(snmp_get "$D.34.$OLD")" "percentage used of the last good read kept"
must_wait "has_trap 26 dev:old readFailed" 3 "srvhDiskReadFailed (R.0.26)"
is_alive srvhealthd || fail "srvhealthd died on the cut page"
step PASS
