# A disk srvhealthd may not open (root without CAP_DAC_OVERRIDE/CAP_SYS_RAWIO, started through
# setpriv, and a device node of mode 0000): its row says srvhDiskReadStatus noPermission with the
# reason, health unknown, srvhDiskReadFailed once; the log has one line naming CAP_SYS_RAWIO
# however many polls pass, and never calls the disk "SMART unavailable".
source "$(dirname "$0")/lib.sh" || exit 1

without_disk_privileges

: >"$T/sdz"
chmod 0000 "$T/sdz"
write_srvh_conf "pollInterval smart 1" "smartDevice sdz $T/sdz"
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack

pid=$(pid_of srvhealthd)
eff=$(awk '/^CapEff:/ { print $2 }' "/proc/$pid/status")
(( (0x$eff >> 1 & 1) == 0 )) || fail "srvhealthd still has CAP_DAC_OVERRIDE (CapEff $eff)"
(( (0x$eff >> 17 & 1) == 0 )) || fail "srvhealthd still has CAP_SYS_RAWIO (CapEff $eff)"
echo "  ok: srvhealthd runs without CAP_DAC_OVERRIDE and CAP_SYS_RAWIO (CapEff $eff)"

D=$R.1.3.1.1
K=$(str_index dev:sdz)
wait_for_value "$D.22.$K" 3 5 "srvhDiskReadStatus noPermission(3)"
assert_match 'Permission denied' "$(snmp_get "$D.23.$K")" "srvhDiskReadError gives the reason"
assert_eq 4 "$(snmp_get "$D.13.$K")" "srvhDiskHealth unknown(4)"
snmp_get "$D.10.$K" >/dev/null && fail "srvhDiskSmartAvailable has a value for a disk never read"
snmp_get "$D.30.$K" >/dev/null && fail "srvhDiskTransport has a value for a disk never asked"
must_wait "has_trap 26 dev:sdz noPermission" 3 "srvhDiskReadFailed (R.0.26) with noPermission"

step "several polls later: one log line, no 'unavailable'"
polled=$(snmp_get "$R.1.1.5.1.5.2")
must_wait "[[ \"\$(snmp_get $R.1.1.5.1.5.2)\" != \"$polled\" ]]" 4 "another smart poll"
polled=$(snmp_get "$R.1.1.5.1.5.2")
must_wait "[[ \"\$(snmp_get $R.1.1.5.1.5.2)\" != \"$polled\" ]]" 4 "and another"
assert_eq 1 "$(grep -c 'CAP_SYS_RAWIO' "$T/srvhealthd.log")" "log lines naming CAP_SYS_RAWIO"
assert_match 'smart: no permission to read SMART' "$(grep CAP_SYS_RAWIO "$T/srvhealthd.log")" \
        "the line says what is wrong"
assert_eq 0 "$(grep -ci 'unavailable' "$T/srvhealthd.log")" "log lines saying unavailable"
assert_eq 1 "$(count_traps 26)" "srvhDiskReadFailed sent once"
assert_eq 3 "$(snmp_get "$D.22.$K")" "still noPermission"
step PASS
