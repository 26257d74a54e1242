# Helpers of the exec integration tests (sourced after lib.sh): the srvhExtTable OIDs of a check.
# shellcheck shell=bash

EXT=$R.1.5.1.1     # srvhExtEntry
EXTOUT=$R.1.5.2.1  # srvhExtOutputEntry

# ext_idx NAME: the OCTET STRING index of a check name, ".len.c1.c2..." (RFC 2578 7.7).
ext_idx() {
        local s=$1 o=".${#1}" i
        for ((i = 0; i < ${#s}; i++)); do
                o+=.$(printf '%d' "'${s:i:1}")
        done
        echo "$o"
}

# ext COLUMN NAME: the instance OID of a srvhExtTable cell.
ext() { echo "$EXT.$1$(ext_idx "$2")"; }

# write_script NAME BODY: an executable check script in $T, owned by us, mode 0755.
write_script() {
        printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
        chmod 0755 "$T/$1"
}

# start_exec_stack: snmptrapd, snmpd and srvhealthd on an empty sysroot.
start_exec_stack() {
        mkdir -p "$T/root"
        start_snmptrapd
        start_snmpd
        start_srvhealthd
        must_wait subtree_answers 10 "srvhealthd answers through snmpd"
}
