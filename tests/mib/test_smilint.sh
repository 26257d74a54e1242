#!/bin/bash
# Lints mibs/SRVHEALTH-MIB.txt with `smilint -s -l 6`, which must print nothing. The IETF base MIBs
# (SNMPv2-SMI/-TC/-CONF) come from Debian's erlang-snmp package, as Debian main ships none.
# Run by ctest with SRVH_SOURCE_DIR set; fails (never skips) when a tool is missing.
set -euo pipefail

source "$(dirname "$0")/base_mibs.sh"

src=${SRVH_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
mib=$src/mibs/SRVHEALTH-MIB.txt
[ -f "$mib" ] || fail "$mib not found"

command -v smilint >/dev/null || fail "smilint not found (apt-get install smitools)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
copy_base_mibs "$tmp"

# smilint exits 0 even on errors: its output is the verdict.
out=$(SMIPATH="$tmp:/usr/share/snmp/mibs" smilint -s -l 6 "$mib" 2>&1) || true
if [ -n "$out" ]; then
        echo "smilint -s -l 6 $mib reported:" >&2
        echo "$out" >&2
        fail "SRVHEALTH-MIB is not lint-clean"
fi
echo "ok: smilint -s -l 6 prints nothing for SRVHEALTH-MIB"
