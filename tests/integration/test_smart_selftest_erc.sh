# SMART in depth through a real snmpd: disks replayed from blobs with self-test, error and SCT log
# pages recorded next to them (built from the ATA layouts by tests/tools/mkblob) and a sysfs tree
# where sda and sdb are md members. A failed self-test, the test in progress, the missing SCT ERC
# on a RAID member and the slow SATA link show in srvhDiskTable and raise their notifications; a
# growing error log, a passing long test and a replaced disk raise theirs; a disk that sleeps is
# read anyway after smartStandbyMaxSkips polls.
source "$(dirname "$0")/lib.sh" || exit 1

MKBLOB=$SRVH_BUILD_DIR/tests/mkblob
[[ -x $MKBLOB ]] || fail "$MKBLOB is not built"
command -v skdump >/dev/null || fail "skdump not found (Debian package libatasmart-bin)"

str_index() {
        local s=$1 i out=${#1}
        for ((i = 0; i < ${#s}; i++)); do out+=.$(printf '%d' "'${s:i:1}"); done
        echo "$out"
}
# mk NAME ARGS...: write blob NAME and its log pages, pages first, so a poll never sees a new blob
# with the old pages.
mk() {
        local name=$1 f
        shift
        rm -rf "$T/new" && mkdir -p "$T/new"
        "$MKBLOB" healthy-hdd "$T/new/$name.blob" "$@" || fail "mkblob $name $*"
        for f in "$T/new/$name".log* "$T/new/$name".erc; do
                [[ -e $f ]] && mv -f "$f" "$T/blobs/"
        done
        mv -f "$T/new/$name.blob" "$T/blobs/$name.blob"
}

KA=0x5000c500aaaa0001 KB=0x5000c500aaaa0002 KC=0x5000c500aaaa0003 KN=0x5000c500aaaa0009
mkdir -p "$T/blobs"
# sda: its last extended test failed reading LBA 123456 at hour 12300 (one passed at 12000); SCT
# without error recovery control; a 6.0 Gbit/s drive
mk sda wwn=$KA serial=SER-A sata=6000 erc=unsupported selftest=2:0:12000/2:0x70:12300:123456
# sdb: an extended test running, 30 % left; ERC 7 s; error logs; SCT lifetime temperatures
mk sdb wwn=$KB serial=SER-B exec=0xf3 selftest=2:0:12000 erc=70,70 errlog=7 xerrlog=9 \
        sct=36,30,41,18,52
# sdc: asleep in standby from the start
mk sdc wwn=$KC serial=SER-C
echo standby >"$T/blobs/sdc.power"

SRVH_POLL=1 write_srvh_conf "pollInterval smart 1" "smartStandbyMaxSkips 3" \
        "smartBlob sda $T/blobs/sda.blob" "smartBlob sdb $T/blobs/sdb.blob" \
        "smartBlob sdc $T/blobs/sdc.blob"
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
# sda as the kernel shows a SATA disk on ata port 3 with partitions in md0 and md1, its link at
# 3.0 of 6.0 Gbps; sdb a member of md0 without an ata_link
cp -a "$SRVH_FIXTURES/smart-sysfs/raid-member/sys/." "$T/root/sys/"
mkdir -p "$T/root/sys/block/sdb/sdb1/holders/md0" "$T/root/sys/block/sdb/device"
echo 30 >"$T/root/sys/block/sdb/device/timeout"
start_stack

D=$R.1.3.1.1
A=$(str_index $KA) B=$(str_index $KB) C=$(str_index $KC)
must_wait "snmp_get $D.50.$A" 5 "sda's self-test status is served"

step "walk srvhDiskTable"
snmp_walk "$D" >"$T/walk"
v() { walk_value "$T/walk" "$1" || echo "<absent>"; }
assert_eq 8 "$(v "$D.50.$A")" "sda: srvhDiskSelfTestStatus failedRead(8)"
assert_eq 3 "$(v "$D.51.$A")" "sda: srvhDiskSelfTestType extended(3)"
assert_eq 12300 "$(v "$D.52.$A")" "sda: the failed test's power-on hour"
assert_eq "<absent>" "$(v "$D.53.$A")" "sda: no test running, no percent remaining"
assert_eq 345 "$(v "$D.54.$A")" "sda: hours since the last passing long test (12345 - 12000)"
assert_eq 1 "$(v "$D.55.$A")" "sda: one failed test not superseded"
assert_eq 3 "$(v "$D.58.$A")" "sda: srvhDiskErcState unsupported(3)"
assert_eq "<absent>" "$(v "$D.59.$A")" "sda: no ERC timer without ERC"
assert_eq 30 "$(v "$D.61.$A")" "sda: the kernel's command timeout"
assert_eq "md0 md1" "$(v "$D.62.$A")" "sda: the arrays holding its partitions"
assert_eq 3000 "$(v "$D.63.$A")" "sda: link at 3.0 Gbit/s"
assert_eq 6000 "$(v "$D.64.$A")" "sda: host and drive can do 6.0"
assert_eq 3 "$(v "$D.13.$A")" "sda: health critical(3)"
assert_eq 360 "$(v "$D.65.$A")" "sda: lowest temperature seen"
assert_eq 0 "$(v "$D.69.$A")" "sda: never skipped"

assert_eq 10 "$(v "$D.50.$B")" "sdb: srvhDiskSelfTestStatus inProgress(10)"
assert_eq 30 "$(v "$D.53.$B")" "sdb: 30 % of the running test left"
sk=$(skdump --load="$T/blobs/sdb.blob")
assert_match 'Percent Self-Test Remaining: 30%' "$sk" "libatasmart's skdump agrees"
assert_match 'in progress' "$sk" "skdump: self-test in progress"
assert_eq 0 "$(v "$D.55.$B")" "sdb: a running test is no failure"
assert_eq 1 "$(v "$D.58.$B")" "sdb: ERC enabled(1)"
assert_eq 70 "$(v "$D.59.$B")" "sdb: ERC read 7.0 s"
assert_eq 70 "$(v "$D.60.$B")" "sdb: ERC write 7.0 s"
assert_eq 7 "$(v "$D.56.$B")" "sdb: summary error log count"
assert_eq 9 "$(v "$D.57.$B")" "sdb: extended error log count"
assert_eq 180 "$(v "$D.67.$B")" "sdb: lifetime minimum 18 C"
assert_eq 520 "$(v "$D.68.$B")" "sdb: lifetime maximum 52 C"
assert_eq "<absent>" "$(v "$D.63.$B")" "sdb: no ata_link, no link speed"
assert_eq 1 "$(v "$D.13.$B")" "sdb: health ok(1)"
assert_eq "" "$(v "$D.23.$B")" "sdb: every page decoded"

step "notifications of the first poll"
must_wait "has_trap 50 $KA 1" 5 "srvhDiskSelfTestFailed (R.0.50) for sda"
line=$(trap_lines 50 | tail -n 1)
assert_eq 3 "$(trap_varbind "$line" 2)" "severity critical(3)"
assert_match 'failedRead' "$(trap_varbind "$line" 6)" "the text names the failure"
must_wait "has_trap 53 $KA unsupported" 3 "srvhDiskErcWarning (R.0.53) for the md member sda"
line=$(trap_lines 53 | tail -n 1)
assert_match 'md0 md1 without SCT error recovery control' "$(trap_varbind "$line" 6)" "says why"
assert_match '/sys/block/sda/device/timeout' "$(trap_varbind "$line" 6)" "says what to set"
must_wait "has_trap 56 $KA slow" 3 "srvhDiskLinkSlow (R.0.56) for sda"
has_trap 50 $KB && fail "the running test on sdb raised srvhDiskSelfTestFailed"
has_trap 53 $KB && fail "sdb has ERC 7 s below the 30 s timeout, yet srvhDiskErcWarning"

step "sdb's error log grows"
mk sdb wwn=$KB serial=SER-B exec=0xf3 selftest=2:0:12000 erc=70,70 errlog=8 xerrlog=9 \
        sct=36,30,41,18,52
must_wait "has_trap 52 $KB 8" 4 "srvhDiskErrorLogIncreased (R.0.52) to 8"
line=$(trap_lines 52 | tail -n 1)
assert_eq 7 "$(trap_varbind "$line" 5)" "old count 7"

step "a newer extended test passes on sda"
mk sda wwn=$KA serial=SER-A sata=6000 erc=unsupported \
        selftest=2:0:12000/2:0x70:12300:123456/2:0:12340
must_wait "has_trap 51 $KA 0" 4 "srvhDiskSelfTestPassed (R.0.51) for sda"
wait_for_value "$D.55.$A" 0 3 "the failure is superseded"
wait_for_value "$D.13.$A" 2 3 "sda: health warning(2): still no ERC, still a slow link"

step "sleeping sdc is read anyway after 3 skipped polls"
must_wait "snmp_get $D.15.$C" 8 "sdc's power-on hours (read despite standby)"
wait_for_value "$D.22.$C" 4 3 "sdc asleep(4) again at the next poll"
assert_eq 12345 "$(snmp_get "$D.15.$C")" "the values of the forced read are kept"
skips=$(snmp_get "$D.69.$C")
[[ $skips -le 3 ]] || fail "srvhDiskStandbySkips $skips above smartStandbyMaxSkips 3"
echo "  srvhDiskStandbySkips $skips"

step "sdb is replaced by another disk in the same place"
mk sdb wwn=$KN serial=SER-NEW
must_wait "has_trap 55 $KN SER-NEW" 5 "srvhDiskReplaced (R.0.55)"
line=$(trap_lines 55 | tail -n 1)
assert_eq SER-B "$(trap_varbind "$line" 5)" "old serial in srvhNotifyOldState"
assert_match 'SER-B.*SER-NEW' "$(trap_varbind "$line" 6)" "the text names both serials"
has_trap 29 $KB && fail "a replaced disk also sent srvhDiskRemoved"
has_trap 28 $KN && fail "a replaced disk also sent srvhDiskAppeared"
is_alive srvhealthd || fail "srvhealthd died"
step PASS
