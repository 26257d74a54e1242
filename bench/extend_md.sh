#!/bin/sh
# The community practice (bench only): an snmpd `extend` script that reads /proc/mdstat and each
# array's sysfs attributes at every request and prints one JSON document (the shape of the
# LibreNMS mdadm application script, which also runs `mdadm --detail`; the bench has no real
# arrays, so the attributes come from sysfs alone, one `cat` each, as such scripts read them).
# Usage: extend_md.sh SYSROOT
root=${1:-}
first=1
printf '{"data":['
for md in $(awk '/^md[0-9]+ :/ {print $1}' "$root/proc/mdstat"); do
        d=$root/sys/block/$md/md
        [ -d "$d" ] || continue
        level=$(cat "$d/level")
        disks=$(cat "$d/raid_disks")
        degraded=$(cat "$d/degraded")
        action=$(cat "$d/sync_action")
        completed=$(cat "$d/sync_completed")
        mismatch=$(cat "$d/mismatch_cnt")
        state=$(cat "$d/array_state")
        size=$(cat "$d/component_size")
        members=""
        for m in "$d"/dev-*; do
                members="$members\"${m##*/dev-}\":\"$(cat "$m/state")\","
        done
        [ $first = 1 ] || printf ','
        first=0
        printf '{"name":"%s","level":"%s","raid_disks":%s,"degraded":%s,"sync_action":"%s",' \
                "$md" "$level" "$disks" "$degraded" "$action"
        printf '"sync_completed":"%s","mismatch_cnt":%s,"state":"%s","size":%s,"members":{%s}}' \
                "$completed" "$mismatch" "$state" "$size" "${members%,}"
done
printf '],"error":0,"version":1}\n'
