# The command line and signals: --help, --version, --check-config (clean file: exit 0; unknown token
# and bad value: exit 1 naming file:line of each), --strict-config (the daemon exits non-zero on that
# file, naming file:line, and starts on a clean one), the pidfile lock against a second instance,
# SIGTERM (exit, pidfile removed) and SIGHUP (new pollInterval served as srvhModulePollInterval).
source "$(dirname "$0")/lib.sh" || exit 1

# run CMD...: sets $out (stdout + stderr) and $rc.
run() {
        set +e
        out=$("$@" 2>&1)
        rc=$?
        set -e
        echo "  \$ ${*##*/} -> exit $rc"
        sed 's/^/    | /' <<<"$out" | head -n 30
}

step "--help"
run "$SRVHEALTHD" --help
assert_eq 0 "$rc" "--help exit status"
assert_match '[-][-]sysroot' "$out" "--help mentions --sysroot"
assert_match '[-][-]check-config' "$out" "--help mentions --check-config"
assert_match '[-][-]strict-config' "$out" "--help mentions --strict-config"
assert_match '[-][-]dump' "$out" "--help mentions --dump"
assert_match '[-][-]json' "$out" "--help mentions --json"

step "--version and -V"
version=$(awk '/^project\(/, /\)/' "$SRVH_SOURCE_DIR/CMakeLists.txt" | grep -oE 'VERSION [0-9]+\.[0-9]+\.[0-9]+' | head -n 1 | cut -d' ' -f2)
[[ -n $version ]] || fail "cannot find the project VERSION in CMakeLists.txt"
run "$SRVHEALTHD" --version
assert_eq 0 "$rc" "--version exit status"
assert_match "srvhealthd.*(^|[^0-9.])${version//./\\.}([^0-9.]|$)" "$out" "--version prints version $version"
run "$SRVHEALTHD" -V
assert_eq 0 "$rc" "-V exit status"
assert_match "${version//./\\.}" "$out" "-V prints the version"

step "--check-config on a good file"
good=$T/good.conf
cat >"$good" <<'CONF'
# a clean configuration
pollInterval md 5
agentxPingInterval 1
rebuildProgressStep 20
notificationQueueSize 100
eventTableSize 50
CONF
run "$SRVHEALTHD" --check-config -c "$good"
assert_eq 0 "$rc" "--check-config exit status (clean file)"

step "--check-config on a file with an unknown token (line 3) and a bad value (line 5)"
bad=$T/bad.conf
cat >"$bad" <<'CONF'
# line 1
pollInterval md 5
frobnicateArrays yes
agentxPingInterval 1
pollInterval md abc
CONF
run "$SRVHEALTHD" --check-config -c "$bad"
assert_eq 1 "$rc" "--check-config exit status (errors)"
# file:line as srvhealthd.conf(5) says, or net-snmp's own "file: line N:" spelling
at_line() { echo "$bad(:|: line )$1([^0-9]|\$)"; }
assert_match "$(at_line 3)" "$out" "the unknown token is reported with $bad and line 3"
assert_match "$(at_line 5)" "$out" "the bad value is reported with $bad and line 5"
for l in 1 2 4; do
        if grep -Eq "$(at_line $l)" <<<"$out"; then fail "good line $l reported as a problem: $out"; fi
done

step "--strict-config: the daemon refuses to start on the same file, naming file:line"
set +e
out=$(timeout 20 "$SRVHEALTHD" -f -Lo --strict-config -c "$bad" -x "unix:$T/nomaster" \
        -p "$T/strict.pid" --sysroot "$SRVH_SOURCE_DIR/examples/demo/sysroot" 2>&1)
rc=$?
set -e
sed 's/^/    | /' <<<"$out" | head -n 20
[[ $rc -ne 0 && $rc -ne 124 ]] || fail "--strict-config with errors: expected a non-zero exit at once, got $rc"
echo "  ok: --strict-config exit status $rc"
assert_match "$(at_line 3)" "$out" "--strict-config reports the unknown token at $bad line 3"
assert_match "$(at_line 5)" "$out" "--strict-config reports the bad value at $bad line 5"
assert_match 'exiting' "$out" "--strict-config says it exits"
[[ ! -e $T/strict.pid ]] || fail "--strict-config left its pidfile behind"

step "--strict-config on a clean file starts as usual"
"$SRVHEALTHD" -f -Lo --strict-config -c "$good" -x "unix:$T/nomaster" -p "$T/strict.pid" \
        --sysroot "$SRVH_SOURCE_DIR/examples/demo/sysroot" >"$T/strict.log" 2>&1 &
track strict $!
must_wait "grep -q 'started' '$T/strict.log'" 10 "srvhealthd --strict-config starts with a clean file"
is_alive strict || fail "srvhealthd --strict-config exited with a clean file"
stop_proc strict

step "daemon with pollInterval md 1"
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
assert_eq 1 "$(snmp_get "$R.1.1.5.1.9.1")" "srvhModulePollInterval"
pid=$(pid_of srvhealthd)
assert_eq "$pid" "$(tr -d ' \n' <"$T/srvhealthd.pid")" "pidfile holds the daemon's pid"

step "a second instance with the same pidfile"
set +e
out=$(timeout 10 "$SRVHEALTHD" -f -Lo -c "$T/srvhealthd.conf" -x "unix:$T/master" \
        -p "$T/srvhealthd.pid" --sysroot "$T/root" 2>&1)
rc=$?
set -e
echo "    | $out"
[[ $rc -ne 0 && $rc -ne 124 ]] || fail "second instance: expected a non-zero exit at once, got $rc"
echo "  ok: second instance exit status $rc"
assert_match 'already running' "$out" "second instance message"
assert_eq "$pid" "$(tr -d ' \n' <"$T/srvhealthd.pid")" "pidfile still holds the first daemon's pid"
is_alive srvhealthd || fail "the first instance died"

step "SIGHUP after changing pollInterval md 1 -> 7"
SRVH_POLL=7 write_srvh_conf
kill -HUP "$pid"
wait_for_value "$R.1.1.5.1.9.1" 7 3 "srvhModulePollInterval after SIGHUP"
is_alive srvhealthd || fail "srvhealthd died on SIGHUP"
assert_eq "$pid" "$(pid_of srvhealthd)" "same process after SIGHUP"

step "SIGTERM"
kill -TERM "$pid"
must_wait "! kill -0 $pid" 5 "srvhealthd exits on SIGTERM"
set +e
wait "$pid"
rc=$?
set -e
rm -f "$T/pids/srvhealthd"
assert_eq 0 "$rc" "exit status after SIGTERM"
[[ ! -e $T/srvhealthd.pid ]] || fail "pidfile $T/srvhealthd.pid still exists after SIGTERM"
echo "  ok: pidfile removed"
step PASS
