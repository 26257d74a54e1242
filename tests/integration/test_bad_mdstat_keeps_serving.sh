# A /proc/mdstat that cannot be parsed does not stop the daemon: the last good rows stay served,
# srvhModuleErrors counts the failed polls, srvhModuleLastError says why, the overall status turns
# unknown, the log says so once; all recovers when mdstat is good again. Without sysfs an array is
# still served from mdstat alone (srvhRaidArraySource mdstat(1)).
source "$(dirname "$0")/lib.sh" || exit 1

MOD=$R.1.1.5.1 # srvhModuleEntry, md is index 1
A=$R.1.2.1.1

use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
start_stack
assert_eq 0 "$(snmp_get "$MOD.7.1")" "srvhModuleErrors before"
assert_eq 1 "$(snmp_get "$R.1.1.3.0")" "srvhOverallStatus ok(1) before"
log_lines=$(wc -l <"$T/srvhealthd.log")

step "overwrite proc/mdstat with something that is not mdstat"
good_mdstat=$(cat "$T/root/proc/mdstat")
set_file proc/mdstat $'<html><body>\x01\x02 this is not /proc/mdstat\n<p>md0 : what?\n</body></html>'
must_wait "(( \$(snmp_get $MOD.7.1) >= 1 ))" 3 "srvhModuleErrors counts the failed poll"
wait_for_value "$R.1.1.3.0" 4 3 "srvhOverallStatus unknown(4)"
is_alive srvhealthd || fail "srvhealthd died on a bad mdstat"
err=$(snmp_get "$MOD.8.1" || true)
[[ -n $err ]] || fail "srvhModuleLastError is empty after a failed poll"
echo "  ok: srvhModuleLastError = '$err'"
assert_eq md0 "$(snmp_get "$A.2.1")" "md0 row still served (name)"
assert_eq 1 "$(snmp_get "$A.4.1")" "md0 row still served (last good state clean(1))"
must_wait "(( \$(snmp_get $MOD.7.1) >= 2 ))" 5 "a second failed poll is counted too (back-off 2 s)"

step "the log reports the problem once, not once per failed poll"
tail -n +$((log_lines + 1)) "$T/srvhealthd.log" | sed 's/^/    log: /'
n=$(tail -n +$((log_lines + 1)) "$T/srvhealthd.log" | grep -ci 'mdstat' || true)
assert_eq 1 "$n" "log lines about mdstat after $(snmp_get "$MOD.7.1") failed polls"

step "restore a good mdstat"
set_file proc/mdstat "$good_mdstat"
# back-off after two failures is 4 s: allow one full back-off interval plus slack
wait_for_value "$R.1.1.3.0" 1 6 "srvhOverallStatus ok(1) again"
errors=$(snmp_get "$MOD.7.1")
step "srvhModuleErrors stays at $errors over the next 3 polls"
if wait_until "(( \$(snmp_get $MOD.7.1) != $errors ))" 3; then
        fail "srvhModuleErrors changed from $errors to $(snmp_get "$MOD.7.1") with a good mdstat"
fi
assert_eq "$errors" "$(snmp_get "$MOD.7.1")" "srvhModuleErrors unchanged"
assert_eq 1 "$(snmp_get "$MOD.4.1")" "srvhModuleStatus ok(1)"

step "remove sys/block/md0: the array is served from mdstat only"
assert_eq 2 "$(snmp_get "$A.22.1")" "srvhRaidArraySource mdstatAndSysfs(2) before"
begin_change
remove_path sys/block/md0
commit_change
wait_for_value "$A.22.1" 1 3 "srvhRaidArraySource mdstat(1)"
assert_eq md0 "$(snmp_get "$A.2.1")" "md0 still served"
assert_eq raid1 "$(snmp_get "$A.3.1")" "md0 level from mdstat"
# mdstat prints "active" for every running array: it cannot tell clean from active (writes in
# flight), so either is right; it is in sync and healthy either way.
assert_match '^(1|2)$' "$(snmp_get "$A.4.1")" "md0 state clean(1) or active(2) from mdstat"
assert_eq 1 "$(snmp_get "$A.5.1")" "md0 health ok(1) from mdstat"
assert_eq 2 "$(snmp_get "$A.8.1")" "md0 working from mdstat [2/2]"
assert_eq '<no answer>' "$(snmp_get "$A.18.1" || echo '<no answer>')" "md0 has no uuid cell without sysfs"
assert_eq '<no answer>' "$(snmp_get "$A.15.1" || echo '<no answer>')" "md0 has no mismatch count cell without sysfs"
blocks=$(awk '$1 == "md0" { getline; print $1 }' "$T/root/proc/mdstat")
assert_eq $((blocks * 1024)) "$(snmp_get "$A.16.1")" "md0 size from mdstat's block count"
is_alive srvhealthd || fail "srvhealthd is not running"
step PASS
