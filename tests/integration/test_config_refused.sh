# A configuration that could be subverted is refused before net-snmp reads it, at start (exit 1,
# each problem as file:line on the log) and by --check-config (all problems, exit 1): an
# includeFile naming a world-writable file, an includeDir holding a group-writable file, files
# owned by someone else, a group-writable directory on the way, a config below sticky /tmp, a FIFO
# given with -c (refused at once, never opened for reading), a NUL byte, agentxPingInterval
# 99999999999; and a pidfile that is a hard link to another file.
source "$(dirname "$0")/lib.sh" || exit 1

[[ $(id -u) -eq 0 ]] || fail "this test chowns files to nobody: run it as root"
use_fixture "$SRVH_FIXTURES/md-sysfs/healthy"

# start_refused CONF WHAT: the daemon started on CONF exits 1 within 5 s; sets $out.
start_refused() {
        local t0 rc
        t0=$(now_us)
        set +e
        out=$(timeout 10 "$SRVHEALTHD" -f -Lo -c "$1" -x "unix:$T/master" -p "$T/srvhealthd.pid" \
                --sysroot "$T/root" 2>&1)
        rc=$?
        set -e
        sed 's/^/    | /' <<<"$out"
        assert_eq 1 "$rc" "$2: exit status"
        (($(now_us) - t0 < 5000000)) || fail "$2: took $(secs_since "$t0") s to refuse"
        [[ ! -e $T/srvhealthd.pid ]] || fail "$2: pidfile left behind"
        assert_match 'refusing to start' "$out" "$2: says it refuses to start"
}

new_conf() { # FILE LINE...: a root-owned 0644 file
        local f=$1
        shift
        printf '%s\n' "$@" >"$f"
        chmod 0644 "$f"
}

step "includeFile naming a world-writable file"
new_conf "$T/ww.conf" "pollInterval md 5"
chmod 0666 "$T/ww.conf"
new_conf "$T/main.conf" "# main" "pollInterval md 2" "includeFile ww.conf"
start_refused "$T/main.conf" "world-writable include"
assert_match "$T/main.conf:3: includeFile ww.conf: file $T/ww.conf is world-writable \\(mode 0666\\)" \
        "$out" "names the include's file:line and the file"
assert_match "chmod go-w $T/ww.conf" "$out" "says the fix"
chmod 0644 "$T/ww.conf"
run_ok=$("$SRVHEALTHD" --check-config -c "$T/main.conf" 2>&1) || fail "fixed include still refused: $run_ok"
echo "  ok: --check-config accepts it once the include is chmod go-w"

step "includeDir holding a group-writable file (and a dot-file and a non-.conf file, not read)"
mkdir -m 0755 "$T/conf.d"
new_conf "$T/conf.d/10-ok.conf" "pollTimeout md 3"
new_conf "$T/conf.d/20-gw.conf" "eventTableSize 50"
chmod 0664 "$T/conf.d/20-gw.conf"
printf 'x\0y\n' >"$T/conf.d/.hidden.conf"
printf 'x\0y\n' >"$T/conf.d/notes.txt"
new_conf "$T/dir.conf" "includeDir $T/conf.d"
start_refused "$T/dir.conf" "group-writable file in includeDir"
assert_match "$T/dir.conf:1: includeDir $T/conf.d: file $T/conf.d/20-gw.conf is group-writable" \
        "$out" "names the includeDir line and the file"
if grep -Eq 'hidden|notes|10-ok' <<<"$out"; then fail "files net-snmp does not read (or good ones) were reported: $out"; fi
echo "  ok: only the group-writable .conf file is reported"

step "files owned by nobody: the top file and an included one"
new_conf "$T/nobody.conf" "pollInterval md 5"
chown nobody "$T/nobody.conf"
start_refused "$T/nobody.conf" "top file owned by nobody"
assert_match "$T/nobody.conf is owned by uid [0-9]+ \\(nobody\\), not root" "$out" "names the owner"
new_conf "$T/inc-nobody.conf" "includeFile $T/nobody.conf"
start_refused "$T/inc-nobody.conf" "included file owned by nobody"
assert_match "$T/inc-nobody.conf:1: includeFile $T/nobody.conf: file $T/nobody.conf is owned by" \
        "$out" "names the include line"

step "a group-writable directory on the way to the file"
mkdir -m 0775 "$T/gwdir"
new_conf "$T/gwdir/a.conf" "pollInterval md 5"
start_refused "$T/gwdir/a.conf" "group-writable directory"
assert_match "directory $T/gwdir is group-writable \\(mode 0775\\)" "$out" "names the directory"

step "a config below /tmp (root-owned, world-writable, sticky)"
tmpconf=$(mktemp /tmp/srvh-it-conf.XXXXXX)
chmod 0644 "$tmpconf"
set +e
out=$("$SRVHEALTHD" --check-config -c "$tmpconf" 2>&1)
rc=$?
set -e
rm -f "$tmpconf"
echo "    | $out"
assert_eq 1 "$rc" "--check-config exit status for a file in /tmp"
assert_match 'directory /tmp is world-writable with the sticky bit' "$out" "says why /tmp is refused"

step "a FIFO given with -c: refused at once, no hang"
mkfifo -m 0644 "$T/fifo.conf"
start_refused "$T/fifo.conf" "FIFO as config"
assert_match "$T/fifo.conf is a FIFO, not a regular file" "$out" "says it is a FIFO"
t0=$(now_us)
set +e
out=$(timeout 10 "$SRVHEALTHD" --check-config -c "$T/fifo.conf" 2>&1)
rc=$?
set -e
assert_eq 1 "$rc" "--check-config on a FIFO"
(($(now_us) - t0 < 2000000)) || fail "--check-config on a FIFO took $(secs_since "$t0") s"
echo "  ok: --check-config on the FIFO answered in $(secs_since "$t0") s"
mkfifo -m 0644 "$T/conf.d/30-fifo.conf"
chmod 0644 "$T/conf.d/20-gw.conf"
start_refused "$T/dir.conf" "FIFO inside an includeDir"
assert_match "$T/conf.d/30-fifo.conf is a FIFO" "$out" "names the FIFO in the directory"
rm -f "$T/conf.d/30-fifo.conf"

step "a NUL byte at line 3"
printf '# nul\npollInterval md 5\nagentxPingInterval 5\0 0\n' >"$T/nul.conf"
chmod 0644 "$T/nul.conf"
start_refused "$T/nul.conf" "NUL byte"
assert_match "$T/nul.conf:3: NUL byte at column 21" "$out" "names file:line and column"

step "agentxPingInterval 99999999999 at line 2"
new_conf "$T/ping.conf" "pollInterval md 5" "agentxPingInterval 99999999999"
start_refused "$T/ping.conf" "huge agentxPingInterval"
assert_match "$T/ping.conf:2: agentxPingInterval 99999999999 is out of range: it takes 1\\.\\.3600" \
        "$out" "names file:line and the range"

step "--check-config lists every problem of every file"
new_conf "$T/all.conf" "agentxPingInterval 0" "includeFile ww.conf" "agentXSocket tcp:localhost:705" \
        "frobnicate yes" "includeFile $T/nul.conf"
chmod 0666 "$T/ww.conf"
set +e
out=$("$SRVHEALTHD" --check-config -c "$T/all.conf" 2>&1)
rc=$?
set -e
sed 's/^/    | /' <<<"$out"
assert_eq 1 "$rc" "--check-config exit status"
assert_match "$T/all.conf:1: agentxPingInterval 0 is out of range" "$out" "line 1"
assert_match "$T/all.conf:2: includeFile ww.conf: file $T/ww.conf is world-writable" "$out" "line 2"
assert_match "$T/all.conf:3: agentXSocket tcp:localhost:705: AgentX over TCP has no authentication" "$out" "line 3"
assert_match "$T/nul.conf:3: NUL byte" "$out" "the included file's own problem"
chmod 0644 "$T/ww.conf"

step "pidfile that is a hard link to another file"
new_conf "$T/victim" "precious"
ln "$T/victim" "$T/link.pid"
new_conf "$T/ok.conf" "pollInterval md 5"
set +e
out=$(timeout 10 "$SRVHEALTHD" -f -Lo -c "$T/ok.conf" -x "unix:$T/master" -p "$T/link.pid" \
        --sysroot "$T/root" 2>&1)
rc=$?
set -e
echo "    | $out"
assert_eq 1 "$rc" "exit status with a hard-linked pidfile"
assert_match "pid file $T/link.pid has 2 links: it is a hard link to another file" "$out" "says why"
assert_eq precious "$(cat "$T/victim")" "the other file is untouched"
step "pidfile owned by nobody"
rm -f "$T/link.pid"
: >"$T/other.pid"
chown nobody "$T/other.pid"
set +e
out=$(timeout 10 "$SRVHEALTHD" -f -Lo -c "$T/ok.conf" -x "unix:$T/master" -p "$T/other.pid" \
        --sysroot "$T/root" 2>&1)
rc=$?
set -e
echo "    | $out"
assert_eq 1 "$rc" "exit status with a pidfile owned by nobody"
assert_match "pid file $T/other.pid is owned by uid [0-9]+ \\(nobody\\)" "$out" "says whose it is"
step PASS
