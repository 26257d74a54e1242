# srvhealthd --dump [--json], the real binary, no snmpd: on the demo sysroot it prints md's rows
# under the MIB's column names (each name resolves, through the MIB and snmptranslate, to the OID
# whose value a walk through snmpd shows), no cell for what does not apply, exit 0; --json is valid
# JSON with the same values; on a sysroot whose mdstat is garbage it says why and exits 1.
source "$(dirname "$0")/lib.sh" || exit 1
source "$SRVH_SOURCE_DIR/tests/mib/base_mibs.sh"

DEMO=$SRVH_SOURCE_DIR/examples/demo/sysroot
write_srvh_conf

run() { # sets $out (stdout), $err (stderr), $rc
        set +e
        "$@" >"$T/out" 2>"$T/err"
        rc=$?
        set -e
        out=$(cat "$T/out")
        err=$(cat "$T/err")
        echo "  \$ ${*##*/} -> exit $rc ($(wc -l <"$T/out") lines)"
}

step "--dump on the demo sysroot, no snmpd running"
run "$SRVHEALTHD" --dump -c "$T/srvhealthd.conf" --sysroot "$DEMO"
assert_eq 0 "$rc" "--dump exit status"
line() { grep -E "^$1 = " <<<"$out" | sed -E "s/^[^=]+= //"; }
assert_eq '"md0"' "$(line 'srvhRaidArrayName\.1')" "md0's name"
assert_eq 3 "$(line 'srvhRaidArrayHealth\.2')" "md1 health critical(3)"
assert_eq 3740 "$(line 'srvhRaidArraySyncProgress\.3')" "md2 progress"
assert_eq '"faulty"' "$(line 'srvhRaidMemberState\.2\.4')" "md1's sdf1 state"
assert_eq '' "$(line 'srvhRaidArraySyncProgress\.1')" "md0 (idle) has no progress line"
assert_match '^# overall: critical: md: md1 raid5 degraded' "$(tail -n 1 <<<"$out")" "overall line"
assert_match '^# md: poll ok' "$out" "module header"
[[ -z $err ]] || fail "--dump wrote to stderr: $err"

step "every name --dump prints is the MIB's name of the OID that snmpd serves with that value"
mibs=$T/mibs
copy_base_mibs "$mibs"
cp "$SRVH_SOURCE_DIR/mibs/SRVHEALTH-MIB.txt" /usr/share/snmp/mibs/NET-SNMP-MIB.txt "$mibs/"
grep -v '^#' "$T/out" | sed -E 's/ = .*//' | sed 's/^/SRVHEALTH-MIB::/' >"$T/names"
# shellcheck disable=SC2046 # one argument per name
snmptranslate -M "$mibs" -m SRVHEALTH-MIB -On $(cat "$T/names") 2>"$T/xlate.err" | grep . >"$T/oids" ||
        fail "snmptranslate could not resolve the names: $(head -n 5 "$T/xlate.err")"
assert_eq "$(wc -l <"$T/names")" "$(wc -l <"$T/oids")" "every name resolved"
use_fixture "$DEMO"
start_stack 3
snmp_walk "$R.1.2" >"$T/walk"
n=0
while IFS= read -r dumpline <&3 && IFS= read -r oid <&4; do
        want=${dumpline#* = }
        want=${want#\"}
        want=${want%\"}
        [[ $dumpline == srvhRaidArrayLastChange* ]] && continue # polled at another moment
        got=$(walk_value "$T/walk" "$oid") || fail "${dumpline%% *} ($oid) is not in the walk"
        [[ $got == "$want" ]] || fail "${dumpline%% *} ($oid): --dump says '$want', snmpd '$got'"
        n=$((n + 1))
done 3< <(grep -v '^#' "$T/out") 4<"$T/oids"
assert_gt 100 "$n" "cells compared between --dump and the walk"
assert_eq "$(grep -c . "$T/walk")" "$(grep -vc '^#' "$T/out")" "--dump prints as many cells as snmpd serves"

step "--dump --json on the demo sysroot"
run "$SRVHEALTHD" --dump --json -c "$T/srvhealthd.conf" --sysroot "$DEMO"
assert_eq 0 "$rc" "--dump --json exit status"
python3 -m json.tool "$T/out" >/dev/null || fail "--dump --json is not valid JSON"
echo "  ok: python3 -m json.tool accepts it"
python3 - "$T/out" <<'PY' || fail "JSON values differ from the demo's"
import json, sys
d = json.load(open(sys.argv[1]))
md = [m for m in d["modules"] if m["name"] == "md"][0]
assert md["poll"] == "ok" and md["error"] is None, md
assert md["health"] == "critical", md["health"]
rows = {tuple(r["index"]): r for r in md["tables"]["srvhRaidArrayTable"]}
assert sorted(rows) == [(1,), (2,), (3,)], sorted(rows)
assert rows[(1,)]["srvhRaidArrayName"] == "md0"
assert "srvhRaidArraySyncProgress" not in rows[(1,)], rows[(1,)]
assert rows[(3,)]["srvhRaidArraySyncProgress"] == 3740
assert rows[(2,)]["srvhRaidArrayFailedDevices"] == 1
members = {tuple(r["index"]): r for r in md["tables"]["srvhRaidMemberTable"]}
assert members[(2, 4)]["srvhRaidMemberDevice"] == "sdf1"
assert members[(2, 4)]["srvhRaidMemberRole"] == 3
assert d["overall"]["status"] == "critical"
assert d["overall"]["message"].startswith("md: md1 raid5 degraded"), d["overall"]
print("  ok: module, rows, absent cells and overall status as the demo says")
PY

step "--dump on a sysroot whose mdstat is not mdstat"
mkdir -p "$T/broken/proc"
printf 'garbage\001 not mdstat\n' >"$T/broken/proc/mdstat"
run "$SRVHEALTHD" --dump -c "$T/srvhealthd.conf" --sysroot "$T/broken"
assert_eq 1 "$rc" "--dump exit status when the poll fails"
assert_match '# md: poll failed' "$out" "the failure is said"
assert_match 'error: /proc/mdstat is not in the format the kernel writes' "$out" "with the reason"
assert_eq 0 "$(grep -vc '^#' <<<"$out" || true)" "no rows from a failed poll"
run "$SRVHEALTHD" --dump --json -c "$T/srvhealthd.conf" --sysroot "$T/broken"
assert_eq 1 "$rc" "--dump --json exit status when the poll fails"
python3 - "$T/out" <<'PY' || fail "JSON of the failed poll is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
md = d["modules"][0]
assert md["poll"] == "failed" and "mdstat" in md["error"], md
assert md["tables"]["srvhRaidArrayTable"] == [], md
assert d["overall"]["status"] == "unknown", d["overall"]
print("  ok: poll failed, error names mdstat, no rows, overall unknown")
PY

step "--json without --dump is refused"
run "$SRVHEALTHD" --json
assert_eq 1 "$rc" "--json alone"
step PASS
