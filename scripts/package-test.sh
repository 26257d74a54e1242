#!/usr/bin/env bash
# The Debian package, end to end on this machine, as an administrator meets it:
#   1. build it from a temporary copy of the tree (scripts/build-deb.sh) and run lintian (no error);
#   2. start the system snmpd once with Debian's stock configuration, as a fresh `apt-get install
#      snmpd` does, which leaves /var/agentx at mode 0700;
#   3. apt-get install the .deb;
#   4. start /usr/sbin/snmpd as its unit does (stock /etc/snmp/snmpd.conf, which has `master agentx`
#      and `includeDir /etc/snmp/snmpd.conf.d`) and srvhealthd as its unit does (user, group,
#      environment, directories and ExecStart taken from the installed unit file: systemd is not
#      PID 1 here), and walk the subtree through the system snmpd on udp 127.0.0.1:161, by number
#      and, with the README's commands, by name;
#   5. purge the package and check the machine is as it was: files, user, group, dpkg status.
# Needs root, a machine where srvhealthd is not installed, no user or group "srvhealth", and
# nothing on udp port 161. Everything it starts or changes is undone on exit, also on failure.
# Prints "package test: passed" (or FAIL: ...) and exits 0 on success.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT_OID=.1.3.6.1.4.1.8072.9999.9999.73
W=$(mktemp -d "${TMPDIR:-/tmp}/srvh-pkg.XXXXXX")
chmod 0755 "$W"
START=$SECONDS

step() { printf '[%4ss] %s\n' $((SECONDS - START)) "$*"; }
ok() { echo "  ok: $*"; }
fail() {
        echo "FAIL: $*" >&2
        exit 1
}
assert_eq() { # EXPECTED ACTUAL WHAT
        [[ "$1" == "$2" ]] || fail "$3: expected '$1', got '$2'"
        ok "$3 = '$2'"
}

# Client tools (snmpget, snmpwalk) get a home and a persistent directory of their own, so that
# nothing of root's changes. The daemons get the clean environment a unit gets.
export HOME=$W/home SNMP_PERSISTENT_DIR=$W/client-persist
mkdir -p "$HOME" "$SNMP_PERSISTENT_DIR"
CLEAN_ENV=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)

# --- what we may change, and how to put it back -------------------------------------------------

declare -A PIDS=()
had_agentx_dir=0
had_state_dir=0
snmp_state_saved=0

stop_pid() { # NAME: TERM, up to 5 s, then KILL
        local p=${PIDS[$1]:-} i
        [[ -n $p ]] || return 0
        kill -TERM "$p" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
                kill -0 "$p" 2>/dev/null || break
                sleep 0.1
        done
        kill -KILL "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
        unset "PIDS[$1]"
}

pkg_status() { dpkg-query -W -f '${db:Status-Abbrev}' srvhealthd 2>/dev/null || true; }

cleanup() {
        local rc=$?
        trap - EXIT
        set +e
        if ((rc != 0)); then
                local f
                for f in "$W"/*.log; do
                        [[ -s $f ]] || continue
                        echo "----- ${f##*/} (last 40 lines) -----"
                        tail -n 40 "$f"
                done
        fi
        stop_pid srvhealthd
        stop_pid snmpd
        if [[ $(pkg_status) == i* || $(pkg_status) == ?c* || $(pkg_status) == ?[HUFW]* ]]; then
                echo "cleanup: purging srvhealthd"
                DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq srvhealthd >/dev/null 2>&1 ||
                        dpkg --purge srvhealthd >/dev/null 2>&1
        fi
        getent passwd srvhealth >/dev/null && userdel srvhealth
        getent group srvhealth >/dev/null && groupdel srvhealth
        if ((snmp_state_saved)); then
                rm -rf /var/lib/snmp
                tar -C /var/lib -xpf "$W/var-lib-snmp.tar"
        fi
        ((had_agentx_dir)) || rm -rf /var/agentx
        ((had_state_dir)) || rm -rf /var/lib/srvhealthd
        rm -rf /run/srvhealthd "$W"
        if ((rc == 0)); then
                echo "package test: passed ($((SECONDS - START)) s)"
        else
                echo "package test: FAILED (exit $rc)"
        fi
        exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- preconditions -----------------------------------------------------------------------------

step "preconditions"
[[ $(id -u) -eq 0 ]] || fail "run me as root (I install and purge a package and start the system snmpd)"
for c in dpkg-buildpackage lintian apt-get snmpd snmpwalk setpriv ss; do
        command -v "$c" >/dev/null || fail "$c is missing (scripts/test.sh installs what is needed)"
done
[[ -z $(pkg_status) || $(pkg_status) == un* || $(pkg_status) == pn* ]] ||
        fail "srvhealthd is installed here ($(pkg_status)); this test needs a machine without it"
! getent passwd srvhealth >/dev/null || fail "a user 'srvhealth' exists already"
! getent group srvhealth >/dev/null || fail "a group 'srvhealth' exists already"
if ss -Hlun | awk '{print $4}' | grep -Eq '[:.]161$'; then
        fail "something listens on udp port 161 already: $(ss -Hlunp | grep -E '[:.]161 ' | head -n 2)"
fi
[[ -f /etc/snmp/snmpd.conf ]] || fail "/etc/snmp/snmpd.conf is missing (apt-get install snmpd)"
if dpkg -V snmpd 2>/dev/null | grep -q ' /etc/snmp/snmpd.conf$'; then
        fail "/etc/snmp/snmpd.conf differs from Debian's; this test runs snmpd from the stock file"
fi
snmpd_exec=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/snmpd.service | head -n 1)
[[ $snmpd_exec == /usr/sbin/snmpd* ]] || fail "no ExecStart in /lib/systemd/system/snmpd.service"
ok "snmpd's unit runs: $snmpd_exec"
[[ -e /var/agentx ]] && had_agentx_dir=1
[[ -e /var/lib/srvhealthd ]] && had_state_dir=1
tar -C /var/lib -cpf "$W/var-lib-snmp.tar" snmp
snmp_state_saved=1

# What purge must give back: the files a package could touch (type, mode, owner), the contents of
# the account databases and of snmpd's configuration, and dpkg's view of all packages.
snapshot() {
        { find /etc /lib/systemd /usr/sbin /usr/share/snmp /usr/share/doc /usr/share/man/man5 \
                /usr/share/man/man8 /var/lib/systemd /var/lib/srvhealthd /run/srvhealthd \
                -xdev -printf '%p %y %m %u:%g\n' 2>/dev/null || true; } |
                grep -Ev '^/etc/(passwd|group|shadow|gshadow)- |^/etc/ld\.so\.cache ' | sort
        sha256sum /etc/passwd /etc/group /etc/shadow /etc/gshadow
        find /etc/snmp -type f -exec sha256sum {} + | sort -k 2
        dpkg-query -W -f '${binary:Package} ${Version} ${db:Status-Abbrev}\n' | sort
}
snapshot >"$W/before.txt"
ok "snapshot of the system: $(wc -l <"$W/before.txt") lines"

# --- 1. build and lint -------------------------------------------------------------------------

step "build the package (scripts/build-deb.sh)"
bash "$repo/scripts/build-deb.sh" "$W/deb" >"$W/build.log" 2>&1 || fail "the package build failed"
grep -E '(tests passed|tests failed)' "$W/build.log" | tail -n 1 | sed 's/^/  build: /'
changes=$(ls "$W"/deb/*.changes)
deb=$(ls "$W"/deb/srvhealthd_*.deb)
ok "built ${deb##*/}"

step "lintian ${changes##*/}"
set +e
lintian --fail-on error --display-level '>=info' "$changes" >"$W/lintian.log" 2>&1
lrc=$?
set -e
sed 's/^/    /' "$W/lintian.log" | grep -v 'running with root privileges' || true
assert_eq 0 "$lrc" "lintian exit status (no error)"
if grep -q '^E: ' "$W/lintian.log"; then fail "lintian reports errors"; fi

# --- 2. a stock snmpd, started once before the package exists -----------------------------------

agentx_up() { ss -Hlx | awk '{print $5}' | grep -Fqx /var/agentx/master; }
udp161_up() { ss -Hlun | awk '{print $4}' | grep -Fqx 127.0.0.1:161; }
wait_for() { # CMD SECONDS WHAT
        local deadline=$((SECONDS + $2))
        until eval "$1" >/dev/null 2>&1; do
                ((SECONDS < deadline)) || fail "$3 (waited $2 s)"
                sleep 0.1
        done
        ok "$3"
}

start_snmpd() {
        # shellcheck disable=SC2086 # the unit's command line, split as systemd splits it
        "${CLEAN_ENV[@]}" $snmpd_exec >>"$W/snmpd.log" 2>&1 &
        PIDS[snmpd]=$!
        wait_for "agentx_up && udp161_up" 15 "snmpd listens on udp 127.0.0.1:161 and /var/agentx/master"
}

step "start the system snmpd with the stock configuration, as 'apt-get install snmpd' does"
start_snmpd
stop_pid snmpd
assert_eq "700 root" "$(stat -c '%a %U' /var/agentx)" "/var/agentx as snmpd leaves it"

# --- 3. install --------------------------------------------------------------------------------

step "apt-get install ${deb##*/}"
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb" >"$W/install.log" 2>&1 ||
        fail "apt-get install failed"
assert_eq "ii " "$(pkg_status)" "dpkg status"
uid=$(id -u srvhealth)
((uid < 1000)) || fail "srvhealth is not a system user (uid $uid)"
ok "system user srvhealth (uid $uid), group $(id -gn srvhealth)"
assert_eq /usr/sbin/nologin "$(getent passwd srvhealth | cut -d: -f7)" "srvhealth's shell"
assert_eq "711 root" "$(stat -c '%a %U' /var/agentx)" "/var/agentx after postinst"
cmp -s "$repo/packaging/snmpd.conf.d/srvhealth.conf" /etc/snmp/snmpd.conf.d/srvhealth.conf ||
        fail "/etc/snmp/snmpd.conf.d/srvhealth.conf is not the shipped snippet"
cmp -s "$repo/packaging/srvhealthd.service" /lib/systemd/system/srvhealthd.service ||
        fail "/lib/systemd/system/srvhealthd.service is not packaging/srvhealthd.service"
[[ -f /usr/share/snmp/mibs/SRVHEALTH-MIB.txt ]] || fail "the MIB is not in /usr/share/snmp/mibs"
ok "snippet, unit and MIB in place"

# --- 4. the system snmpd and srvhealthd, as their units start them --------------------------------

step "restart the system snmpd (stock snmpd.conf + the package's snippet)"
start_snmpd
assert_eq "660 root:srvhealth" "$(stat -c '%a %U:%G' /var/agentx/master)" "AgentX socket"

unit=/lib/systemd/system/srvhealthd.service
unit_value() { sed -n "s/^$1=//p" "$unit" | tail -n 1; }
u_user=$(unit_value User)
u_group=$(unit_value Group)
u_exec=$(unit_value ExecStart)
u_umask=$(unit_value UMask)
u_runtime=$(unit_value RuntimeDirectory)
u_state=$(unit_value StateDirectory)
mapfile -t u_env < <(sed -n 's/^Environment=//p' "$unit")
step "start srvhealthd as its unit does: $u_user:$u_group, ${u_env[*]}, $u_exec"
# RuntimeDirectory= and StateDirectory=, as systemd makes them for User=
install -d -o "$u_user" -g "$u_group" -m 0755 "/run/$u_runtime"
install -d -o "$u_user" -g "$u_group" -m 0755 "/var/lib/$u_state"
(
        umask "${u_umask:-0022}"
        # shellcheck disable=SC2086
        exec "${CLEAN_ENV[@]}" "${u_env[@]}" setpriv --reuid="$u_user" --regid="$u_group" \
                --init-groups $u_exec
) >>"$W/srvhealthd.log" 2>&1 &
PIDS[srvhealthd]=$!
wait_for "[[ -s /run/$u_runtime/srvhealthd.pid ]]" 15 "srvhealthd wrote its pidfile"
assert_eq "$uid" "$(awk '/^Uid:/ { print $3 }' "/proc/${PIDS[srvhealthd]}/status")" "srvhealthd's uid"

step "the README's check: snmpget through the system snmpd"
version_answers() { snmpget -v2c -c public -t 1 -r 0 -Oqv localhost "$ROOT_OID.1.1.1.0" 2>/dev/null | grep -q '0\.1\.0'; }
wait_for version_answers 20 "srvhAgentVersion.0 answers through udp 127.0.0.1:161"
snmpget -v2c -c public localhost "$ROOT_OID.1.1.3.0" | sed 's/^/    /'

step "snmpwalk -v2c -c public localhost $ROOT_OID"
snmpwalk -v2c -c public localhost "$ROOT_OID" >"$W/walk.txt" 2>"$W/walk.err"
sed 's/^/    /' "$W/walk.txt" | head -n 12
n=$(wc -l <"$W/walk.txt")
((n >= 10)) || fail "the walk returned $n varbinds"
grep -q '8072\.9999\.9999\.73\.1\.1\.5\.1\.2\.1 = STRING: "md"' "$W/walk.txt" ||
        fail "the walk does not show the md module's row"
ok "$n varbinds, the md module's row among them"

step "the README's walk by name (its 'names' commands, in a fresh \$HOME)"
names=$(awk '/<!-- package-test: names -->/ { f = 1; next } f && /^```sh/ { g = 1; next } g && /^```/ { exit } g { print }' "$repo/README.md")
[[ -n $names ]] || fail "no '<!-- package-test: names -->' code block in README.md"
sed 's/^/    $ /' <<<"$names"
(cd "$HOME" && bash -euo pipefail -c "$names") >"$W/names.txt" 2>"$W/names.err" || {
        cat "$W/names.err" >&2
        fail "the README's commands failed"
}
sed 's/^/    /' "$W/names.txt" | head -n 8
grep -q '^SRVHEALTH-MIB::srvhAgentVersion\.0 = STRING: "\{0,1\}0\.1\.0' "$W/names.txt" ||
        fail "no SRVHEALTH-MIB::srvhAgentVersion.0 in the walk by name"
grep -Eq '^SRVHEALTH-MIB::srvhOverallStatus\.0 = INTEGER: [a-z]+\([1-4]\)$' "$W/names.txt" ||
        fail "srvhOverallStatus.0 is not shown with its enum label"
if grep -v '^Created directory:' "$W/names.err" | grep -q .; then
        cat "$W/names.err" >&2
        fail "the walk by name printed complaints (above)"
fi
ok "names and enum labels, nothing on stderr"

# --- 5. purge ------------------------------------------------------------------------------------

step "stop srvhealthd, apt-get purge srvhealthd"
stop_pid srvhealthd
DEBIAN_FRONTEND=noninteractive apt-get purge -y srvhealthd >"$W/purge.log" 2>&1 || fail "apt-get purge failed"
assert_eq "" "$(getent passwd srvhealth || true)" "user srvhealth after purge"
assert_eq "" "$(getent group srvhealth || true)" "group srvhealth after purge"
assert_eq 700 "$(stat -c '%a' /var/agentx)" "/var/agentx mode given back"
stop_pid snmpd
if ((!had_agentx_dir)); then rm -rf /var/agentx; fi
rm -rf /var/lib/snmp
tar -C /var/lib -xpf "$W/var-lib-snmp.tar"

snapshot >"$W/after.txt"
if ! diff -u --label "before install" --label "after purge" "$W/before.txt" "$W/after.txt"; then
        fail "the system differs after purge (diff above)"
fi
ok "files, accounts, snmpd's configuration and dpkg status as before"
