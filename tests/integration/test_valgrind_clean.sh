# srvhealthd under valgrind through a whole life: start, walks, a degraded array and its
# notifications, an snmpd restart, a SIGHUP reload and a SIGTERM stop. valgrind must report no
# memory error and no definitely-lost block in the daemon (net-snmp's own reachable memory aside).
source "$(dirname "$0")/lib.sh" || exit 1

command -v valgrind >/dev/null || fail "valgrind is not installed (apt-get install valgrind)"
real=$SRVHEALTHD
SRVHEALTHD=$T/srvhealthd-under-valgrind
cat >"$SRVHEALTHD" <<WRAP
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
        --suppressions="$(dirname "$0")/netsnmp-5.9.3.supp" --log-file="$T/valgrind.%p.log" \
        "$real" "\$@"
WRAP
chmod +x "$SRVHEALTHD"

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
walk=$(snmp_walk "$R" | wc -l)
assert_gt 40 "$walk" "varbinds in a walk of the subtree under valgrind"

step "md0 loses sdb1 (the degraded fixture)"
use_fixture "$SRVH_FIXTURES/md-sysfs/degraded"
must_wait "has_trap 1 md0 degraded" 10 "srvhRaidDegraded received from the daemon under valgrind"

step "snmpd restarts"
stop_snmpd
start_snmpd
must_wait subtree_answers 15 "the subtree answers again after the restart"

step "SIGHUP, then SIGTERM"
kill -HUP "$(pid_of srvhealthd)"
must_wait "grep -q 'SIGHUP: re-read' '$T/srvhealthd.log'" 10 "the reload is logged"
pid=$(pid_of srvhealthd)
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
rm -f "$T/pids/srvhealthd"
[[ -f $T/valgrind.$pid.log ]] || fail "no valgrind log: the daemon did not run under valgrind"
# One log per process: a child forked by a collector that fails before its exec is leak-checked
# too, in a one-thread copy of the daemon; say which process spoke.
problems=0
for f in "$T"/valgrind.*.log; do
        grep -q . "$f" || continue
        p=${f%.log}
        p=${p##*.}
        [[ $p == "$pid" ]] && who="the daemon" || who="a child of the daemon, before its exec"
        echo "    valgrind, pid $p ($who):"
        sed 's/^/    valgrind: /' "$f"
        problems=1
done
((problems == 0)) || fail "valgrind reported problems"
assert_eq 0 "$status" "srvhealthd's exit status under valgrind (99 = memory errors or leaks)"
echo "  ok: valgrind reported nothing"
