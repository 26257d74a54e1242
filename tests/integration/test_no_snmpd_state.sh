# srvhealthd started as root with SNMP_PERSISTENT_DIR unset (as by hand, or from an init script)
# leaves snmpd's state directory /var/lib/snmp alone: it neither creates nor opens anything there,
# through start-up, a served request and shutdown. If it keeps net-snmp state at all, it keeps it
# under /var/lib/srvhealthd. Watched two ways: strace of every file system call of the daemon, and
# a listing of /var/lib/snmp before and after.
source "$(dirname "$0")/lib.sh" || exit 1

SNMP_STATE=/var/lib/snmp
OURS=/var/lib/srvhealthd
[[ $(id -u) -eq 0 ]] || fail "this test starts srvhealthd as root: run it as root"
command -v strace >/dev/null || fail "strace is missing (Debian package strace)"

listing() { # DIR: one line per entry below DIR (type, mode, owner, size, mtime), or "absent"
        if [[ -e $1 ]]; then
                find "$1" -printf '%P %y %m %u:%g %s %T@\n' | sort
        else
                echo absent
        fi
}

listing "$SNMP_STATE" >"$T/state.before"
ours_existed=0
[[ -e $OURS ]] && ours_existed=1
# Undo what the daemon may have created: our directory if it is new, and new entries of snmpd's.
undo() {
        if ((ours_existed == 0)); then rm -rf "$OURS"; fi
        listing "$SNMP_STATE" | awk '{ print $1 }' >"$T/state.now"
        awk '{ print $1 }' "$T/state.before" | sort >"$T/state.had"
        sort "$T/state.now" | comm -23 - "$T/state.had" | while read -r p; do
                [[ -n $p ]] && rm -rf "${SNMP_STATE:?}/$p"
        done
}
# The daemons go first, so that nothing writes into $OURS after it is removed.
# shellcheck disable=SC2154 # rc is set inside the trap
trap 'rc=$?; set +e; stop_proc srvhealthd; stop_proc strace; undo; (exit $rc); cleanup' EXIT

use_fixture "$SRVH_SOURCE_DIR/examples/demo/sysroot"
start_snmpd
write_srvh_conf

step "start srvhealthd as root under strace, SNMP_PERSISTENT_DIR unset"
env -u SNMP_PERSISTENT_DIR strace -f -qq -o "$T/strace.log" -e trace=%file \
        "$SRVHEALTHD" -f -Lo -c "$T/srvhealthd.conf" -x "unix:$T/master" -p "$T/srvhealthd.pid" \
        --sysroot "$T/root" >>"$T/srvhealthd.log" 2>&1 &
track strace $!
must_wait "[[ -s $T/srvhealthd.pid ]]" 20 "srvhealthd wrote its pidfile"
track srvhealthd "$(cat "$T/srvhealthd.pid")"
must_wait subtree_answers 20 "srvhealthd answers through snmpd"
wait_for_value "$R.1.2.1.1.2.1" md0 10 "md0's row is served" # the first poll may land after registration

step "stop srvhealthd (SIGTERM): net-snmp saves its state at exit, if anywhere"
stop_proc srvhealthd TERM
must_wait "! is_alive strace" 10 "strace ended with the daemon"
stop_proc strace

step "what the daemon touched"
grep -F "$SNMP_STATE" "$T/strace.log" >"$T/touched" || true
if [[ -s $T/touched ]]; then
        sed 's/^/    /' "$T/touched"
        fail "srvhealthd made $(wc -l <"$T/touched") file system call(s) under $SNMP_STATE (above); it must set net-snmp's persistent directory (NETSNMP_DS_LIB_PERSISTENT_DIR) to $OURS before init_agent()"
fi
echo "  ok: no file system call under $SNMP_STATE"

listing "$SNMP_STATE" >"$T/state.after"
if ! diff -u --label "$SNMP_STATE before" --label "$SNMP_STATE after" "$T/state.before" "$T/state.after"; then
        fail "$SNMP_STATE changed while srvhealthd ran (diff above)"
fi
echo "  ok: $SNMP_STATE is unchanged ($(wc -l <"$T/state.after") entries)"

# Whatever it created (mkdir, open with O_CREAT, rename, link, mknod: the calls that succeeded) is
# in the test's own directory or in ours.
# (grep finds nothing when it created nothing, say because $OURS was there already: not a failure)
{
        grep -E '^[0-9]+ +(mkdir|mkdirat|creat|open|openat|rename|renameat|renameat2|link|linkat|symlink|symlinkat|mknod|mknodat)\(' "$T/strace.log" |
                grep -Ev '= -1 ' | grep -Ev '^[0-9]+ +open(at)?\(' || true
        grep -E '^[0-9]+ +open(at)?\(.*O_CREAT' "$T/strace.log" | grep -Ev '= -1 ' || true
} | awk -F'"' 'NF > 1 { print $2 }' | sort -u >"$T/created"
sed 's/^/    created: /' "$T/created"
while read -r p; do
        case $p in
        "$T"/* | "$OURS" | "$OURS"/*) ;;
        *) fail "srvhealthd created $p, outside $OURS and the test's directory" ;;
        esac
done <"$T/created"
echo "  ok: everything it created is below $T or $OURS"
step PASS
