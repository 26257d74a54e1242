#!/bin/sh
# The VM test's scenario, run by the guest's /init (busybox sh) on Debian's kernel: udevd, snmpd,
# snmptrapd and srvhealthd (as its unprivileged user, with the unit's capabilities only), then md
# RAID1 and RAID5 created, failed, removed and added again, SMART of the emulated SATA disks, the
# NVMe disk, and a disk hot-added and removed by the host through the QEMU monitor.
# It only drives and records: every observation goes to /out (walks, the trap log, waits.txt
# with how long each wait took), and the host decides what passes (tests/vm/check_results.sh).
# A wait that times out is recorded and the scenario goes on, so one failure still leaves the
# rest to look at.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
R=.1.3.6.1.4.1.8072.9999.9999.73 # SRVHEALTH-MIB
AGENT=udp:127.0.0.1:161
# net-snmp's tools: no MIBs, no config but ours, numeric OIDs
export MIBS='' SNMPCONFPATH=/etc/snmp/client SNMP_PERSISTENT_DIR=/run/snmp-client
mkdir -p /etc/snmp/client /run/snmp-client

up_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
log() { echo "guest [$(cut -d' ' -f1 /proc/uptime) s] $*" | tee -a /out/guest.log; }

# get OID: the value alone; nothing for noSuchObject/noSuchInstance or no answer
get() {
        snmpget -v2c -c public -On -Oqv -t 2 -r 2 "$AGENT" "$1" 2>/dev/null | tr -d '"' |
                grep -v '^No Such'
}
# walk ARC NAME: srvhObjects.ARC (2 RAID, 3 disks, 6 events...), one "OID value" line per cell,
# into /out/walk-NAME.txt
walk() {
        snmpbulkwalk -v2c -c public -On -Oq -t 5 -r 2 "$AGENT" "$R.1${1:+.$1}" >"/out/walk-$2.txt" 2>&1
        log "walk $2: $(wc -l <"/out/walk-$2.txt") lines"
}
# col_count SUBTREE VALUE: how many cells below SUBTREE read VALUE
col_count() {
        snmpbulkwalk -v2c -c public -On -Oq -t 5 -r 2 "$AGENT" "$1" 2>/dev/null |
                awk -v v="$2" '{ $1 = ""; sub(/^ /, ""); gsub(/"/, "") } $0 == v { n++ } END { print n + 0 }'
}

# wait_for NAME SECONDS CONDITION: evaluate CONDITION every 0.2 s until it holds; the outcome and
# the milliseconds it took go to /out/waits.txt ("NAME ok|timeout MS").
wait_for() {
        w_name=$1 w_limit=$(($2 * 1000)) w_t0=$(up_ms)
        while :; do
                if eval "$3" >/dev/null 2>&1; then
                        echo "$w_name ok $(($(up_ms) - w_t0))" >>/out/waits.txt
                        log "$w_name after $(($(up_ms) - w_t0)) ms"
                        return 0
                fi
                if [ $(($(up_ms) - w_t0)) -gt "$w_limit" ]; then
                        echo "$w_name timeout $(($(up_ms) - w_t0))" >>/out/waits.txt
                        log "TIMEOUT: $w_name ($2 s: $3)"
                        return 1
                fi
                sleep 0.2
        done
}

# trap_seen N OBJECT: snmptrapd logged notification R.0.N whose srvhNotifyObject is OBJECT, with
# a sequence number above the last phase's (an earlier one of the same kind does not count)
trap_seen() {
        grep -F "$R.0.$1	" /out/traps.log 2>/dev/null | grep -F "$R.1.7.3.0 = STRING: \"$2\"" |
                tr '\t' '\n' | sed -n "s/^$R.1.7.1.0 = Gauge32: //p" |
                awk -v p="${PHASE_SEQ:-0}" '$1 > p { found = 1 } END { exit !found }'
}
array_state() { get "$R.1.2.1.1.4.$1"; } # md0 is index 1
mdstat() { { echo "== $1"; cat /proc/mdstat; } >>/out/mdstat.txt; }
speed_max() { echo "$1" >/proc/sys/dev/raid/speed_limit_max; }
# phase NAME: the newest event sequence number before a step, so the host tells this step's
# notifications from earlier ones of the same kind (/out/phases.txt: "NAME SEQ")
phase() {
        PHASE_SEQ=$(get $R.1.6.2.0)
        echo "$1 $PHASE_SEQ" >>/out/phases.txt
}

# --- udev: disk nodes, their group and the properties srvhealthd reads (ID_SERIAL_SHORT...) ------
log "starting systemd-udevd"
/lib/systemd/systemd-udevd --daemon --resolve-names=early
# Only the block devices: the rest of the machine (hundreds of platform, PCI and tty devices,
# seconds of emulated CPU) is nothing srvhealthd asks udev about.
udevadm trigger --action=add --subsystem-match=block
udevadm settle --timeout=60
ls -l /dev/disk/by-id >/out/by-id.txt 2>&1
# SATA disks by the serial QEMU gave them (names sdX change between boots)
dev_of() { readlink -f "/dev/disk/by-id/ata-QEMU_HARDDISK_$1"; }
R1A=$(dev_of VMR1A) R1B=$(dev_of VMR1B)
R5A=$(dev_of VMR5A) R5B=$(dev_of VMR5B) R5C=$(dev_of VMR5C)
for s in VMR1A VMR1B VMR5A VMR5B VMR5C; do echo "$s $(dev_of $s)"; done >/out/disks.txt
log "disks: $(tr '\n' ' ' </out/disks.txt)"
ls -l /dev/sd? /dev/nvme* >/out/dev-nodes.txt 2>&1

# --- snmptrapd, snmpd (the package's snippet included), srvhealthd ------------------------------
cat >/etc/snmp/snmptrapd.conf <<'EOF'
authCommunity log public
doNotRetainNotificationLogs yes
format2 TRAP %V\t%v\n
EOF
snmptrapd -f -Lo -C -On -c /etc/snmp/snmptrapd.conf udp:127.0.0.1:162 >/out/traps.log 2>&1 &
# Debian's stock snmpd.conf shows only "systemonly"; the snippet adds our subtree to that view.
cat >/etc/snmp/snmpd.conf <<'EOF'
agentaddress udp:127.0.0.1:161
view systemonly included .1.3.6.1.2.1.1
view systemonly included .1.3.6.1.2.1.25.1
rocommunity public 127.0.0.1 -V systemonly
trap2sink udp:127.0.0.1:162 public
dontLogTCPWrappersConnects yes
includeFile /etc/snmp/snmpd.conf.d/srvhealth.conf
EOF
snmpd -f -Lo -C -I -smux -c /etc/snmp/snmpd.conf -p /run/snmpd.pid >/out/snmpd.log 2>&1 &
wait_for snmpd_socket 30 "[ -S /var/agentx/master ]"

# start_srvhealthd NAME UNIT-FILE...: srvhealthd with the user, groups and capabilities the unit
# (and drop-ins after it) give, NoNewPrivileges too; /out/setpriv-NAME.txt says how,
# /out/srvhealthd-NAME.log is its log, /out/srvhealthd-status-NAME.txt its /proc status. Sets pid.
uval() { # KEY FILE...: the last KEY= line of the files, in order (as systemd reads them)
        k=$1
        shift
        cat "$@" | sed -n "s/^$k=//p" | tail -n 1
}
ucaps() { # KEY FILE...: capability lines add up across the unit and its drop-ins; empty resets
        k=$1
        shift
        cat "$@" | sed -n "s/^$k=//p" | awk '$0 == "" { s = ""; next } { s = s " " $0 } END { print s }'
}
capset() { # "CAP_SYS_RAWIO CAP_SYS_ADMIN" -> "-all,+sys_rawio,+sys_admin"
        printf -- '-all'
        for c in $1; do printf ',+%s' "$(echo "${c#CAP_}" | tr '[:upper:]' '[:lower:]')"; done
}
start_srvhealthd() {
        inst=$1
        shift
        user=$(uval User "$@") group=$(uval Group "$@")
        groups=$(uval SupplementaryGroups "$@" | tr ' ' ',')
        amb=$(capset "$(ucaps AmbientCapabilities "$@")")
        bnd=$(capset "$(ucaps CapabilityBoundingSet "$@")")
        nnp=
        [ "$(uval NoNewPrivileges "$@")" = yes ] && nnp=--no-new-privs
        mkdir -p /run/srvhealthd /var/lib/srvhealthd
        chown "$user:$group" /run/srvhealthd /var/lib/srvhealthd
        echo "setpriv --reuid=$user --regid=$group --groups=$groups --inh-caps=$amb" \
                "--ambient-caps=$amb --bounding-set=$bnd $nnp" >"/out/setpriv-$inst.txt"
        log "srvhealthd ($inst): $(cat "/out/setpriv-$inst.txt")"
        (
                umask 0027
                exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin SNMP_PERSISTENT_DIR=/var/lib/srvhealthd \
                        /usr/bin/setpriv --reuid="$user" --regid="$group" --groups="$groups" \
                        --inh-caps="$amb" --ambient-caps="$amb" --bounding-set="$bnd" $nnp \
                        /usr/sbin/srvhealthd -f -Lo -p /run/srvhealthd/srvhealthd.pid
        ) >"/out/srvhealthd-$inst.log" 2>&1 &
        if ! wait_for "agent_registered_$inst" 60 "[ -n \"\$(get $R.1.1.1.0)\" ]"; then
                log "srvhealthd did not register; its log:"
                cat "/out/srvhealthd-$inst.log"
                return 1
        fi
        pid=$(cat /run/srvhealthd/srvhealthd.pid 2>/dev/null)
        grep -E '^(Uid|Gid|Groups|CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs):' \
                "/proc/$pid/status" >"/out/srvhealthd-status-$inst.txt" 2>&1
        log "srvhealthd pid $pid: $(tr '\n\t' '  ' <"/out/srvhealthd-status-$inst.txt")"
}
stop_srvhealthd() {
        kill "$pid" 2>/dev/null
        wait_for "srvhealthd_stopped_$1" 10 "! kill -0 $pid"
        # snmpd drops the subtree once the session closes
        wait_for "agent_gone_$1" 10 "[ -z \"\$(get $R.1.1.1.0)\" ]"
}

start_srvhealthd unit /etc/srvhealthd.service || exit 1 # nothing below could be observed

# --- SMART: the first poll reads every disk ------------------------------------------------------
wait_for smart_sata_read 60 "[ \$(col_count $R.1.3.1.1.22 1) -ge 5 ]"
walk 3 smart

# --- RAID1 and RAID5 created (throttled, so the initial sync is seen) ----------------------------
echo 100 >/proc/sys/dev/raid/speed_limit_min
speed_max 500
mdadm --create /dev/md0 --run --level=1 --raid-devices=2 --metadata=1.2 "$R1A" "$R1B" 2>>/out/mdadm.log
mdadm --create /dev/md1 --run --level=5 --raid-devices=3 --metadata=1.2 "$R5A" "$R5B" "$R5C" 2>>/out/mdadm.log
mdstat created
wait_for md0_resyncing 20 "[ \"\$(array_state 1)\" = 4 ]"
wait_for md1_recovering 20 "[ \"\$(array_state 2)\" = 5 ]"
walk 2 raid-syncing
speed_max 200000
wait_for md0_clean 60 "[ \"\$(array_state 1)\" = 1 ]"
wait_for md1_clean 60 "[ \"\$(array_state 2)\" = 1 ]"
walk 2 raid-clean
mdstat clean

# --- one member of each fails ----------------------------------------------------------------------
phase fail
mdadm /dev/md0 --fail "$R1B" 2>>/out/mdadm.log
mdadm /dev/md1 --fail "$R5B" 2>>/out/mdadm.log
mdstat failed
wait_for md0_degraded 20 "[ \"\$(array_state 1)\" = 3 ]"
wait_for md1_degraded 20 "[ \"\$(array_state 2)\" = 3 ]"
walk 2 raid-failed
b1=${R1B#/dev/} b5=${R5B#/dev/}
wait_for trap_md0_degraded 10 "trap_seen 1 md0"
wait_for trap_md1_degraded 10 "trap_seen 1 md1"
wait_for trap_md0_member_failed 10 "trap_seen 4 md0/$b1"
wait_for trap_md1_member_failed 10 "trap_seen 4 md1/$b5"

# --- removed, then added back: a full recovery onto a blank member --------------------------------
phase readd
mdadm /dev/md0 --remove "$R1B" 2>>/out/mdadm.log
mdadm /dev/md1 --remove "$R5B" 2>>/out/mdadm.log
mdstat removed
wait_for md0_member_removed 20 "[ \$(col_count $R.1.2.2.1.2.1 $b1) -eq 0 ]"
walk 2 raid-removed
mdadm --zero-superblock "$R1B" "$R5B" 2>>/out/mdadm.log
speed_max 3000
mdadm /dev/md0 --add "$R1B" 2>>/out/mdadm.log
mdadm /dev/md1 --add "$R5B" 2>>/out/mdadm.log
mdstat added
wait_for md0_recovering 20 "[ \"\$(array_state 1)\" = 5 ]"
wait_for md1_recovering_again 20 "[ \"\$(array_state 2)\" = 5 ]"
wait_for md0_progress 20 "[ \"\$(get $R.1.2.1.1.12.1)\" -gt 0 ] 2>/dev/null"
walk 2 raid-rebuilding
mdstat rebuilding
wait_for trap_md0_rebuild_started 10 "trap_seen 7 md0"
wait_for trap_md1_rebuild_started 10 "trap_seen 7 md1"
wait_for trap_md0_rebuild_progress 30 "trap_seen 8 md0"
speed_max 200000
wait_for md0_clean_again 60 "[ \"\$(array_state 1)\" = 1 ]"
wait_for md1_clean_again 60 "[ \"\$(array_state 2)\" = 1 ]"
walk 2 raid-rebuilt
mdstat rebuilt
wait_for trap_md0_rebuild_finished 10 "trap_seen 9 md0"
wait_for trap_md1_rebuild_finished 10 "trap_seen 9 md1"
wait_for trap_md0_recovered 10 "trap_seen 3 md0"
wait_for trap_md1_recovered 10 "trap_seen 3 md1"

# --- hot-plug: the host adds and removes a disk through the QEMU monitor --------------------------
# Lines on the second serial port are the host's cue (tests/vm/run_vm_test.sh).
disk_row() { snmpbulkwalk -v2c -c public -On -Oq -t 5 -r 2 "$AGENT" "$R.1.3.1.1.4" 2>/dev/null | grep -q "\"*$1\"*\$"; }
phase hotplug
echo HOTADD >/dev/ttyS1
wait_for hot_disk_appeared 60 "disk_row VMHOT1"
walk 3.1.1.4 disk-hotadded
wait_for trap_disk_appeared 10 "grep -F '$R.0.28	' /out/traps.log"
echo HOTDEL >/dev/ttyS1
wait_for hot_disk_removed 60 "! disk_row VMHOT1"
walk 3.1.1.4 disk-hotremoved
wait_for trap_disk_removed 10 "grep -F '$R.0.29	' /out/traps.log"

# --- the end of the run under the unit: its event log, then srvhealthd stopped -------------------
walk 6 final
cp /out/traps.log /out/traps-unit.log
stop_srvhealthd unit

# --- NVMe health: the unit gives no CAP_SYS_ADMIN, so the walks above have the NVMe disk as
# noPermission with its hwmon temperature. The drop-in the package ships for NVMe health
# (packaging/nvme-health.conf) grants it: run again with both.
start_srvhealthd nvme /etc/srvhealthd.service /etc/srvhealthd.service.d/nvme-health.conf || exit 1
wait_for nvme_health_read 60 "[ \"\$(get $R.1.3.1.1.22.7.86.77.78.86.77.69.49)\" = 1 ]"
walk 3.1 disk-nvme
stop_srvhealthd nvme
log "scenario done"
echo DONE >/dev/ttyS1
