# errFix through a real snmpd (write community): a SET of srvhExtErrFix or, with
# serveUcdExtTable, UCD's extErrFix runs the check's execfix command once, as the check's user,
# only for a check with execfixEnable, only for INTEGER 1, at most once per execfixInterval;
# nothing else of srvhealthd's can be written, and every accepted SET is logged.
source "$(dirname "$0")/lib.sh" || exit 1
source "$(dirname "$0")/exec_lib.sh"

UCD=.1.3.6.1.4.1.2021.8.1
SNMPD_EXTRA="rwcommunity private 127.0.0.1"
RW=(-v2c -c private -On -t 2 -r 0)

# The fix records who ran it; the directory is writable by the user checks run as.
mkdir -p "$T/mark"
chmod 0777 "$T/mark"
write_script check.sh 'echo "check ok"'
write_script fix.sh "/usr/bin/id -u >>$T/mark/fix.log; echo fixed"
if ((EUID == 0)); then want_uid=$(id -u nobody); else want_uid=$EUID; fi

write_srvh_conf "serveUcdExtTable yes" \
        "exec fixme $T/check.sh" \
        "execfix fixme $T/fix.sh" \
        "execfixEnable fixme" \
        "execfixInterval fixme 4" \
        "exec nofix $T/check.sh" \
        "execfix nofix $T/fix.sh"
start_exec_stack
wait_for_value "$(ext 101 fixme)" "check ok" 10 "fixme ran"

# set_err OID TYPE VALUE: the error snmpset reports ("" when the SET succeeded).
set_err() {
        local out
        out=$(snmpset "${RW[@]}" "$AGENT" "$1" "$2" "$3" 2>&1) && return 0
        sed -nE 's/^Reason: ([A-Za-z]+).*/\1/p' <<<"$out" | head -n 1
}
fixes() { [[ -f $T/mark/fix.log ]] && wc -l <"$T/mark/fix.log" || echo 0; }

step "srvhExtErrFix reads 0 and a walk goes through its registration in order"
snmp_walk "$EXT" >"$T/walk" # snmpbulkwalk fails on an OID that does not increase
assert_eq 0 "$(walk_value "$T/walk" "$(ext 102 fixme)")" "srvhExtErrFix of fixme"
assert_eq 2 "$(grep -c "^$EXT\.102\." "$T/walk")" "srvhExtErrFix rows"
assert_eq 2 "$(grep -c "^$EXT\.103\." "$T/walk")" "srvhExtErrFixCmd rows after it"

step "errFix off (execfix without execfixEnable): notWritable, nothing runs"
assert_eq notWritable "$(set_err "$(ext 102 nofix)" i 1)" "SET srvhExtErrFix of nofix"
assert_eq notWritable "$(set_err "$UCD.102.2" i 1)" "SET extErrFix.2 (nofix)"

step "refused SETs are logged once per check a minute, not once each"
for _ in 1 2 3 4 5 6 7 8 9 10; do set_err "$(ext 102 nofix)" i 1 >/dev/null; done
assert_eq 1 "$(grep -c 'errFix nofix: SET refused, errFix is off' "$T/srvhealthd.log")" \
        "log lines for 12 refused SETs of nofix"

step "only INTEGER 1: wrongType for an OCTET STRING, wrongValue for 2"
assert_eq wrongType "$(set_err "$(ext 102 fixme)" s 1)" "SET srvhExtErrFix of fixme to \"1\""
assert_eq wrongValue "$(set_err "$(ext 102 fixme)" i 2)" "SET srvhExtErrFix of fixme to 2"
assert_eq wrongValue "$(set_err "$UCD.102.1" i 0)" "SET extErrFix.1 to 0"
assert_eq noCreation "$(set_err "$(ext 102 ghost)" i 1)" "SET srvhExtErrFix of a check that does not exist"
assert_eq noCreation "$(set_err "$UCD.102.9" i 1)" "SET extErrFix.9 (no ninth check)"

step "a SET can change nothing else"
assert_eq notWritable "$(set_err "$(ext 3 fixme)" s /bin/false)" "SET srvhExtCommand of fixme"
assert_eq notWritable "$(set_err "$(ext 103 fixme)" s /bin/false)" "SET srvhExtErrFixCmd of fixme"
assert_eq notWritable "$(set_err "$(ext 12 fixme)" u 1)" "SET srvhExtTimeout of fixme"
assert_eq notWritable "$(set_err "$UCD.3.1" s /bin/false)" "SET extCommand.1"
assert_eq notWritable "$(set_err "$R.1.1.3.0" i 1)" "SET srvhOverallStatus"
assert_eq "$T/check.sh" "$(snmp_get "$(ext 3 fixme)")" "srvhExtCommand unchanged"
assert_eq "$T/fix.sh" "$(snmp_get "$(ext 103 fixme)")" "srvhExtErrFixCmd unchanged"
assert_eq "$T/check.sh" "$(snmp_get "$UCD.3.1")" "extCommand.1 unchanged"
assert_eq 0 "$(fixes)" "no fix ran for any refused SET"

step "errFix on: one SET of 1 runs the fix once, as the configured user"
runs_before=$(snmp_get "$(ext 13 fixme)")
assert_eq "" "$(set_err "$(ext 102 fixme)" i 1)" "SET srvhExtErrFix of fixme to 1 succeeds"
must_wait "[[ \$(fixes) -ge 1 ]]" 10 "the fix wrote its marker"
assert_eq "$want_uid" "$(head -n 1 "$T/mark/fix.log")" "the fix ran as the checks' user (uid)"
must_wait "grep -q 'errFix fixme: srvhExtErrFix set to 1 at .*running its fix: $T/fix.sh' $T/srvhealthd.log" 5 \
        "the accepted SET is logged with the check, the time and the fix"
must_wait "grep -q 'errFix fixme: fix #1 (.*) exited 0 in [0-9]* ms: fixed' $T/srvhealthd.log" 10 \
        "the fix's result is logged"
must_wait "[[ \$(snmp_get $(ext 13 fixme)) -gt $runs_before ]]" 10 "the check ran again after its fix"

step "rate limit: a second SET within execfixInterval is refused (resourceUnavailable)"
assert_eq resourceUnavailable "$(set_err "$(ext 102 fixme)" i 1)" "SET srvhExtErrFix again at once"
assert_eq resourceUnavailable "$(set_err "$UCD.102.1" i 1)" "SET extErrFix.1 (the same check) at once"
grep -q 'errFix fixme: SET refused, the last fix was accepted less than 4 s ago' "$T/srvhealthd.log" ||
        fail "the refused SET is not logged"
sleep 1
assert_eq 1 "$(fixes)" "the fix ran exactly once"

step "after execfixInterval: extErrFix of the UCD table runs it again"
must_wait "[[ -z \$(set_err $UCD.102.1 i 1) ]]" 8 "SET extErrFix.1 accepted once the interval has passed"
must_wait "[[ \$(fixes) -ge 2 ]]" 10 "the fix wrote its second marker"
sleep 1
assert_eq 2 "$(fixes)" "two accepted SETs, two fix runs"
grep -q 'errFix fixme: extErrFix set to 1 at' "$T/srvhealthd.log" || fail "the UCD SET is not logged"
echo "  ok: the UCD SET is logged"
step PASS
