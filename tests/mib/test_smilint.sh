#!/bin/bash
# Lints mibs/SRVHEALTH-MIB.txt with `smilint -s -l 6`, which must print nothing. The IETF base MIBs
# (SNMPv2-SMI/-TC/-CONF) come from Debian's erlang-snmp package, as Debian main ships none.
# Run by ctest with SRVH_SOURCE_DIR set; fails (never skips) when a tool is missing.
set -euo pipefail

fail() {
        echo "FAIL: $*" >&2
        exit 1
}

src=${SRVH_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
mib=$src/mibs/SRVHEALTH-MIB.txt
[ -f "$mib" ] || fail "$mib not found"

command -v smilint >/dev/null || fail "smilint not found (apt-get install smitools)"
base=
for d in /usr/lib/erlang/lib/snmp-*/mibs; do
        [ -f "$d/SNMPv2-SMI.mib" ] && base=$d
done
[ -n "$base" ] || fail "no SNMPv2-SMI.mib under /usr/lib/erlang/lib/snmp-*/mibs (apt-get install erlang-snmp)"
[ -f /usr/share/snmp/mibs/NET-SNMP-MIB.txt ] ||
        fail "/usr/share/snmp/mibs/NET-SNMP-MIB.txt not found (apt-get install snmp)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# smilint finds modules by file name: NAME, NAME.txt, NAME.mib, ... in SMIPATH.
for f in "$base"/SNMPv2-SMI.mib "$base"/SNMPv2-TC.mib "$base"/SNMPv2-CONF.mib; do
        cp "$f" "$tmp/$(basename "$f" .mib).txt"
done

# smilint exits 0 even on errors: its output is the verdict.
out=$(SMIPATH="$tmp:/usr/share/snmp/mibs" smilint -s -l 6 "$mib" 2>&1) || true
if [ -n "$out" ]; then
        echo "smilint -s -l 6 $mib reported:" >&2
        echo "$out" >&2
        fail "SRVHEALTH-MIB is not lint-clean"
fi
echo "ok: smilint -s -l 6 prints nothing for SRVHEALTH-MIB"
