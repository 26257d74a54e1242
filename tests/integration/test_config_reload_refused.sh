# SIGHUP after the config, or a file it includes, became world-writable is refused: each problem
# and one "refusing to reload" line are logged, the daemon keeps serving with the old config
# (srvhModulePollInterval through snmpd keeps its value), and a later SIGHUP with the modes fixed
# takes the new value.
source "$(dirname "$0")/lib.sh" || exit 1

POLL=$R.1.1.5.1.9.1 # srvhModulePollInterval of md
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"
printf 'pollInterval md 2\n' >"$T/inc.conf" # after the main file's pollInterval md 1
chmod 0644 "$T/inc.conf"
write_srvh_conf "includeFile inc.conf"
start_stack
assert_eq 2 "$(snmp_get "$POLL")" "srvhModulePollInterval from the included file"
pid=$(pid_of srvhealthd)

# hup_refused WHAT FILE: SIGHUP is refused naming FILE; the old value stays served.
hup_refused() {
        local before
        before=$(wc -l <"$T/srvhealthd.log")
        kill -HUP "$pid"
        must_wait "tail -n +$((before + 1)) $T/srvhealthd.log | grep -q 'SIGHUP: refusing to reload'" 5 \
                "$1: the reload is refused"
        local new
        new=$(tail -n +$((before + 1)) "$T/srvhealthd.log")
        sed 's/^/    log: /' <<<"$new"
        assert_match "$2 is world-writable \\(mode 0666\\)" "$new" "$1: the log names the file and its mode"
        assert_match "running configuration stays in force" "$new" "$1: says the old config stays"
        is_alive srvhealthd || fail "srvhealthd died on a refused SIGHUP"
        assert_eq "$pid" "$(pid_of srvhealthd)" "same process"
        # the new value must not appear: give a reload time to have happened
        if wait_until "[[ \$(snmp_get $POLL) != 2 ]]" 2; then
                fail "$1: srvhModulePollInterval changed to $(snmp_get "$POLL") after a refused reload"
        fi
        assert_eq 2 "$(snmp_get "$POLL")" "$1: srvhModulePollInterval still served from the old config"
}

step "the main config becomes world-writable (and asks for pollInterval md 7)"
write_srvh_conf "includeFile inc.conf" "pollInterval md 7"
chmod 0666 "$T/srvhealthd.conf"
hup_refused "world-writable config" "$T/srvhealthd.conf"

step "the main config fixed, but the included file becomes world-writable"
chmod 0644 "$T/srvhealthd.conf"
chmod 0666 "$T/inc.conf"
hup_refused "world-writable include" "$T/inc.conf"
log=$(cat "$T/srvhealthd.log")
assert_match "$T/srvhealthd.conf:4: includeFile inc.conf: file $T/inc.conf is world-writable" "$log" \
        "the include's file:line is named"

step "both fixed: SIGHUP takes the new value"
chmod 0644 "$T/inc.conf"
kill -HUP "$pid"
wait_for_value "$POLL" 7 5 "srvhModulePollInterval after an accepted SIGHUP"
subtree_answers || fail "srvhealthd no longer answers"
step PASS
