# srvhealthd as an unprivileged user reaches snmpd with the agentXPerms line that the shipped
# snmpd.conf.d snippet carries, on a private AgentX directory, the way a Debian host goes:
#   1. snmpd with stock AgentX settings: the directory is created 0700 and the socket 0755, both
#      root's, so the user is refused (srvhealthd logs that the master is not reachable);
#   2. snmpd restarted with the snippet's agentXPerms: the socket is handed to the group, but
#      snmpd leaves the existing 0700 directory as it is, so still refused;
#   3. the directory made searchable (chmod 0711, what the package's postinst does to /var/agentx):
#      the subtree answers, all three demo arrays;
#   4. a fresh directory that snmpd creates itself with the snippet's modes: answers again after a
#      restart of snmpd, and the directory and socket carry exactly the snippet's modes and group.
source "$(dirname "$0")/lib.sh" || exit 1

[[ $(id -u) -eq 0 ]] || fail "this test creates a system user and switches to it: run it as root"
SNIPPET=$SRVH_SOURCE_DIR/packaging/snmpd.conf.d/srvhealth.conf
AXDIR=$T/agentx
SOCK=$AXDIR/master

# --- the snippet's AgentX permissions ---
perms=$(grep -E '^[[:space:]]*agentXPerms[[:space:]]' "$SNIPPET" || true)
[[ $(wc -l <<<"$perms") -eq 1 && -n $perms ]] || fail "expected one active agentXPerms line in $SNIPPET, got '$perms'"
read -r _ sock_mode dir_mode perm_user perm_group <<<"$perms"
assert_eq srvhealth "$perm_group" "the snippet's agentXPerms group (the package's user and group)"
echo "  snippet: $perms"

# --- a system user and group of our own, removed on exit ---
TUSER=srvhit$((RANDOM % 100000))
step "create system user and group $TUSER"
useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$TUSER"
# shellcheck disable=SC2154 # rc is set inside the trap
trap 'rc=$?; set +e; stop_proc srvhealthd; userdel "$TUSER" 2>/dev/null; groupdel "$TUSER" 2>/dev/null; (exit $rc); cleanup' EXIT
TUID=$(id -u "$TUSER")
TGID=$(id -g "$TUSER")
echo "  uid $TUID gid $TGID"
perms_line="agentXPerms $sock_mode $dir_mode $perm_user $TUSER"

# Files the user needs: its own pidfile directory and net-snmp persistent directory.
install -d -o "$TUSER" -g "$TUSER" -m 0750 "$T/run" "$T/upersist"

agentx_up() { ss -Hlx | awk '{print $5}' | grep -Fqx "$SOCK"; }

start_private_snmpd() { # [EXTRA_LINE]
        step "start snmpd on $AGENT, AgentX unix:$SOCK${1:+, with '$1'}"
        cat >"$T/snmpd.conf" <<EOF
agentaddress udp:127.0.0.1:$SNMP_PORT
master agentx
agentXSocket unix:$SOCK
rocommunity public 127.0.0.1
dontLogTCPWrappersConnects yes
${1:-}
EOF
        snmpd -f -Lo -C -I -smux -c "$T/snmpd.conf" -p "$T/snmpd.pid" >>"$T/snmpd.log" 2>&1 &
        track snmpd $!
        must_wait "agentx_up && udp_listening $SNMP_PORT" 10 "snmpd is up"
        echo "  $(stat -c '%A %U:%G %n' "$AXDIR" "$SOCK" | tr '\n' ';')"
}

start_user_srvhealthd() {
        step "start srvhealthd as $TUSER"
        : >"$T/srvhealthd.log"
        env SNMP_PERSISTENT_DIR="$T/upersist" setpriv --reuid="$TUID" --regid="$TGID" --init-groups \
                "$SRVHEALTHD" -f -Lo -c "$T/srvhealthd.conf" -x "unix:$SOCK" -p "$T/run/srvhealthd.pid" \
                --sysroot "$T/root" >>"$T/srvhealthd.log" 2>&1 &
        track srvhealthd $!
        must_wait "[[ -s $T/run/srvhealthd.pid ]] || ! is_alive srvhealthd" 10 "srvhealthd wrote its pidfile"
        is_alive srvhealthd || fail "srvhealthd exited right after start"
        local uid
        uid=$(awk '/^Uid:/ { print $3 }' "/proc/$(pid_of srvhealthd)/status")
        assert_eq "$TUID" "$uid" "srvhealthd's effective uid"
}

refused() { # WHAT: srvhealthd says at start that it cannot reach the master, and nothing is served
        must_wait "grep -q 'master agent not reachable' $T/srvhealthd.log" 10 "srvhealthd: $1"
        if subtree_answers; then fail "the subtree answers although srvhealthd was refused"; fi
        echo "  ok: the subtree does not answer"
        stop_srvhealthd
}

use_fixture "$SRVH_SOURCE_DIR/examples/demo/sysroot"
write_srvh_conf

step "1. stock snmpd: directory 0700, socket 0755, both root's"
start_private_snmpd
assert_eq "700 root:root" "$(stat -c '%a %U:%G' "$AXDIR")" "AgentX directory as snmpd creates it by default"
start_user_srvhealthd
refused "refused by the stock socket"

step "2. restart snmpd with the snippet's agentXPerms; the old directory stays 0700"
stop_proc snmpd
start_private_snmpd "$perms_line"
assert_eq "$sock_mode root:$TUSER" "0$(stat -c '%a %U:%G' "$SOCK")" "socket handed to the group"
assert_eq "700" "$(stat -c '%a' "$AXDIR")" "existing directory keeps its mode"
start_user_srvhealthd
refused "refused by the 0700 directory"

step "3. chmod $dir_mode the directory, as the package does for /var/agentx"
chmod "$dir_mode" "$AXDIR"
start_user_srvhealthd
must_wait subtree_answers 15 "srvhealthd answers through snmpd"
must_wait "snmp_get $R.1.2.1.1.2.3" 10 "md2's row is served"
snmp_walk "$R.1.2.1.1.2" >"$T/names"
assert_eq "md0 md1 md2" "$(awk '{ print $2 }' "$T/names" | xargs)" "srvhRaidArrayName column"

step "4. a fresh directory that snmpd creates itself with the snippet's modes"
stop_proc snmpd
rm -rf "$AXDIR"
start_private_snmpd "$perms_line"
assert_eq "$dir_mode root:root" "0$(stat -c '%a %U:%G' "$AXDIR")" "new directory: the snippet's DIRPERMS"
assert_eq "$sock_mode root:$TUSER" "0$(stat -c '%a %U:%G' "$SOCK")" "new socket: the snippet's SOCKPERMS and group"
must_wait subtree_answers 20 "the running srvhealthd reconnected"
snmp_walk "$R" >"$T/walk"
assert_gt 50 "$(wc -l <"$T/walk")" "varbinds in a walk of the subtree"
assert_eq 3 "$(walk_value "$T/walk" "$R.1.1.3.0")" "srvhOverallStatus critical(3) for the demo set"
is_alive srvhealthd || fail "srvhealthd exited"
step PASS
