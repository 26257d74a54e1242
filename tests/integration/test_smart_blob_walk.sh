# Disks replayed from libatasmart blobs built by tests/tools/mkblob (ATA pages per the spec), served
# through a real snmpd: srvhDiskTable and srvhDiskAttrTable carry what libatasmart decodes (the
# verdict agrees with skdump --load on the same file), values that do not exist have no instance,
# power-on hours honour the minutes quirk, a broken blob is a row marked readFailed, not a crash, and
# one drive under two names is one row with both names in srvhDiskPathTable.
source "$(dirname "$0")/lib.sh" || exit 1

MKBLOB=$SRVH_BUILD_DIR/tests/mkblob
[[ -x $MKBLOB ]] || fail "$MKBLOB is not built"
command -v skdump >/dev/null || fail "skdump not found (Debian package libatasmart-bin)"

# str_index S: S as a length-prefixed OCTET STRING index ("ab" -> 2.97.98)
str_index() {
        local s=$1 i out=${#1}
        for ((i = 0; i < ${#s}; i++)); do out+=.$(printf '%d' "'${s:i:1}"); done
        echo "$out"
}

mkdir -p "$T/blobs"
for s in healthy-hdd ssd-no-temp minutes-quirk garbage; do
        "$MKBLOB" "$s" "$T/blobs/$s.bin"
done
"$MKBLOB" no-status "$T/blobs/no-status.bin" wwn=50014ee2b7654321
SRVH_POLL=1 write_srvh_conf "pollInterval smart 1" \
        "smartBlob hdd $T/blobs/healthy-hdd.bin" \
        "smartBlob hdd-path2 $T/blobs/healthy-hdd.bin" \
        "smartBlob ssd $T/blobs/ssd-no-temp.bin" \
        "smartBlob maxtor $T/blobs/minutes-quirk.bin" \
        "smartBlob nostatus $T/blobs/no-status.bin" \
        "smartBlob junk $T/blobs/garbage.bin"
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack

D=$R.1.3.1.1
A=$R.1.3.2.1
HDD=$(str_index 0x50014ee2b1234567)
SSD=$(str_index S3Z2NB0K123456X)
MAXTOR=$(str_index V20ABCDE)
JUNK=$(str_index dev:junk)
must_wait "snmp_get $D.2.$HDD" 5 "the healthy disk is served under its WWN"

step "walk srvhDisk"
snmp_walk "$R.1.3" >"$T/walk"
wc -l <"$T/walk" | sed 's/^/  lines: /'
v() { walk_value "$T/walk" "$1" || echo "<absent>"; }
assert_eq hdd "$(v "$D.2.$HDD")" "device (blob NAME)"
assert_eq "WDC WD40EFRX-68N32N0" "$(v "$D.3.$HDD")" "model from IDENTIFY words 27-46"
assert_eq "WD-WCC7K1234567" "$(v "$D.4.$HDD")" "serial from IDENTIFY words 10-19"
assert_eq "82.00A82" "$(v "$D.5.$HDD")" "firmware from IDENTIFY words 23-26"
assert_eq "0x50014ee2b1234567" "$(v "$D.6.$HDD")" "WWN from IDENTIFY words 108-111"
assert_eq $((7814037168 * 512)) "$(v "$D.7.$HDD")" "capacity bytes from words 100-103"
assert_eq $((7814037168 * 512 >> 20)) "$(v "$D.8.$HDD")" "capacity MiB"
assert_eq 5 "$(v "$D.9.$HDD")" "power state unknown(5) for a blob"
assert_eq 1 "$(v "$D.10.$HDD")" "SMART available"
assert_eq 1 "$(v "$D.11.$HDD")" "SMART enabled"
assert_eq 1 "$(v "$D.12.$HDD")" "verdict good(1)"
assert_match 'Overall Status: GOOD' "$(skdump --load="$T/blobs/healthy-hdd.bin")" "skdump agrees"
assert_eq 1 "$(v "$D.13.$HDD")" "health ok(1)"
assert_eq 360 "$(v "$D.14.$HDD")" "temperature 36.0 C in tenths"
assert_eq 12345 "$(v "$D.15.$HDD")" "power-on hours"
assert_eq 321 "$(v "$D.16.$HDD")" "power cycles"
assert_eq 0 "$(v "$D.17.$HDD")" "reallocated sectors"
assert_eq 0 "$(v "$D.18.$HDD")" "pending sectors"
assert_eq 0 "$(v "$D.19.$HDD")" "offline uncorrectable"
assert_eq 1 "$(v "$D.22.$HDD")" "read status ok(1)"
assert_eq 1 "$(v "$D.30.$HDD")" "srvhDiskTransport ata(1) for a libatasmart blob"
assert_eq "<absent>" "$(v "$D.34.$HDD")" "no NVMe cells for an ATA disk"
[[ "$(v "$D.20.$HDD")" != "<absent>" ]] || fail "last read time missing"

step "attribute rows of the healthy disk"
assert_eq temperature-celsius-2 "$(v "$A.2.$HDD.194")" "attribute 194 named as libatasmart 0.19 does"
assert_eq 36 "$(v "$A.6.$HDD.194")" "attribute 194 raw"
assert_eq 309150 "$(v "$A.7.$HDD.194")" "attribute 194 pretty value in mK"
assert_eq 5 "$(v "$A.8.$HDD.194")" "attribute 194 unit millikelvin(5)"
assert_eq 140 "$(v "$A.5.$HDD.5")" "attribute 5 threshold"
assert_eq 1 "$(v "$A.9.$HDD.5")" "attribute 5 is pre-failure"
assert_eq 1 "$(v "$A.11.$HDD.5")" "attribute 5 good now"
assert_eq "<absent>" "$(v "$A.11.$HDD.197")" "attribute 197 (threshold 0) has no good-now cell"
assert_eq 15 "$(grep -c "^$A.2.$HDD\." "$T/walk")" "15 attributes of the healthy disk"

step "SSD without temperature: no temperature cell, keyed by serial"
assert_eq ssd "$(v "$D.2.$SSD")" "ssd device"
assert_eq "<absent>" "$(v "$D.14.$SSD")" "no temperature instance"
assert_eq "<absent>" "$(v "$D.6.$SSD")" "no WWN instance"
assert_eq 9876 "$(v "$D.15.$SSD")" "ssd power-on hours"

step "minutes-quirk firmware: 600000 raw minutes are 10000 hours"
assert_eq 10000 "$(v "$D.15.$MAXTOR")" "power-on hours after the quirk"
assert_eq power-on-minutes "$(v "$A.2.$MAXTOR.9")" "attribute 9 named by the quirk"
assert_eq 600000 "$(v "$A.6.$MAXTOR.9")" "attribute 9 raw stays raw"

step "blob without SMST: no verdict, health unknown"
NOSTATUS=$(str_index 0x50014ee2b7654321)
assert_eq nostatus "$(v "$D.2.$NOSTATUS")" "nostatus device"
assert_eq "<absent>" "$(v "$D.12.$NOSTATUS")" "no verdict instance"
assert_eq 4 "$(v "$D.13.$NOSTATUS")" "health unknown(4)"

step "garbage blob: a readFailed row, no identity cells"
assert_eq junk "$(v "$D.2.$JUNK")" "device of the broken blob"
assert_eq 2 "$(v "$D.22.$JUNK")" "read status readFailed(2)"
assert_match 'not a libatasmart blob' "$(v "$D.23.$JUNK")" "read error says why"
assert_eq "<absent>" "$(v "$D.3.$JUNK")" "no model instance"
assert_eq "<absent>" "$(v "$D.20.$JUNK")" "no last-read instance"

step "the same drive under two names is one row with two paths"
P=$R.1.3.4.1
assert_eq 5 "$(grep -c "^$D\.2\." "$T/walk")" "5 disk rows for 6 blobs"
assert_eq hdd "$(v "$P.2.$HDD.1")" "srvhDiskPathDevice 1"
assert_eq hdd-path2 "$(v "$P.2.$HDD.2")" "srvhDiskPathDevice 2"
assert_eq ssd "$(v "$P.2.$SSD.1")" "a single-path disk has one path row"
assert_eq "<absent>" "$(v "$P.2.$SSD.2")" "and only one"

step "srvhOverallStatus counts the disks"
assert_eq 4 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus unknown(4): two disks cannot be judged"
msg=$(snmp_get "$R.1.1.4.0")
assert_match 'smart: 2 of 5 disks not ok' "$msg" "srvhOverallMessage counts disks"
assert_match 'junk' "$msg" "srvhOverallMessage names the broken blob"
is_alive srvhealthd || fail "srvhealthd died serving the broken blob"
step PASS
