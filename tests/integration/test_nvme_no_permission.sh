# NVMe disks srvhealthd may not read: root without CAP_SYS_ADMIN (the admin passthrough's
# capability), CAP_SYS_RAWIO and CAP_DAC_OVERRIDE, started through setpriv. A node it cannot open
# is served as srvhDiskReadStatus noPermission with transport nvme, health unknown, one
# srvhDiskReadFailed, and the temperature of the controller's hwmon device (read below the
# sysroot, as the kernel serves it to anyone), which follows the sensor and raises
# srvhDiskTemperatureHigh; the log names CAP_SYS_ADMIN once however many polls pass. A character
# device that takes no NVMe ioctl (a null device named nvme7) is smartUnavailable, not a failure.
source "$(dirname "$0")/lib.sh" || exit 1

without_disk_privileges

mkdir -p "$T/dev"
: >"$T/dev/nvme0"
chmod 0000 "$T/dev/nvme0"
mknod -m 0444 "$T/dev/nvme7" c 1 3 || fail "cannot create a character device node (mknod)"
write_srvh_conf "pollInterval smart 1" "smartTemperatureHigh 50" \
        "smartDevice ssd $T/dev/nvme0" "smartDevice null $T/dev/nvme7"
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
set_file sys/class/nvme/nvme0/hwmon3/temp1_label Composite
set_file sys/class/nvme/nvme0/hwmon3/temp1_input 41850
start_stack

pid=$(pid_of srvhealthd)
eff=$(awk '/^CapEff:/ { print $2 }' "/proc/$pid/status")
(( (0x$eff >> 21 & 1) == 0 )) || fail "srvhealthd still has CAP_SYS_ADMIN (CapEff $eff)"
(( (0x$eff >> 1 & 1) == 0 )) || fail "srvhealthd still has CAP_DAC_OVERRIDE (CapEff $eff)"
echo "  ok: srvhealthd runs without CAP_SYS_ADMIN and CAP_DAC_OVERRIDE (CapEff $eff)"

D=$R.1.3.1.1
K=$(str_index dev:ssd)
N=$(str_index dev:null)
wait_for_value "$D.22.$K" 3 5 "srvhDiskReadStatus noPermission(3)"
assert_match 'open: no permission for the NVMe admin passthrough \(needs CAP_SYS_ADMIN\)' \
        "$(snmp_get "$D.23.$K")" "srvhDiskReadError names the capability"
assert_eq 2 "$(snmp_get "$D.30.$K")" "srvhDiskTransport nvme(2)"
assert_eq 4 "$(snmp_get "$D.13.$K")" "srvhDiskHealth unknown(4)"
assert_eq 418 "$(snmp_get "$D.14.$K")" "temperature from hwmon temp1_input (41850 m°C)"
snmp_get "$D.32.$K" >/dev/null && fail "srvhDiskNvmeAvailableSpare has a value for a disk never read"
must_wait "has_trap 26 dev:ssd noPermission" 3 "srvhDiskReadFailed (R.0.26) with noPermission"

step "the hwmon sensor rises over smartTemperatureHigh"
set_file sys/class/nvme/nvme0/hwmon3/temp1_input 52000
wait_for_value "$D.14.$K" 520 4 "srvhDiskTemperature follows hwmon: 52.0 C"
must_wait "has_trap 22 dev:ssd high" 3 "srvhDiskTemperatureHigh (R.0.22) without the capability"

step "a character device that takes no NVMe ioctl"
wait_for_value "$D.22.$N" 6 3 "srvhDiskReadStatus smartUnavailable(6)"
assert_match 'takes no NVMe admin commands' "$(snmp_get "$D.23.$N")" "srvhDiskReadError says why"
assert_eq 2 "$(snmp_get "$D.30.$N")" "srvhDiskTransport nvme(2) (by its name)"

step "several polls later: one log line naming CAP_SYS_ADMIN"
polled=$(snmp_get "$R.1.1.5.1.5.2")
must_wait "[[ \"\$(snmp_get $R.1.1.5.1.5.2)\" != \"$polled\" ]]" 4 "another smart poll"
polled=$(snmp_get "$R.1.1.5.1.5.2")
must_wait "[[ \"\$(snmp_get $R.1.1.5.1.5.2)\" != \"$polled\" ]]" 4 "and another"
# (the event line of srvhDiskReadFailed quotes the row's error, which names it too)
assert_eq 1 "$(grep -v '^event ' "$T/srvhealthd.log" | grep -c 'CAP_SYS_ADMIN')" \
        "log lines naming CAP_SYS_ADMIN, besides the event"
assert_match 'smart: no permission to read NVMe health' "$(grep -v '^event ' "$T/srvhealthd.log" |
        grep CAP_SYS_ADMIN)" "the line says what is wrong"
assert_eq 1 "$(count_traps 26)" "srvhDiskReadFailed sent once"
step PASS
