# A check that hangs for 60 s (itself and a grandchild in the background) never slows SNMP: up to
# 100 GETs through snmpd (at least 20 while it is seen running) each answer within 1 s, and another check keeps running on its
# own schedule. At its timeout the whole process group is killed, grandchild included, and the row
# says so (timed out, the signal, no result, status unknown).
source "$(dirname "$0")/lib.sh" || exit 1
source "$(dirname "$0")/exec_lib.sh"

mark=$$ # makes the sleeps ours: no other process sleeps 61.<our pid> seconds
write_srvh_conf \
        "sh hang /bin/sleep 61.$mark & /bin/sleep 60.$mark; /bin/echo never" \
        "execTimeout hang 10" \
        "execInterval hang 300" \
        "exec tick /bin/date +%s%N" \
        "execInterval tick 1"
start_exec_stack

step "the check hangs: it and its grandchild are running"
must_wait "pgrep -f 'sleep 61.$mark' && pgrep -f 'sleep 60.$mark'" 5 "both sleeps started"
wait_for_value "$(ext 15 hang)" 1 5 "srvhExtRunning of hang"

step "GETs while it hangs, each within 1 s"
# A loaded machine starts snmpget slowly: count only the GETs made while the hang is seen running.
first_tick=$(snmp_get "$(ext 101 tick)")
worst=0
during=0
for ((i = 0; i < 100; i++)); do
        t0=$(now_us)
        v=$(snmp_get "$(ext 101 tick)") || fail "GET $i of srvhExtOutput.tick got no answer"
        dt=$(($(now_us) - t0))
        ((dt > worst)) && worst=$dt
        ((dt < 1000000)) || fail "GET $i took $((dt / 1000)) ms"
        [[ $v =~ ^[0-9]+$ ]] || fail "GET $i: unexpected value '$v'"
        pgrep -f "sleep 61.$mark" >/dev/null || break
        during=$((during + 1))
done
echo "  ok: $i GETs, slowest $((worst / 1000)) ms"
assert_gt 19 "$during" "GETs answered while the hung check was running"
must_wait "[[ \$(snmp_get $(ext 101 tick)) != $first_tick ]]" 5 "the other check ran again meanwhile"

step "at the timeout the group is killed and the row says so"
wait_for_value "$(ext 7 hang)" 1 10 "srvhExtTimedOut of hang"
assert_eq 15 "$(snmp_get "$(ext 8 hang)")" "srvhExtSignal (SIGTERM)"
assert_eq 4 "$(snmp_get "$(ext 4 hang)")" "srvhExtStatus unknown"
assert_eq 2 "$(snmp_get "$(ext 15 hang)")" "srvhExtRunning false"
! snmp_get "$(ext 100 hang)" >/dev/null || fail "a timed-out check has a result"
d=$(snmp_get "$(ext 6 hang)")
assert_gt 9999 "$d" "srvhExtDuration (ms)"
must_wait "! pgrep -f 'sleep 6[01].$mark'" 3 "the check and its grandchild are gone"
assert_match 'hang: timed out after 10 s' "$(snmp_get "$R.1.1.4.0")" "srvhOverallMessage"
must_wait "has_trap 60 hang unknown" 5 "srvhCheckFailed trap for hang"
step PASS
