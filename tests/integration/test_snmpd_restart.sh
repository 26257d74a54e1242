# After snmpd restarts, srvhealthd reconnects by itself within agentxPingInterval (1 s here) plus
# 2 s, the subtree answers again, and srvhMasterConnects counts exactly one more connection.
source "$(dirname "$0")/lib.sh" || exit 1

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
connects=$(snmp_get "$R.1.1.8.0")
assert_eq 1 "$connects" "srvhMasterConnects after the first connection"

stop_snmpd
is_alive srvhealthd || fail "srvhealthd died when snmpd stopped"
start_snmpd
t=$(now_us)
step "wait for the subtree to answer again (limit: ping interval 1 s + 2 s)"
must_wait subtree_answers 3 "subtree answers again"
step "reconnected after $(secs_since "$t") s"
is_alive srvhealthd || fail "srvhealthd is not running"
assert_eq $((connects + 1)) "$(snmp_get "$R.1.1.8.0")" "srvhMasterConnects increased by one"
assert_eq md0 "$(snmp_get "$R.1.2.1.1.2.1")" "md0 row served after reconnect"
step PASS
