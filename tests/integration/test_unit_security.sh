# packaging/srvhealthd.service parses without a single warning, runs srvhealthd as its own user
# (not root, not DynamicUser) with CAP_SYS_RAWIO and no other capability (SMART over SG_IO), and systemd-analyze's offline security review
# rates its exposure 2.0 or better (0 is best, 10 worst); so does the unit with the NVMe drop-in
# (packaging/nvme-health.conf), which adds CAP_SYS_ADMIN and the NVMe nodes read-only, nothing else.
source "$(dirname "$0")/lib.sh" || exit 1

UNIT=$SRVH_SOURCE_DIR/packaging/srvhealthd.service
LIMIT=2.0
command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing (Debian package systemd)"

step "systemd-analyze security --offline=true ${UNIT#"$SRVH_SOURCE_DIR"/}"
set +e
systemd-analyze security --offline=true --no-pager "$UNIT" >"$T/security.out" 2>"$T/security.err"
rc=$?
set -e
sed 's/^/    /' "$T/security.out" | grep -v '✓' || true
assert_eq 0 "$rc" "systemd-analyze exit status"
# A misspelt directive or value is only a warning on stderr, and the setting silently does nothing.
assert_eq "" "$(cat "$T/security.err")" "systemd-analyze warnings about the unit"

line=$(grep -E 'Overall exposure level for .*: [0-9]+\.[0-9]' "$T/security.out" || true)
[[ -n $line ]] || fail "no 'Overall exposure level' line in systemd-analyze's output"
score=$(sed -E 's/.*: ([0-9]+\.[0-9]+).*/\1/' <<<"$line")
if ! awk -v s="$score" -v l="$LIMIT" 'BEGIN { exit !(s + 0 <= l + 0) }'; then
        fail "exposure $score is above $LIMIT"
fi
echo "  ok: exposure $score <= $LIMIT"

step "the unit's user, capabilities and directories"
unit_value() { # KEY: the last value of KEY= in [Service]
        awk -F= -v k="$1" '/^\[/ { s = $0 } s == "[Service]" && $1 == k { v = substr($0, length(k) + 2) } END { print v }' "$UNIT"
}
assert_eq srvhealth "$(unit_value User)" "User="
assert_eq srvhealth "$(unit_value Group)" "Group= (the group snmpd's agentXPerms names)"
assert_eq "" "$(unit_value DynamicUser)" "DynamicUser= (unset: the group must be stable)"
assert_eq CAP_SYS_RAWIO "$(unit_value CapabilityBoundingSet)" "CapabilityBoundingSet= (SG_IO only)"
assert_eq CAP_SYS_RAWIO "$(unit_value AmbientCapabilities)" "AmbientCapabilities="
unit_values() { # KEY: every value of KEY= in [Service], one per line
        awk -F= -v k="$1" '/^\[/ { s = $0 } s == "[Service]" && $1 == k { print substr($0, length(k) + 2) }' "$UNIT"
}
assert_eq $'block-sd r\n/dev/zfs rw' "$(unit_values DeviceAllow)" \
        "DeviceAllow= (disk nodes read-only for SMART, /dev/zfs for zpool, nothing else)"
assert_eq closed "$(unit_value DevicePolicy)" "DevicePolicy="
assert_eq disk "$(unit_value SupplementaryGroups)" "SupplementaryGroups= (read the disk nodes)"
assert_eq srvhealthd "$(unit_value RuntimeDirectory)" "RuntimeDirectory="
assert_eq srvhealthd "$(unit_value StateDirectory)" "StateDirectory="
assert_match '/run/srvhealthd/' "$(unit_value ExecStart)" "ExecStart's pidfile is in the RuntimeDirectory"

step "with the NVMe drop-in (packaging/nvme-health.conf) read after the unit"
DROPIN=$SRVH_SOURCE_DIR/packaging/nvme-health.conf
mkdir -p "$T/nvme"
{ cat "$UNIT"; echo; cat "$DROPIN"; } >"$T/nvme/srvhealthd.service"
set +e
systemd-analyze security --offline=true --no-pager "$T/nvme/srvhealthd.service" \
        >"$T/nvme/security.out" 2>"$T/nvme/security.err"
rc=$?
set -e
assert_eq 0 "$rc" "systemd-analyze exit status with the drop-in"
assert_eq "" "$(cat "$T/nvme/security.err")" "systemd-analyze warnings about the drop-in"
grep -q 'CapabilityBoundingSet=~CAP_SYS_ADMIN .*has administrator privileges' "$T/nvme/security.out" ||
        fail "the drop-in does not grant CAP_SYS_ADMIN"
grep -q 'CapabilityBoundingSet=~CAP_SYS_RAWIO .*raw I/O' "$T/nvme/security.out" ||
        fail "the drop-in lost CAP_SYS_RAWIO"
line=$(grep -E 'Overall exposure level for .*: [0-9]+\.[0-9]' "$T/nvme/security.out" || true)
nscore=$(sed -E 's/.*: ([0-9]+\.[0-9]+).*/\1/' <<<"$line")
awk -v s="$nscore" -v l="$LIMIT" 'BEGIN { exit !(s + 0 <= l + 0) }' ||
        fail "exposure with the NVMe drop-in $nscore is above $LIMIT"
echo "  ok: exposure with the NVMe drop-in $nscore <= $LIMIT (unit alone: $score)"
assert_eq $'CAP_SYS_ADMIN\nblock-blkext r' \
        "$(awk -F= '$1 == "AmbientCapabilities" || $1 == "DeviceAllow" { print $2 }' "$DROPIN")" \
        "the drop-in adds CAP_SYS_ADMIN and the NVMe nodes read-only, nothing else"
step PASS
