# Sourced by the MIB tests: fail(), and copy_base_mibs DIR, which puts the IETF base MIBs
# (SNMPv2-SMI/-TC/-CONF, from Debian's erlang-snmp: Debian main ships none) into DIR as NAME.txt,
# the way smilint and net-snmp find modules. Fails (never skips) when a needed package is missing.

fail() {
        echo "FAIL: $*" >&2
        exit 1
}

copy_base_mibs() {
        local dir=$1 base= d f
        for d in /usr/lib/erlang/lib/snmp-*/mibs; do
                [ -f "$d/SNMPv2-SMI.mib" ] && base=$d
        done
        [ -n "$base" ] ||
                fail "no SNMPv2-SMI.mib under /usr/lib/erlang/lib/snmp-*/mibs (apt-get install erlang-snmp)"
        [ -f /usr/share/snmp/mibs/NET-SNMP-MIB.txt ] ||
                fail "/usr/share/snmp/mibs/NET-SNMP-MIB.txt not found (apt-get install snmp)"
        mkdir -p "$dir"
        for f in "$base"/SNMPv2-SMI.mib "$base"/SNMPv2-TC.mib "$base"/SNMPv2-CONF.mib; do
                cp "$f" "$dir/$(basename "$f" .mib).txt"
        done
}
