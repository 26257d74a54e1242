# srvhealthd started before snmpd keeps running and retrying, logs once (not per retry) that the
# master agent is not reachable, and serves the subtree within agentxPingInterval + 2 s after
# snmpd appears.
source "$(dirname "$0")/lib.sh" || exit 1

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_snmptrapd
start_srvhealthd
step "no snmpd yet: srvhealthd must keep running through 2 s of reconnect attempts"
t=$(now_us)
while (($(now_us) - t < 2000000)); do
        is_alive srvhealthd || fail "srvhealthd exited while snmpd was not there"
        sleep 0.2
done
echo "  ok: still running after $(secs_since "$t") s"

start_snmpd
t=$(now_us)
must_wait subtree_answers 3 "subtree answers (limit: ping interval 1 s + 2 s)"
step "answered $(secs_since "$t") s after snmpd started"
assert_eq md0 "$(snmp_get "$R.1.2.1.1.2.1")" "md0 row served"
assert_eq 1 "$(snmp_get "$R.1.1.8.0")" "srvhMasterConnects"

step "the log says once that the master is not reachable"
grep -inE 'not reachable|unreachable|failed to connect|cannot connect' "$T/srvhealthd.log" | sed 's/^/    log: /' || true
n=$(grep -icE 'not reachable|unreachable|failed to connect|cannot connect' "$T/srvhealthd.log" || true)
assert_eq 1 "$n" "log lines about the unreachable master (2 s of retries every 1 s)"
step PASS
