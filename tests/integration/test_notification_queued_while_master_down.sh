# A notification raised while snmpd is down is queued and delivered exactly once after snmpd comes
# back (reconnect every agentxPingInterval), all queued events in sequence order without gaps, and
# the queue (srvhNotificationsQueued) drains to 0.
source "$(dirname "$0")/lib.sh" || exit 1

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
last_seq=$(snmp_get "$R.1.6.2.0" || echo 0)
step "srvhEventLastSeq before: $last_seq"

stop_snmpd

step "md0 degrades while snmpd is down (the degraded fixture)"
use_fixture "$SRVH_FIXTURES/md-sysfs/degraded"
# The event is recorded in the daemon's log when it is raised; wait for that (2 polls + slack).
must_wait "grep -Eq 'md0.*degraded' $T/srvhealthd.log" 3 "srvhealthd logged the md0 degraded event"
assert_eq 0 "$(count_traps 1)" "nothing delivered while snmpd is down"
grep -E 'md0.*degraded' "$T/srvhealthd.log" | sed 's/^/    log: /'

start_snmpd
t=$(now_us)
must_wait "has_trap 1 md0 degraded" 5 "srvhRaidDegraded for md0 delivered after reconnect"
step "delivered $(secs_since "$t") s after snmpd started"

# Give a few more ping intervals for a duplicate to show up, then count. The wait is on a condition
# that must stay false (a second copy), so it runs its full 3 s.
if wait_until "(( \$(count_traps 1) > 1 ))" 3; then
        trap_lines 1
        fail "srvhRaidDegraded delivered $(count_traps 1) times, expected once"
fi
assert_eq 1 "$(count_traps 1)" "srvhRaidDegraded delivered exactly once"

step "sequence numbers of delivered srvhealth notifications are increasing"
seqs=$(grep -E '\.73\.0\.[0-9]+[[:space:]]' "$T/snmptrapd.log" | while IFS= read -r l; do trap_varbind "$l" 1; done)
echo "  seqs: $(echo $seqs)"
prev=$last_seq
for s in $seqs; do
        ((s > prev)) || fail "sequence numbers out of order: $s after $prev (all: $(echo $seqs))"
        prev=$s
done
now_seq=$(snmp_get "$R.1.6.2.0")
assert_eq "$(seq -s ' ' $((last_seq + 1)) "$now_seq")" "$(echo $seqs)" \
        "delivered seqs are every event from before the outage up to srvhEventLastSeq, no gap"

wait_for_value "$R.1.1.6.0" 0 3 "srvhNotificationsQueued drained"
assert_eq 0 "$(snmp_get "$R.1.1.7.0")" "srvhNotificationsDropped"
step PASS
