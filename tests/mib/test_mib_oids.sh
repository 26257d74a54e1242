#!/bin/bash
# Checks that mibs/SRVHEALTH-MIB.txt and the C headers agree: every OID in srvhealth/oids.h and
# every enum value in srvhealth/enums.h (as printed by tests/tools/print_oids) against what
# snmptranslate reads from the MIB, and no MIB object, column or notification unknown to oids.h.
set -euo pipefail

source "$(dirname "$0")/base_mibs.sh"

src=${SRVH_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${SRVH_BUILD_DIR:?SRVH_BUILD_DIR must name the build tree}
mibdir=$src/mibs
[ -f "$mibdir/SRVHEALTH-MIB.txt" ] || fail "$mibdir/SRVHEALTH-MIB.txt not found"
print_oids=$build/tests/print_oids
[ -x "$print_oids" ] || fail "$print_oids not built (cmake --build $build --target print_oids)"

command -v snmptranslate >/dev/null || fail "snmptranslate not found (apt-get install snmp)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/persist" "$tmp/conf"
copy_base_mibs "$tmp/base"
# Keep net-snmp away from the host's and the user's configuration and persistent store.
export SNMP_PERSISTENT_DIR=$tmp/persist SNMPCONFPATH=$tmp/conf MIBS='' MIBDIRS=''
xlate() {
        snmptranslate -M "$tmp/base:$mibdir:/usr/share/snmp/mibs" -m SRVHEALTH-MIB "$@"
}

# The MIB must load without a single parser complaint, or lookups below may be half-true.
# (net-snmp's note that it created the empty persistent store is not a complaint.)
xlate -On SRVHEALTH-MIB::srvHealthMIB >/dev/null 2>"$tmp/load.raw" || true
grep -v '^Created directory:' "$tmp/load.raw" >"$tmp/load.err" || true
if [ -s "$tmp/load.err" ] || ! xlate -On SRVHEALTH-MIB::srvHealthMIB >/dev/null 2>&1; then
        cat "$tmp/load.err" >&2
        fail "SRVHEALTH-MIB does not load cleanly with snmptranslate"
fi

"$print_oids" >"$tmp/c.all" || fail "$print_oids failed"
awk 'NF == 2' "$tmp/c.all" | sort >"$tmp/c.oids"
awk 'NF == 3' "$tmp/c.all" | sort >"$tmp/c.enums"
if [ ! -s "$tmp/c.oids" ] || [ ! -s "$tmp/c.enums" ]; then
        fail "print_oids printed no OIDs or no enums"
fi
root=$(awk '$1 == "srvHealthMIB" { print $2 }' "$tmp/c.oids")
[ -n "$root" ] || fail "print_oids did not print srvHealthMIB"

status=0

# 1. Every node oids.h names has that OID in the MIB.
while read -r name _; do
        got=$(xlate -On "SRVHEALTH-MIB::$name" 2>&1) || got="(not in MIB: $got)"
        echo "$name $got"
done <"$tmp/c.oids" | sort >"$tmp/mib.oids"
if ! diff -u --label "oids.h (print_oids)" --label "SRVHEALTH-MIB (snmptranslate -On)" \
        "$tmp/c.oids" "$tmp/mib.oids"; then
        echo "FAIL: OIDs differ between srvhealth/oids.h and SRVHEALTH-MIB (see diff above)" >&2
        status=1
fi

# 2. Every MIB node outside srvhConformance (which the daemon never serves) is known to oids.h.
xlate -Tz 2>/dev/null | awk -v r="${root#.}" '
        { gsub(/"/, ""); n = $1; o = $2 }
        (o == r || index(o, r ".") == 1) && index(o, r ".2.") != 1 { print n " ." o }' |
        sort >"$tmp/mib.all"
if ! diff -u --label "oids.h (print_oids)" --label "SRVHEALTH-MIB (snmptranslate -Tz)" \
        "$tmp/c.oids" "$tmp/mib.all"; then
        echo "FAIL: the MIB and oids.h do not define the same set of nodes (see diff above)" >&2
        status=1
fi

# 3. Every enumerated object has exactly the labels and values of its C enum.
awk '{ print $1 }' "$tmp/c.enums" | sort -u | while read -r obj; do
        syntax=$(xlate -Td "SRVHEALTH-MIB::$obj" 2>/dev/null | awk -F'\t' '$1 ~ /^ *SYNTAX$/ { print $2 }')
        # "INTEGER {ok(1), warning(2)} " -> "obj ok 1" per label
        sed -n 's/^[^{]*{\(.*\)}.*$/\1/p' <<<"$syntax" | tr -d ' ' | tr ',' '\n' |
                sed -n "s/^\([A-Za-z0-9-]*\)(\(-\{0,1\}[0-9]*\))\$/$obj \1 \2/p"
done | sort >"$tmp/mib.enums"
if ! diff -u --label "enums.h (print_oids)" --label "SRVHEALTH-MIB (snmptranslate -Td)" \
        "$tmp/c.enums" "$tmp/mib.enums"; then
        echo "FAIL: enumerations differ between srvhealth/enums.h and SRVHEALTH-MIB (see diff above)" >&2
        status=1
fi

[ "$status" -eq 0 ] || exit 1
echo "ok: $(wc -l <"$tmp/c.oids") OIDs and $(wc -l <"$tmp/c.enums") enum values agree with SRVHEALTH-MIB"
