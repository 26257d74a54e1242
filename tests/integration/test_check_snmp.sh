# monitoring-plugins' check_snmp, with the command line of examples/nagios/srvhealth.cfg
# (srvhOverallStatus + srvhOverallMessage, -w 1 -c 2), says OK (exit 0) for a healthy array and
# CRITICAL (exit 2) once it is degraded.
source "$(dirname "$0")/lib.sh" || exit 1

CHECK=/usr/lib/nagios/plugins/check_snmp
[[ -x $CHECK ]] || fail "$CHECK is missing (Debian package monitoring-plugins-standard)"
CFG=$SRVH_SOURCE_DIR/examples/nagios/srvhealth.cfg

# The check_srvhealth command line of the example, with $USER1$, $HOSTADDRESS$ and $ARG1$ filled in.
cmdline=$(awk '/command_name[[:space:]]+check_srvhealth$/ { f = 1 } f && /command_line/ { sub(/^[[:space:]]*command_line[[:space:]]+/, ""); print; exit }' "$CFG")
[[ -n $cmdline ]] || fail "no check_srvhealth command_line in $CFG"
echo "  example: $cmdline"
cmdline=${cmdline//'$USER1$'/\/usr\/lib\/nagios\/plugins}
cmdline=${cmdline//'$HOSTADDRESS$'/127.0.0.1}
cmdline=${cmdline//'$ARG1$'/public}
assert_match ' -w 1 -c 2( |$)' "$cmdline" "example thresholds"
read -r -a argv <<<"$cmdline"
argv+=(-p "$SNMP_PORT")

run_check() {
        set +e
        out=$("${argv[@]}" 2>&1)
        rc=$?
        set -e
        echo "  check_snmp exit $rc: $out"
}

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack

step "healthy md0: srvhOverallStatus ok(1)"
wait_for_value "$R.1.1.3.0" 1 3 "srvhOverallStatus"
run_check
assert_eq 0 "$rc" "check_snmp exit status (OK)"
assert_match '^SNMP OK' "$out" "check_snmp output"

step "md0 degraded: srvhOverallStatus critical(3)"
use_fixture "$SRVH_FIXTURES/md-sysfs/degraded"
wait_for_value "$R.1.1.3.0" 3 3 "srvhOverallStatus"
run_check
assert_eq 2 "$rc" "check_snmp exit status (CRITICAL)"
assert_match '^SNMP CRITICAL' "$out" "check_snmp output"
assert_match 'md0' "$out" "check_snmp output names the array (srvhOverallMessage)"
step PASS
