#!/bin/sh
# The community practice (bench only): an snmpd `extend` script that reads /proc/mdstat and each
# array's sysfs attributes at every request, one `cat` per attribute as such scripts do (the
# LibreNMS mdadm script also runs `mdadm --detail`; the bench has no real arrays, so sysfs alone).
# One line per array: name level raid_disks degraded sync_action sync_completed mismatch_cnt
# array_state component_size member=state... (a single JSON document, as that script prints, is
# cut by snmpd at about 8 KiB: at 64 arrays the last third would be lost).
# Usage: extend_md.sh SYSROOT
root=${1:-}
for md in $(awk '/^md[0-9]+ :/ {print $1}' "$root/proc/mdstat"); do
        d=$root/sys/block/$md/md
        [ -d "$d" ] || continue
        members=""
        for m in "$d"/dev-*; do
                members="$members ${m##*/dev-}=$(cat "$m/state")"
        done
        echo "$md $(cat "$d/level") $(cat "$d/raid_disks") $(cat "$d/degraded")" \
                "$(cat "$d/sync_action") $(cat "$d/sync_completed") $(cat "$d/mismatch_cnt")" \
                "$(cat "$d/array_state") $(cat "$d/component_size")$members"
done
