# UCD-SNMP-MIB's extTable beside srvhealthd's checks, through a real snmpd that has an exec line
# of its own: without serveUcdExtTable one walk shows snmpd's check at .2021.8 and ours in
# srvhExtTable; with it, extTable shows srvhealthd's checks (integer index in config order) in
# place of snmpd's, and snmpd's own row comes back once srvhealthd is gone.
source "$(dirname "$0")/lib.sh" || exit 1
source "$(dirname "$0")/exec_lib.sh"

UCD=.1.3.6.1.4.1.2021.8.1 # extEntry
SNMPD_EXTRA="exec snmpdcheck /bin/echo from-snmpd"

write_srvh_conf "exec hello /bin/echo hello world"
start_exec_stack

step "without compat: snmpd's exec row and srvhealthd's check in one walk"
wait_for_value "$(ext 101 hello)" "hello world" 10 "srvhExtOutput of hello"
snmp_walk .1.3.6.1.4.1 >"$T/walk1"
assert_eq "from-snmpd" "$(walk_value "$T/walk1" "$UCD.101.1")" "extOutput.1 is snmpd's own check"
assert_eq "snmpdcheck" "$(walk_value "$T/walk1" "$UCD.2.1")" "extNames.1 is snmpd's own check"
assert_eq "hello world" "$(walk_value "$T/walk1" "$(ext 101 hello)")" "srvhExtOutput of hello in the same walk"
assert_eq 1 "$(grep -c "^$UCD\.101\." "$T/walk1")" "extOutput rows (snmpd's only)"

step "with serveUcdExtTable yes: extTable shows srvhealthd's checks"
stop_srvhealthd
write_srvh_conf "serveUcdExtTable yes" \
        "exec first /bin/echo first-out" \
        "sh second /bin/echo second-out | /usr/bin/tr a-z A-Z"
start_srvhealthd
must_wait subtree_answers 10 "srvhealthd answers through snmpd"
wait_for_value "$UCD.101.1" "first-out" 10 "extOutput.1: srvhealthd's first check"
wait_for_value "$UCD.101.2" "SECOND-OUT" 10 "extOutput.2: srvhealthd's second check (a pipeline)"
snmp_walk .1.3.6.1.4.1.2021.8 >"$T/walk2"
sed 's/^/    /' "$T/walk2"
assert_eq 1 "$(walk_value "$T/walk2" "$UCD.1.1")" "extIndex.1"
assert_eq 2 "$(walk_value "$T/walk2" "$UCD.1.2")" "extIndex.2"
assert_eq first "$(walk_value "$T/walk2" "$UCD.2.1")" "extNames.1"
assert_eq "/bin/echo first-out" "$(walk_value "$T/walk2" "$UCD.3.1")" "extCommand.1"
assert_eq 0 "$(walk_value "$T/walk2" "$UCD.100.2")" "extResult.2"
assert_eq 0 "$(walk_value "$T/walk2" "$UCD.102.1")" "extErrFix.1 reads 0, as snmpd's"
assert_eq '""' "$(snmpget "${SNMP_OPTS[@]}" -Oqv "$AGENT" "$UCD.103.1")" "extErrFixCmd.1 is an empty string without execfix"
grep -q from-snmpd "$T/walk2" && fail "snmpd's own exec row is still visible in extTable"
assert_eq 14 "$(wc -l <"$T/walk2")" "extTable cells: 7 columns x 2 checks, nothing of snmpd's"
assert_eq "first-out" "$(snmp_get "$(ext 101 first)")" "srvhExtTable serves the same check"
snmp_walk .1.3.6.1.4.1 >"$T/walk3"
assert_eq "first-out" "$(walk_value "$T/walk3" "$UCD.101.1")" "a walk of the whole enterprise arc goes through our extTable"
assert_eq "first-out" "$(walk_value "$T/walk3" "$(ext 101 first)")" "... and srvhExtTable"

step "srvhealthd gone: snmpd's own extTable answers again"
stop_srvhealthd
wait_for_value "$UCD.101.1" "from-snmpd" 10 "extOutput.1 back to snmpd's check"
step PASS
