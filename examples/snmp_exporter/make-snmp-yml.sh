#!/bin/sh
# make-snmp-yml.sh [OUTPUT]: turn generator.yml (next to this script) into an snmp.yml for
# prometheus-snmp-exporter, module "srvhealth"; OUTPUT defaults to ./snmp.yml.
#
# Needs Debian's prometheus-snmp-exporter (it ships prometheus-snmp-generator) and the MIBs that
# SRVHEALTH-MIB imports: NET-SNMP-MIB (libsnmp-base) and the IETF SNMPv2-SMI/-TC/-CONF, taken from
# snmp-mibs-downloader if installed, else from erlang-snmp (Debian main). SRVHEALTH-MIB itself is
# $SRVHEALTH_MIB if set, else the source tree's mibs/ (when run from a checkout), else the
# installed /usr/share/snmp/mibs/SRVHEALTH-MIB.txt.
#
# The generator names a lookup label after the MIB column it reads (srvhRaidArrayName); the
# exporter's config is renamed here to module, array and device.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-snmp.yml}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac

die() {
        echo "make-snmp-yml.sh: $*" >&2
        exit 1
}
command -v prometheus-snmp-generator >/dev/null ||
        die "prometheus-snmp-generator not found (apt-get install prometheus-snmp-exporter)"

mib=${SRVHEALTH_MIB:-}
if [ -z "$mib" ]; then
        for m in "$here/../../mibs/SRVHEALTH-MIB.txt" /usr/share/snmp/mibs/SRVHEALTH-MIB.txt; do
                if [ -f "$m" ]; then
                        mib=$m
                        break
                fi
        done
fi
if [ -z "$mib" ] || [ ! -f "$mib" ]; then die "SRVHEALTH-MIB.txt not found (set SRVHEALTH_MIB=FILE)"; fi
[ -f /usr/share/snmp/mibs/NET-SNMP-MIB.txt ] ||
        die "/usr/share/snmp/mibs/NET-SNMP-MIB.txt not found (apt-get install libsnmp-base)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/mibs"
cp "$mib" "$work/mibs/SRVHEALTH-MIB.txt"
cp /usr/share/snmp/mibs/NET-SNMP-MIB.txt "$work/mibs/"
for name in SNMPv2-SMI SNMPv2-TC SNMPv2-CONF; do
        src=
        if [ -f "/usr/share/snmp/mibs/ietf/$name" ]; then
                src=/usr/share/snmp/mibs/ietf/$name
        else
                for f in /usr/lib/erlang/lib/snmp-*/mibs/"$name".mib; do
                        [ -f "$f" ] && src=$f
                done
        fi
        [ -n "$src" ] || die "no $name MIB (apt-get install erlang-snmp, or snmp-mibs-downloader)"
        cp "$src" "$work/mibs/$name.txt"
done

cp "$here/generator.yml" "$work/"
(cd "$work" && MIBDIRS=mibs prometheus-snmp-generator --fail-on-parse-errors generate) ||
        die "the generator failed (messages above)"

sed -e 's/^\( *labelname:\) srvhModuleName$/\1 module/' \
        -e 's/^\( *labelname:\) srvhRaidArrayName$/\1 array/' \
        -e 's/^\( *labelname:\) srvhRaidMemberDevice$/\1 device/' \
        "$work/snmp.yml" >"$work/snmp.yml.renamed"
for label in module array device; do
        grep -q "labelname: $label\$" "$work/snmp.yml.renamed" ||
                die "no '$label' label in the generated snmp.yml: has the generator's output changed?"
done
if grep -Eq 'labelname: srvh(ModuleName|RaidArrayName|RaidMemberDevice)$' "$work/snmp.yml.renamed"; then
        die "a lookup label kept its MIB name in the generated snmp.yml"
fi
cp "$work/snmp.yml.renamed" "$out"
echo "wrote $out (module srvhealth)"
