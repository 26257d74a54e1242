#!/usr/bin/env bash
# The assertions of the VM test, on the host, over what the guest's scenario recorded
# (tests/vm/guest/scenario.sh): SNMP walks taken at each step, snmptrapd's log, how long each wait
# took, the daemon's /proc status. Every check is counted; the last line is the pass/fail count.
# Usage: check_results.sh RESULTS_DIR SOURCE_DIR
set -uo pipefail

res=$1
src=$2
R=.1.3.6.1.4.1.8072.9999.9999.73
MD_POLL=$(awk '$1 == "pollInterval" && $2 == "md" { print $3 }' "$src/tests/vm/guest/srvhealthd.conf")
passed=0
failed=0
# the notifications of the run under the packaged unit (before srvhealthd is restarted for NVMe)
TRAPS=$res/traps-unit.log

ok() {
        passed=$((passed + 1))
        echo "  ok: $*"
}
bad() {
        failed=$((failed + 1))
        echo "  FAIL: $*"
}
check_eq() { # EXPECTED ACTUAL WHAT
        if [[ $1 == "$2" ]]; then ok "$3 = '$2'"; else bad "$3: expected '$1', got '$2'"; fi
}
check_range() { # LOW HIGH ACTUAL WHAT (integers, inclusive)
        if [[ $3 =~ ^[0-9]+$ ]] && (($3 >= $1 && $3 <= $2)); then
                ok "$4 = $3 (in $1..$2)"
        else
                bad "$4: expected $1..$2, got '$3'"
        fi
}

# cell WALK OID-BELOW-ROOT: the value in walk-WALK.txt, quotes dropped; empty when absent
cell() {
        awk -v oid="$R.$2" '$1 == oid { $1 = ""; gsub(/"/, ""); gsub(/^ +| +$/, ""); print; exit }' \
                "$res/walk-$1.txt" 2>/dev/null
}
# key_index STRING: an OCTET STRING index as sub-identifiers (length, then one per byte)
key_index() {
        local s=$1 i out=${#1}
        for ((i = 0; i < ${#s}; i++)); do out+=.$(printf '%d' "'${s:i:1}"); done
        echo "$out"
}
# member_of WALK ARRAY DEVICE: the member index of DEVICE in array ARRAY, empty when not a member
member_of() {
        awk -v p="$R.1.2.2.1.2.$2." -v d="\"$3\"" 'index($1, p) == 1 && $2 == d {
                sub(/.*\./, "", $1); print $1; exit }' "$res/walk-$1.txt" 2>/dev/null
}
wait_ms() { awk -v n="$1" '$1 == n && $2 == "ok" { print $3 }' "$res/waits.txt" 2>/dev/null; }

varbind() { # LINE K: srvhNotify object K's value in one trap line
        printf '%s\n' "$1" | tr '\t' '\n' | sed -n "s/^${R//./\\.}\\.1\\.7\\.$2\\.0 = [A-Za-z0-9-]*: //p" |
                tr -d '"' | head -n 1
}
# The newest event sequence number before a step of the scenario (phase in scenario.sh).
phase_seq() { awk -v n="$1" '$1 == n { print $2 + 0 }' "$res/phases.txt" 2>/dev/null; }
PHASE=0 # traps of the step being checked: sequence numbers above this one
# trap_obj N OBJECT: the first R.0.N notification for OBJECT of this step (one line of traps.log)
trap_obj() {
        local l
        grep -F "$R.0.$1	" "$TRAPS" 2>/dev/null | grep -F "$R.1.7.3.0 = STRING: \"$2\"" |
                while read -r l; do
                        if (($(varbind "$l" 1) > PHASE)); then
                                printf '%s\n' "$l"
                                break
                        fi
                done
}
check_trap() { # N OBJECT NEWSTATE WHAT
        local line
        line=$(trap_obj "$1" "$2")
        if [[ -z $line ]]; then
                bad "$4: no notification $R.0.$1 for $2 after event $PHASE in snmptrapd's log"
        elif [[ -n $3 && $(varbind "$line" 4) != "$3" ]]; then
                bad "$4: new state '$(varbind "$line" 4)', expected '$3'"
        else
                ok "$4 (seq $(varbind "$line" 1), ${3:+new state $3, }\"$(varbind "$line" 6)\")"
        fi
}
trap_seq() { varbind "$(trap_obj "$1" "$2")" 1; }

echo "-- the scenario ran to its end"
check_eq 0 "$(cat "$res/scenario.rc" 2>/dev/null)" "guest scenario exit status"
timeouts=$(awk '$2 != "ok" { printf "%s ", $1 }' "$res/waits.txt" 2>/dev/null)
if [[ -s $res/waits.txt && -z $timeouts ]]; then
        ok "every wait of the scenario completed ($(wc -l <"$res/waits.txt") waits)"
else
        bad "waits that timed out: ${timeouts:-no waits.txt}"
fi

echo "-- srvhealthd runs as the unit says: its user, its groups, its capabilities and no others"
unit=$src/packaging/srvhealthd.service
uval() { sed -n "s/^$1=//p" "$unit" | tail -n 1; }
capmask() { # capability names -> the hex mask /proc/PID/status prints
        local m=0 c n
        for c in $1; do
                case $c in
                CAP_CHOWN) n=0 ;; CAP_DAC_OVERRIDE) n=1 ;; CAP_DAC_READ_SEARCH) n=2 ;;
                CAP_SETGID) n=6 ;; CAP_SETUID) n=7 ;; CAP_NET_ADMIN) n=12 ;; CAP_IPC_LOCK) n=14 ;;
                CAP_SYS_RAWIO) n=17 ;; CAP_SYS_ADMIN) n=21 ;; CAP_SYS_NICE) n=23 ;;
                *) echo "unknown capability $c: add it to capmask in $0" >&2; n=63 ;;
                esac
                m=$((m | (1 << n)))
        done
        printf '%016x' "$m"
}
st=$res/srvhealthd-status-unit.txt
sval() { awk -v k="$1:" '$1 == k { print $2 }' "$st" 2>/dev/null; }
uid=$(sval Uid)
if [[ $uid =~ ^[0-9]+$ ]] && ((uid != 0)); then ok "srvhealthd's uid is $uid, not root"; else bad "srvhealthd's uid: '$uid'"; fi
amb=$(capmask "$(uval AmbientCapabilities)")
check_eq "$amb" "$(sval CapEff)" "effective capabilities (unit: $(uval AmbientCapabilities))"
check_eq "$amb" "$(sval CapAmb)" "ambient capabilities"
check_eq "$(capmask "$(uval CapabilityBoundingSet)")" "$(sval CapBnd)" "bounding set (unit: $(uval CapabilityBoundingSet))"
check_eq 1 "$(sval NoNewPrivs)" "NoNewPrivs (unit: NoNewPrivileges=$(uval NoNewPrivileges))"
if grep -Eq '^Groups:.*\b6\b' "$st" 2>/dev/null; then ok "supplementary group disk (6), as SupplementaryGroups=disk"; else bad "not in group disk: $(grep '^Groups' "$st" 2>/dev/null)"; fi

echo "-- SMART of the emulated SATA disks, read by srvhealthd itself (no D_SENSE change)"
D=1.3.1.1
A=1.3.2.1
for s in VMR1A VMR1B VMR5A VMR5B VMR5C; do
        k=$(key_index "$s")
        check_eq 1 "$(cell smart "$D.22.$k")" "$s read status ok(1)"
        check_eq "QEMU HARDDISK" "$(cell smart "$D.3.$k")" "$s model"
        check_eq "$s" "$(cell smart "$D.4.$k")" "$s serial"
        check_eq 1 "$(cell smart "$D.10.$k")" "$s SMART available"
        check_eq 1 "$(cell smart "$D.12.$k")" "$s verdict good(1)"
        check_eq 310 "$(cell smart "$D.14.$k")" "$s temperature (tenths of C: 31 C)"
        check_eq 1 "$(cell smart "$D.13.$k")" "$s health ok(1)"
        ids=$(awk -v p="$R.$A.2.$k." 'index($1, p) == 1 { sub(/.*\./, "", $1); print $1 }' \
                "$res/walk-smart.txt" 2>/dev/null | sort -n | tr '\n' ' ')
        check_eq "1 3 4 5 9 12 190 " "$ids" "$s SMART attribute ids"
done

echo "-- the NVMe disk under the unit (no CAP_SYS_ADMIN): noPermission, hwmon temperature only"
nk=$(key_index VMNVME1)
check_eq nvme0n1 "$(cell smart "$D.2.$nk")" "the NVMe disk (serial VMNVME1) has a row"
check_eq 2 "$(cell smart "$D.30.$nk")" "VMNVME1 transport nvme(2)"
check_eq 3 "$(cell smart "$D.22.$nk")" "VMNVME1 read status noPermission(3)"
# QEMU's controller reports a fixed 323 K: 49.85 C
hwmon_t=$(cell smart "$D.14.$nk")
check_range 498 499 "$hwmon_t" "VMNVME1 temperature from hwmon (tenths of C; QEMU: 323 K)"
check_eq "" "$(cell smart "$D.32.$nk")$(cell smart "$D.34.$nk")" "VMNVME1 has no spare or percentage-used cell without the log page"

echo "-- RAID1 (md0) and RAID5 (md1) created: initial sync seen, then clean"
A1=1.2.1.1
check_eq raid1 "$(cell raid-syncing "$A1.3.1")" "md0 level"
check_eq 4 "$(cell raid-syncing "$A1.4.1")" "md0 state resyncing(4) after --create"
check_eq 2 "$(cell raid-syncing "$A1.11.1")" "md0 sync action resync(2)"
check_range 0 9999 "$(cell raid-syncing "$A1.12.1")" "md0 sync progress (1/100 %)"
check_eq raid5 "$(cell raid-syncing "$A1.3.2")" "md1 level"
check_eq 5 "$(cell raid-syncing "$A1.4.2")" "md1 state recovering(5) (mdadm builds RAID5 degraded plus a spare)"
check_eq 3 "$(cell raid-syncing "$A1.11.2")" "md1 sync action recover(3)"
for a in 1:2 2:3; do
        i=${a%%:*} n=${a#*:}
        check_eq 1 "$(cell raid-clean "$A1.4.$i")" "md$((i - 1)) state clean(1) after the sync"
        check_eq 1 "$(cell raid-clean "$A1.5.$i")" "md$((i - 1)) health ok(1)"
        check_eq "$n" "$(cell raid-clean "$A1.8.$i")" "md$((i - 1)) working devices"
        check_eq "" "$(cell raid-clean "$A1.12.$i")" "md$((i - 1)) has no progress cell when idle"
done

echo "-- mdadm --fail: degraded within one poll, member faulty, both notifications"
read -r _ b1 < <(grep '^VMR1B ' "$res/disks.txt" 2>/dev/null)
read -r _ b5 < <(grep '^VMR5B ' "$res/disks.txt" 2>/dev/null)
b1=${b1#/dev/} b5=${b5#/dev/}
PHASE=$(phase_seq fail)
# one md poll interval, plus the poll itself and the SNMP round trip under emulation
check_range 0 $((MD_POLL * 1000 + 2000)) "$(wait_ms md0_degraded)" "ms from mdadm --fail to md0 degraded (pollInterval md $MD_POLL s)"
for a in 1:$b1:2 2:$b5:3; do
        IFS=: read -r i dev n <<<"$a"
        md=md$((i - 1))
        check_eq 3 "$(cell raid-failed "$A1.4.$i")" "$md state degraded(3)"
        check_eq 1 "$(cell raid-failed "$A1.9.$i")" "$md failed devices"
        check_eq $((n - 1)) "$(cell raid-failed "$A1.8.$i")" "$md working devices"
        m=$(member_of raid-failed "$i" "$dev")
        check_eq 3 "$(cell raid-failed "1.2.2.1.4.$i.${m:-0}")" "$md member $dev role faulty(3)"
        check_trap 1 "$md" degraded "srvhRaidDegraded for $md"
        check_trap 4 "$md/$dev" faulty "srvhRaidMemberFailed for $md/$dev"
done
check_eq 3 "$(cell raid-failed "$A1.5.1")" "md0 health critical(3): a two-way mirror with one left"

echo "-- --remove, --add: rebuild started, progress, finished, recovered; clean again"
PHASE=$(phase_seq readd)
check_eq "" "$(member_of raid-removed 1 "$b1")" "md0 has no member $b1 after --remove"
check_eq "" "$(member_of raid-removed 2 "$b5")" "md1 has no member $b5 after --remove"
check_eq 5 "$(cell raid-rebuilding "$A1.4.1")" "md0 state recovering(5) after --add"
check_eq 3 "$(cell raid-rebuilding "$A1.11.1")" "md0 sync action recover(3)"
check_range 1 9999 "$(cell raid-rebuilding "$A1.12.1")" "md0 rebuild progress (1/100 %)"
check_range 1 10000000 "$(cell raid-rebuilding "$A1.13.1")" "md0 rebuild speed (KiB/s)"
m=$(member_of raid-rebuilding 1 "$b1")
check_eq 8 "$(cell raid-rebuilding "1.2.2.1.4.1.${m:-0}")" "md0 member $b1 role rebuilding(8)"
check_eq 5 "$(cell raid-rebuilding "$A1.4.2")" "md1 state recovering(5) after --add"
for a in 1:$b1:2 2:$b5:3; do
        IFS=: read -r i dev n <<<"$a"
        md=md$((i - 1))
        check_trap 7 "$md" "" "srvhRaidRebuildStarted for $md"
        check_trap 9 "$md" "" "srvhRaidRebuildFinished for $md"
        check_trap 3 "$md" clean "srvhRaidRecovered (the clearing notification) for $md"
        check_eq 1 "$(cell raid-rebuilt "$A1.4.$i")" "$md state clean(1) after the rebuild"
        check_eq 0 "$(cell raid-rebuilt "$A1.9.$i")" "$md failed devices"
        check_eq "$n" "$(cell raid-rebuilt "$A1.8.$i")" "$md working devices"
        m=$(member_of raid-rebuilt "$i" "$dev")
        check_eq 1 "$(cell raid-rebuilt "1.2.2.1.4.$i.${m:-0}")" "$md member $dev role active(1)"
done
check_trap 8 md0 "" "srvhRaidRebuildProgress for md0"
s_start=$(trap_seq 7 md0) s_fin=$(trap_seq 9 md0) s_rec=$(trap_seq 3 md0)
PHASE=$(phase_seq fail)
s_deg=$(trap_seq 1 md0)
if [[ -n $s_deg && -n $s_rec ]] && ((s_deg < s_start && s_start < s_fin && s_start < s_rec)); then
        ok "md0's notifications in order: degraded $s_deg, started $s_start, finished $s_fin, recovered $s_rec"
else
        bad "md0's notification order: degraded '$s_deg' started '$s_start' finished '$s_fin' recovered '$s_rec'"
fi

echo "-- hot-plug through the QEMU monitor: an NVMe disk on a PCIe root port added, then removed"
hk=$(key_index VMHOT1)
check_eq VMHOT1 "$(cell disk-hotadded "$D.4.$hk")" "the hot-added disk has a row (serial VMHOT1)"
check_eq "" "$(cell disk-hotremoved "$D.4.$hk")" "its row is gone after device_del"
check_range 0 15000 "$(wait_ms hot_disk_appeared)" "ms from device_add to the row (udev wakes the collector; pollInterval smart is 60 s)"
for n in 28:srvhDiskAppeared 29:srvhDiskRemoved; do
        line=$(grep -F "$R.0.${n%%:*}	" "$TRAPS" 2>/dev/null | grep -F VMHOT1 | head -n 1)
        if [[ -n $line ]]; then ok "${n#*:} for VMHOT1 (\"$(varbind "$line" 6)\")"; else bad "no ${n#*:} for VMHOT1"; fi
done

echo "-- no notification lost: snmptrapd got every event srvhealthd numbered"
last=$(cell final 1.6.2.0)
seqs=$(grep -F "$R.0." "$TRAPS" 2>/dev/null | while read -r l; do varbind "$l" 1; done | sort -n | uniq | tr '\n' ' ')
check_eq "$(seq -s ' ' 1 "${last:-0}") " "$seqs" "notification sequence numbers received (srvhEventLastSeq $last)"

echo "-- NVMe health log with the packaged drop-in nvme-health.conf (CAP_SYS_ADMIN added)"
st=$res/srvhealthd-status-nvme.txt
dropin=$src/packaging/nvme-health.conf
ucaps() { sed -n "s/^$1=//p" "$unit" "$dropin" | awk '$0 == "" { s = ""; next } { s = s " " $0 } END { print s }'; }
check_eq "$(capmask "$(ucaps AmbientCapabilities)")" "$(sval CapEff)" "effective capabilities with the drop-in (unit and drop-in add up)"
check_eq "$(capmask "$(ucaps CapabilityBoundingSet)")" "$(sval CapBnd)" "bounding set with the drop-in"
uid=$(sval Uid)
if [[ $uid =~ ^[0-9]+$ ]] && ((uid != 0)); then ok "still uid $uid"; else bad "srvhealthd's uid with the drop-in: '$uid'"; fi
check_eq 1 "$(cell disk-nvme "$D.22.$nk")" "VMNVME1 read status ok(1)"
check_eq 2 "$(cell disk-nvme "$D.30.$nk")" "VMNVME1 transport nvme(2)"
check_eq "QEMU NVMe Ctrl" "$(cell disk-nvme "$D.3.$nk")" "VMNVME1 model (Identify Controller)"
check_eq VMNVME1 "$(cell disk-nvme "$D.4.$nk")" "VMNVME1 serial (Identify Controller)"
check_eq "$hwmon_t" "$(cell disk-nvme "$D.14.$nk")" "VMNVME1 temperature from the log page = hwmon's"
# QEMU 7.2 leaves these bytes of the SMART / Health log zero and raises no warning at 323 K
check_eq 00 "$(cell disk-nvme "$D.31.$nk")" "VMNVME1 critical warning (BITS: none set)"
check_eq 0 "$(cell disk-nvme "$D.32.$nk")" "VMNVME1 available spare (%, as QEMU reports it)"
check_eq 0 "$(cell disk-nvme "$D.33.$nk")" "VMNVME1 available spare threshold (%)"
check_eq 0 "$(cell disk-nvme "$D.34.$nk")" "VMNVME1 percentage used"
check_eq 1 "$(cell disk-nvme "$D.13.$nk")" "VMNVME1 health ok(1)"

echo "vm: $passed passed, $failed failed"
((failed == 0))
