# Exec checks through a real snmpd: an exec line and a sh pipeline are served in srvhExtTable with
# UCD's columns; NUL bytes and invalid UTF-8 are replaced; 10 MB of output is capped; a check
# listing its fds finds no AgentX socket; relative and world-writable commands are refused with
# file:line; a failing check raises srvhCheckFailed, feeds srvhOverallStatus, and check_snmp reads
# its result.
source "$(dirname "$0")/lib.sh" || exit 1
source "$(dirname "$0")/exec_lib.sh"

CHECK=/usr/lib/nagios/plugins/check_snmp
[[ -x $CHECK ]] || fail "$CHECK is missing (Debian package monitoring-plugins-standard)"

write_script fds.sh 'for f in /proc/$$/fd/*; do echo "${f##*/} -> $(/usr/bin/readlink "$f")"; done'
write_script crit.sh 'echo "DISK CRITICAL - / at 99%"; echo "second line"; exit 2'
write_script ww.sh 'exit 0'
chmod 0757 "$T/ww.sh"
write_srvh_conf \
        "exec hello /bin/echo hello world" \
        "sh pipe /bin/echo one two three | /usr/bin/wc -w" \
        "exec bad /usr/bin/printf 'a\\000b\\303\\251\\300\\257z\\n'" \
        "sh big /usr/bin/yes 0123456789 | /usr/bin/head -c 10485760" \
        "exec fds $T/fds.sh" \
        "exec crit $T/crit.sh" \
        "exec rel bin/true" \
        "exec writable $T/ww.sh" \
        "execOutputMax 65536 50" \
        "execInterval 300"
start_exec_stack

step "refused lines are logged with file:line and get no row"
conf_line() { grep -n "$1" "$T/srvhealthd.conf" | cut -d: -f1; }
assert_match "srvhealthd.conf: line $(conf_line 'exec rel'): Error: exec: 'bin/true' is not an absolute path" \
        "$(cat "$T/srvhealthd.log")" "relative command refused"
assert_match "srvhealthd.conf: line $(conf_line 'exec writable'): Error: exec writable: [^ ]*ww.sh is writable by everyone" \
        "$(cat "$T/srvhealthd.log")" "world-writable command refused"
! snmp_get "$(ext 2 rel)" >/dev/null || fail "the relative check has a row"
! snmp_get "$(ext 2 writable)" >/dev/null || fail "the world-writable check has a row"

step "exec: argv without a shell"
wait_for_value "$(ext 100 hello)" 0 10 "srvhExtResult of hello"
assert_eq "hello" "$(snmp_get "$(ext 2 hello)")" "srvhExtNames (.2)"
assert_eq "/bin/echo hello world" "$(snmp_get "$(ext 3 hello)")" "srvhExtCommand (.3)"
assert_eq "hello world" "$(snmp_get "$(ext 101 hello)")" "srvhExtOutput (.101)"
assert_eq 1 "$(snmp_get "$(ext 4 hello)")" "srvhExtStatus ok"
assert_eq 2 "$(snmp_get "$(ext 7 hello)")" "srvhExtTimedOut false"

step "sh: a pipeline through /bin/sh -c"
wait_for_value "$(ext 101 pipe)" 3 10 "srvhExtOutput of the pipeline (wc -w of three words)"
assert_eq 0 "$(snmp_get "$(ext 100 pipe)")" "srvhExtResult of the pipeline"

step "NUL bytes and invalid UTF-8 are replaced, valid UTF-8 kept"
wait_for_value "$(ext 100 bad)" 0 10 "srvhExtResult of bad"
hex=$(snmpget "${SNMP_OPTS[@]}" -Oqv -Ox "$AGENT" "$(ext 101 bad)" | tr -d ' \n"')
assert_eq "613F62C3A93F3F7A" "$hex" "srvhExtOutput of bad, in hex (a ? b é ? ? z)"

step "10 MB of output: capped at execOutputMax, the rest read and dropped"
must_wait "[[ \$(snmp_get $(ext 13 big)) -ge 1 ]]" 20 "the big check finished a run"
assert_eq 50 "$(snmp_get "$(ext 9 big)")" "srvhExtLines of big (execOutputMax lines)"
assert_eq 1 "$(snmp_get "$(ext 10 big)")" "srvhExtTruncated of big"
assert_eq 0 "$(snmp_get "$(ext 100 big)")" "big exited normally (it was never blocked on a full pipe)"
n=$(snmp_walk "$EXTOUT.2$(ext_idx big)" | wc -l)
assert_eq 50 "$n" "output lines of big in srvhExtOutputTable"
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$(pid_of srvhealthd)/status")
echo "  srvhealthd RSS after the 10 MB check: $rss kB"
(( rss < 65536 )) || fail "srvhealthd holds $rss kB: the output was not capped"

step "a check's fds: 0, 1 and 2 only; no AgentX socket (which srvhealthd does hold)"
must_wait "snmp_get $(ext 100 fds)" 10 "fds check ran"
snmp_walk "$EXTOUT.2$(ext_idx fds)" >"$T/fds.walk"
cat "$T/fds.walk"
ls -l "/proc/$(pid_of srvhealthd)/fd" | grep -q 'socket:' || fail "srvhealthd holds no socket: the test proves nothing"
grep -q 'socket:' "$T/fds.walk" && fail "the check inherited a socket"
assert_match '^0 -> /dev/null$' "$(awk '$2 == 0 { sub(/^[^ ]+ /, ""); print }' "$T/fds.walk")" "stdin of the check"
# Besides 0-2 the shell itself holds only its script and the pipe of the $(...) it runs.
while read -r _ fd _ target; do
        [[ $target == /dev/null || $target =~ ^pipe:\[[0-9]+\]$ || $target == "$T/fds.sh" ]] ||
                fail "the check holds fd $fd -> $target, which it did not open itself"
done <"$T/fds.walk"
echo "  ok: every fd of the check is stdin, a capture pipe or its own"

step "a failing check: srvhCheckFailed, srvhOverallStatus, srvhEventTable"
wait_for_value "$(ext 100 crit)" 2 10 "srvhExtResult of crit"
assert_eq 3 "$(snmp_get "$(ext 4 crit)")" "srvhExtStatus critical"
assert_eq "DISK CRITICAL - / at 99%" "$(snmp_get "$(ext 101 crit)")" "srvhExtOutput: the first line"
assert_eq "second line" "$(snmp_get "$EXTOUT.2$(ext_idx crit).2")" "srvhExtOutputLine 2"
wait_for_value "$R.1.1.3.0" 3 5 "srvhOverallStatus critical"
assert_match 'exec: crit: critical: DISK CRITICAL' "$(snmp_get "$R.1.1.4.0")" "srvhOverallMessage"
must_wait "has_trap 60 crit critical" 10 "srvhCheckFailed trap for crit"
line=$(trap_lines 60 | head -n 1)
assert_eq "DISK CRITICAL - / at 99%" "$(trap_varbind "$line" 6)" "trap text: the first output line"
assert_eq 2 "$(trap_varbind "$line" 7)" "trap value: the exit status"
event_seq 60 crit >/dev/null || fail "no srvhEventTable row for the crit notification"
echo "  ok: srvhEventTable has the notification"

step "check_snmp on a check's result"
set +e
out=$("$CHECK" -H 127.0.0.1 -p "$SNMP_PORT" -C public -P 2c -o "$(ext 100 crit)" -w 0 -c 1 2>&1)
rc=$?
out_ok=$("$CHECK" -H 127.0.0.1 -p "$SNMP_PORT" -C public -P 2c -o "$(ext 100 hello)" -w 0 -c 1 2>&1)
rc_ok=$?
set -e
echo "  check_snmp crit: exit $rc: $out"
echo "  check_snmp hello: exit $rc_ok: $out_ok"
assert_eq 2 "$rc" "check_snmp exit status for crit (CRITICAL)"
assert_eq 0 "$rc_ok" "check_snmp exit status for hello (OK)"
step PASS
