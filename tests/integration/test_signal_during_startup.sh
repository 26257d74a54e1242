# Start-up answers signals while it is blocked: against a master socket that accepts and never
# answers, net-snmp's init_snmp() waits for the AgentX Open response. A SIGTERM then ends
# srvhealthd within 2 s (exit 0, pidfile removed); a SIGHUP then does not kill it, and is acted
# on (the config re-read) once the event loop runs.
source "$(dirname "$0")/lib.sh" || exit 1

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
write_srvh_conf "agentxTimeout 5" "agentxRetries 5"

# A stalled master: accepts on $T/stall, writes $T/accepted.N, keeps the connection open without
# a word until $T/release exists (at most 60 s), then closes it.
start_stalled_master() {
        rm -f "$T"/accepted.* "$T/release" "$T/stall"
        python3 - "$T" <<'PY' >>"$T/stall.log" 2>&1 &
import os, socket, sys, time
d = sys.argv[1]
path = os.path.join(d, "stall")
if os.path.exists(path):
    os.unlink(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(path)
s.listen(8)
conns = []
end = time.time() + 60
s.settimeout(0.1)
while time.time() < end and not os.path.exists(os.path.join(d, "release")):
    try:
        c, _ = s.accept()
        conns.append(c)
        open(os.path.join(d, "accepted.%d" % len(conns)), "w").close()
    except socket.timeout:
        pass
for c in conns:
    c.close()
s.close()
PY
        track stalled $!
        must_wait "ss -Hlx | awk '{print \$5}' | grep -Fqx $T/stall" 5 "the stalled master listens"
}

start_blocked_srvhealthd() {
        rm -f "$T/srvhealthd.pid"
        "$SRVHEALTHD" -f -Lo -c "$T/srvhealthd.conf" -x "unix:$T/stall" -p "$T/srvhealthd.pid" \
                --sysroot "$T/root" >>"$T/srvhealthd.log" 2>&1 &
        track srvhealthd $!
        must_wait "[[ -e $T/accepted.1 ]]" 5 "srvhealthd connected to the stalled master"
        sleep 0.3 # now inside init_snmp(), waiting for the Open response
        is_alive srvhealthd || fail "srvhealthd exited while connecting"
        if grep -q 'started (sysroot' "$T/srvhealthd.log"; then
                fail "start-up was expected to block on the stalled master, but it finished"
        fi
        echo "  ok: start-up is blocked in the AgentX open"
}

step "SIGTERM while start-up waits for a stalled master"
start_stalled_master
start_blocked_srvhealthd
pid=$(pid_of srvhealthd)
t0=$(now_us)
kill -TERM "$pid"
must_wait "! kill -0 $pid" 2 "srvhealthd exits within 2 s of SIGTERM"
echo "  (took $(secs_since "$t0") s)"
set +e
wait "$pid"
rc=$?
set -e
rm -f "$T/pids/srvhealthd"
assert_eq 0 "$rc" "exit status after SIGTERM during start-up"
[[ ! -e $T/srvhealthd.pid ]] || fail "pidfile left behind after SIGTERM during start-up"
echo "  ok: pidfile removed"
assert_match 'signal during start-up, exiting' "$(cat "$T/srvhealthd.log")" "the log says why it exited"
touch "$T/release"
stop_proc stalled
: >"$T/srvhealthd.log"

step "SIGHUP while start-up waits: remembered, acted on once the loop runs"
start_stalled_master
start_blocked_srvhealthd
pid=$(pid_of srvhealthd)
kill -HUP "$pid"
sleep 0.5
is_alive srvhealthd || fail "srvhealthd died of a SIGHUP during start-up"
echo "  ok: still alive after SIGHUP during start-up"
touch "$T/release" # the master hangs up: init_snmp() gives up, the loop starts
must_wait "grep -q 'SIGHUP: re-read' $T/srvhealthd.log" 20 "the SIGHUP is acted on once the loop runs"
is_alive srvhealthd || fail "srvhealthd is not running"
stop_srvhealthd
stop_proc stalled
step PASS
