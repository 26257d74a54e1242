# Notifications through a master agent that stalls (SIGSTOP for 1.5 s and for 10 s) and one that
# is killed while stalled, while md keeps changing state every poll. Checked by srvhNotifySeq in
# snmptrapd's log and in srvhEventTable: no sequence number is missing, first deliveries come in
# order, and after dropping repeats by sequence number nothing is left over. A 1.5 s stall keeps
# the session and delivers every event exactly once; the longer ones may repeat an event that was
# in flight (at-least-once on the wire, as documented), never lose one. Prints traps per event.
source "$(dirname "$0")/lib.sh" || exit 1

SRVH_PING=1
write_srvh_conf "eventTableSize 1000"

# trap_seqs: srvhNotifySeq of every srvhealth notification snmptrapd logged, in arrival order.
trap_seqs() {
        trap_lines '[0-9]+' | while IFS= read -r line; do trap_varbind "$line" 1; done
}

# flip N: alternate md0 between degraded and healthy N times, one poll (1 s) apart. Each flip is
# a state change md reports (degraded + member failed, or recovered).
FLIP=0
flip() {
        local k
        for ((k = 0; k < $1; k++)); do
                FLIP=$((FLIP + 1))
                if ((FLIP % 2)); then
                        use_fixture "$SRVH_FIXTURES/md-sysfs/degraded" >/dev/null
                else
                        use_fixture "$SRVH_FIXTURES/md-sysfs/healthy" >/dev/null
                fi
                sleep 1.2
        done
}

# all_delivered: the queue is empty and snmptrapd has seen the newest sequence number.
all_delivered() {
        local last
        last=$(snmp_get "$R.1.6.2.0") || return 1
        [[ $(snmp_get "$R.1.1.6.0") == 0 ]] || return 1
        trap_seqs | grep -qx "$last"
}

# check_delivery WHAT MAX_REPEATS: every seq 1..srvhEventLastSeq arrived, first arrivals in order,
# the event table holds the same numbers, and at most MAX_REPEATS arrived twice: only the one
# Notify in flight when the session was lost may be seen again. Prints the figures.
check_delivery() {
        local what=$1 max_repeats=$2 last seqs uniq total repeats missing table
        must_wait all_delivered 30 "$what: every queued event answered and received"
        last=$(snmp_get "$R.1.6.2.0")
        seqs=$(trap_seqs)
        total=$(grep -c . <<<"$seqs")
        uniq=$(awk '!seen[$1]++' <<<"$seqs")
        repeats=$((total - $(grep -c . <<<"$uniq")))
        missing=$(seq 1 "$last" | grep -vxF -f <(echo "$uniq") || true)
        assert_eq "" "$missing" "$what: sequence numbers missing from snmptrapd's log"
        assert_eq "$(seq 1 "$last")" "$uniq" "$what: first arrivals are 1..$last in order"
        table=$(snmp_walk "$R.1.6.1.1.2" | sed -E 's/^.*\.([0-9]+) .*$/\1/')
        assert_eq "$(seq 1 "$last")" "$table" "$what: srvhEventTable rows 1..$last"
        local ev=$((last - PREV_LAST)) tr=$((total - PREV_TOTAL)) rep=$((repeats - PREV_REPEATS))
        echo "  figure: $what: $ev events, $tr traps, $rep repeated" \
                "($(awk -v t="$tr" -v e="$ev" 'BEGIN { printf "%.2f", t / e }') traps per event)"
        if ((rep > max_repeats)); then
                fail "$what: $rep events arrived twice, at most $max_repeats may (the one in flight)"
        fi
        echo "  ok: $what: $rep repeated (at most $max_repeats)"
        PREV_LAST=$last PREV_TOTAL=$total PREV_REPEATS=$repeats
}
PREV_LAST=0 PREV_TOTAL=0 PREV_REPEATS=0

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack

step "baseline: 4 state changes with a master that answers"
flip 4
check_delivery "no stall" 0

step "snmpd stalls 1.5 s (SIGSTOP) while md0 changes state"
kill -STOP "$(pid_of snmpd)"
t0=$(now_us)
use_fixture "$SRVH_FIXTURES/md-sysfs/degraded" >/dev/null
FLIP=$((FLIP + 1))
kill -HUP "$(pid_of srvhealthd)" # polls at once: the Notify waits for most of the stall
sleep 1.5
kill -CONT "$(pid_of snmpd)"
echo "  (stopped for $(secs_since "$t0") s)"
flip 2
check_delivery "1.5 s stall" 0
connects=$(snmp_get "$R.1.1.8.0")
assert_eq 1 "$connects" "srvhMasterConnects: the session survived the 1.5 s stall"

step "snmpd stalls 10 s while md0 changes state 6 times"
kill -STOP "$(pid_of snmpd)"
flip 6
sleep 2.5
kill -CONT "$(pid_of snmpd)"
must_wait subtree_answers 20 "srvhealthd answers again"
flip 2
check_delivery "10 s stall" 1

step "snmpd stalls, md0 changes state, snmpd is killed and started again"
kill -STOP "$(pid_of snmpd)"
flip 3
kill -KILL "$(pid_of snmpd)"
wait "$(pid_of snmpd)" 2>/dev/null || true
rm -f "$T/pids/snmpd"
must_wait "! agentx_listening && ! udp_listening $SNMP_PORT" 5 "the killed snmpd is gone"
start_snmpd
must_wait subtree_answers 20 "srvhealthd reconnected to the new snmpd"
check_delivery "kill of a stalled master" 1
is_alive srvhealthd || fail "srvhealthd died"
step PASS
