#!/bin/sh
# A stand-in for zpool(8) and zfs(8) on hosts without ZFS: replays output recorded in the
# directory "replay" next to wherever this script is installed (bin/zpool -> bin/replay/). It
# answers only the command lines the srvhealthd ZFS collector runs, and refuses to run unless called the way the
# collector must call it (LC_ALL=C, nothing else inherited), so a test notices a regression there.
#   replay/list.out, status.out, get.out   what stdout gets
#   replay/listjson.out, statusjson.out,   zpool list -j, zpool status -j, zfs get -j (OpenZFS
#   getjson.out                            2.3); without the file, that -j is refused as by a
#                                          release before 2.3
#   replay/NAME.err, replay/NAME.rc        stderr text and exit status (default 0)
#   replay/NAME.sleep                      seconds to sleep first (a hung zpool)
#   replay/calls.log                       one line per call, appended
set -u
replay=${0%/*}/replay
printf '%s\n' "$*" >>"$replay/calls.log"

if [ "${LC_ALL:-}" != C ]; then
        echo "zpool-replay: LC_ALL is '${LC_ALL:-}', not C" >&2
        exit 4
fi
leaked=$(env | grep -Ev '^(PATH|LC_ALL|PWD|SHLVL|OLDPWD|_)=' || true)
if [ -n "$leaked" ]; then
        echo "zpool-replay: inherited environment: $leaked" >&2
        exit 4
fi

case "$*" in
"list -Hp -o name,size,allocated,free,fragmentation,capacity,dedupratio,health") name="list" ;;
"list -j -p -o name,size,allocated,free,fragmentation,capacity,dedupratio,health") name="listjson" ;;
"status -p -D") name="status" ;;
"status -j -p -D") name="statusjson" ;;
"get -Hp -t filesystem,volume dedup,compressratio") name="get" ;;
"get -j -p -t filesystem,volume dedup,compressratio") name="getjson" ;;
*)
        echo "zpool-replay: unexpected arguments: $*" >&2
        exit 2
        ;;
esac

# Without a recorded JSON answer, be a zpool from before 2.3, which has no -j.
case "$name" in *json) json=1 ;; *) json=0 ;; esac
if [ "$json" = 1 ] && [ ! -f "$replay/$name.out" ]; then
        echo "invalid option 'j'" >&2
        echo "usage:" >&2
        exit 2
fi
if [ -f "$replay/$name.sleep" ]; then
        sleep "$(cat "$replay/$name.sleep")"
fi
if [ -f "$replay/$name.err" ]; then
        cat "$replay/$name.err" >&2
fi
if [ ! -f "$replay/$name.out" ]; then
        echo "zpool-replay: nothing recorded in $replay/$name.out" >&2
        exit 3
fi
cat "$replay/$name.out"
rc=0
if [ -f "$replay/$name.rc" ]; then
        rc=$(cat "$replay/$name.rc")
fi
exit "$rc"
