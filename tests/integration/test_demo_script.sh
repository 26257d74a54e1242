# scripts/demo.sh as README.md describes it, run without a terminal (stdin from /dev/null, as in
# CI): it starts its private snmpd and srvhealthd on the demo dataset, walks SRVHEALTH-MIB by name,
# with enum labels and no numeric OIDs and without a single "Cannot find module" line, then stops
# both daemons and exits 0 by itself. Packages and build are taken as they are (DEMO_SKIP_APT,
# DEMO_SKIP_BUILD with this build tree).
source "$(dirname "$0")/lib.sh" || exit 1

PORT=$(free_udp_port)
step "DEMO_PORT=$PORT bash scripts/demo.sh </dev/null"
set +e
env -u MIBS -u MIBDIRS -u SNMPCONFPATH DEMO_SKIP_APT=1 DEMO_SKIP_BUILD=1 DEMO_BUILD_DIR="$SRVH_BUILD_DIR" \
        DEMO_SYSROOT="$SRVH_SOURCE_DIR/examples/demo/sysroot" DEMO_PORT="$PORT" \
        timeout 120 bash "$SRVH_SOURCE_DIR/scripts/demo.sh" </dev/null >"$T/demo.out" 2>"$T/demo.err"
rc=$?
set -e
head -n 40 "$T/demo.out" | sed 's/^/    /'
echo "    ..."
if ((rc != 0)); then
        cat "$T/demo.err" >&2
        fail "demo.sh exited with $rc"
fi
echo "  ok: demo.sh exited 0 by itself"

step "the walk"
assert_match 'SRVHEALTH-MIB::srvhOverallStatus\.0 = INTEGER: critical\(3\)' "$(cat "$T/demo.out")" "overall status by name and label"
assert_match 'SRVHEALTH-MIB::srvhRaidArrayName\.2 = STRING: "?md1' "$(cat "$T/demo.out")" "md1's name"
assert_match 'SRVHEALTH-MIB::srvhRaidArrayHealth\.2 = INTEGER: critical\(3\)' "$(cat "$T/demo.out")" "md1's health label"
assert_match 'SRVHEALTH-MIB::srvhRaidMemberRole\.2\.4 = INTEGER: faulty\(3\)' "$(cat "$T/demo.out")" "sdf1's role label"
assert_gt 100 "$(grep -c '^SRVHEALTH-MIB::' "$T/demo.out")" "varbinds shown by name"
if grep -Eq '^(\.1\.3|iso\.3)\.6\.1\.4\.1\.8072\.9999\.9999\.73' "$T/demo.out"; then
        grep -E '^(\.1\.3|iso\.3)\.6\.1\.4\.1\.8072\.9999\.9999\.73' "$T/demo.out" | head -n 3
        fail "the demo printed numeric OIDs of the subtree"
fi
echo "  ok: no numeric OIDs of the subtree"
if grep -q 'Cannot find module' "$T/demo.out" "$T/demo.err"; then
        fail "the demo printed 'Cannot find module'"
fi
echo "  ok: no 'Cannot find module'"
assert_match 'stopping srvhealthd and the private snmpd' "$(cat "$T/demo.out")" "it says it stops"
if ss -Hlun | awk '{print $4}' | grep -Eq "[:.]$PORT\$"; then fail "the demo's snmpd still listens on $PORT"; fi
echo "  ok: nothing listens on $PORT any more"
step PASS
