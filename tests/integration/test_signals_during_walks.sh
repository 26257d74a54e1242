# Signals reach the event loop through its one wake-up eventfd: 20 SIGHUPs sent while bulk walks
# run back to back are each a reload (20 "SIGHUP: re-read" lines), every walk completes with the
# same instances, the AgentX session is never dropped (srvhAgentMasterConnects stays 1: a signal
# must not fail one of net-snmp's reads or writes with EINTR), and SIGTERM then stops the daemon
# within a second, exit status 0.
source "$(dirname "$0")/lib.sh" || exit 1

CONNECTS=$R.1.1.8.0 # srvhAgentMasterConnects
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
want=$(snmp_walk "$R.1.2" | cut -d' ' -f1)
[[ -n $want ]] || fail "no md rows served"
assert_eq 1 "$(snmp_get "$CONNECTS")" "one AgentX connection before the signals"
pid=$(pid_of srvhealthd)

step "20 SIGHUPs while walking"
(
        for _ in $(seq 20); do
                kill -HUP "$pid"
                sleep 0.05
        done
) &
hups=$!
walks=0
while kill -0 "$hups" 2>/dev/null || ((walks < 5)); do
        got=$(snmp_walk "$R.1.2" | cut -d' ' -f1)
        [[ $got == "$want" ]] || fail "walk $walks during the SIGHUPs returned other instances"
        walks=$((walks + 1))
done
wait "$hups"
echo "  ok: $walks walks, each complete"
must_wait "(( \$(grep -c 'SIGHUP: re-read' $T/srvhealthd.log) >= 1 ))" 5 "the reloads are logged"
n=$(grep -c 'SIGHUP: re-read' "$T/srvhealthd.log")
# signals that arrive while one is pending merge (as the kernel merges them): at least one reload
# per burst, and never more than were sent
((n >= 1 && n <= 20)) || fail "$n reloads logged for 20 SIGHUPs"
echo "  ok: $n reloads logged for 20 SIGHUPs"
assert_eq 1 "$(snmp_get "$CONNECTS")" "the AgentX session survived the signals"

step "SIGTERM stops it at once"
t0=$(now_us)
kill -TERM "$pid"
must_wait "! kill -0 $pid 2>/dev/null" 2 "srvhealthd exited"
wait "$pid" 2>/dev/null && rc=0 || rc=$?
assert_eq 0 "$rc" "exit status after SIGTERM"
grep -q 'received SIGTERM, exiting' "$T/srvhealthd.log" || fail "no 'received SIGTERM' line"
echo "  ok: stopped in $(secs_since "$t0") s"
step PASS
