# Every command of examples/nagios/srvhealth.cfg, run by monitoring-plugins' real check_snmp
# against srvhealthd serving the demo dataset (md0 healthy, md1 degraded, md2 rebuilding), and
# again with srvhealthd stopped. The expected exit status and output are the "demo:" and
# "stopped:" lines of the file's own comments, so the commands, their documented output and what
# check_snmp really prints cannot drift apart. With srvhealthd stopped nothing may say OK.
source "$(dirname "$0")/lib.sh" || exit 1

PLUGINS=/usr/lib/nagios/plugins
[[ -x $PLUGINS/check_snmp ]] || fail "$PLUGINS/check_snmp is missing (Debian package monitoring-plugins-standard)"
CFG=$SRVH_SOURCE_DIR/examples/nagios/srvhealth.cfg

# name<TAB>command_line for every "define command" block
awk '
        /^[[:space:]]*define[[:space:]]+command[[:space:]]*\{/ { inside = 1; name = ""; line = ""; next }
        inside && $1 == "command_name" { name = $2 }
        inside && $1 == "command_line" { sub(/^[[:space:]]*command_line[[:space:]]+/, ""); line = $0 }
        inside && /^[[:space:]]*\}/ { if (name != "") print name "\t" line; inside = 0 }
' "$CFG" >"$T/commands"
# phase<TAB>check_command<TAB>status<TAB>output for every "#   demo: ..." / "#   stopped: ..." line
sed -nE 's/^#[[:space:]]+(demo|stopped):[[:space:]]+([^[:space:]]+) => ([0-9]): (.*)$/\1\t\2\t\3\t\4/p' "$CFG" >"$T/expected"

step "examples/nagios/srvhealth.cfg: $(wc -l <"$T/commands") commands, $(wc -l <"$T/expected") documented runs"
[[ -s $T/commands ]] || fail "no command definitions found in $CFG"
while IFS=$'\t' read -r name _; do
        for phase in demo stopped; do
                awk -F'\t' -v p="$phase" -v n="$name" '$1 == p && ($2 == n || index($2, n "!") == 1) { f = 1 } END { exit !f }' "$T/expected" ||
                        fail "command $name has no documented '$phase:' run in $CFG"
        done
        echo "  ok: $name is documented for the demo and with srvhealthd stopped"
done <"$T/commands"
# Every service uses a command defined here.
sed -nE 's/^[[:space:]]*check_command[[:space:]]+([^!]+).*/\1/p' "$CFG" | sort -u | while read -r name; do
        cut -f1 "$T/commands" | grep -Fqx "$name" || fail "a service uses check_command $name, which is not defined"
done

# run_check CHECK_COMMAND: the command line with Nagios' macros filled in, run as Nagios runs
# it (through /bin/sh), against our snmpd's port; sets $rc and $out.
run_check() {
        local spec=$1 name cmd i
        IFS='!' read -r -a parts <<<"$spec"
        name=${parts[0]}
        cmd=$(awk -F'\t' -v n="$name" '$1 == n { print $2; exit }' "$T/commands")
        [[ -n $cmd ]] || fail "no command $name in $CFG"
        cmd=${cmd//'$USER1$'/$PLUGINS}
        cmd=${cmd//'$HOSTADDRESS$'/127.0.0.1}
        for ((i = 1; i < ${#parts[@]}; i++)); do
                cmd=${cmd//"\$ARG$i\$"/${parts[i]}}
        done
        [[ $cmd != *'$'* ]] || fail "unexpanded macro left in: $cmd"
        set +e
        out=$(/bin/sh -c "$cmd -p $SNMP_PORT" 2>&1)
        rc=$?
        set -e
        out=$(sed -E 's/[[:space:]]+$//' <<<"$out")
}

check_phase() { # PHASE
        local phase spec want_rc want_out
        while IFS=$'\t' read -r phase spec want_rc want_out; do
                [[ $phase == "$1" ]] || continue
                run_check "$spec"
                echo "  $spec => $rc: $out"
                assert_eq "$want_rc" "$rc" "$spec exit status"
                assert_eq "$want_out" "$out" "$spec output"
                if [[ $1 == stopped ]] && ((rc == 0)); then
                        fail "$spec says OK although srvhealthd is stopped"
                fi
        done <"$T/expected"
}

use_fixture "$SRVH_SOURCE_DIR/examples/demo/sysroot"
start_stack 3
wait_for_value "$R.1.1.3.0" 3 5 "srvhOverallStatus critical(3) for the demo dataset"

step "the documented runs on the demo dataset"
check_phase demo

step "srvhealthd stopped: its subtree is no longer registered with snmpd"
stop_srvhealthd
must_wait "! subtree_answers" 10 "the subtree reads noSuchObject"
check_phase stopped
step PASS
