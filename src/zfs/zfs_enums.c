/* Names of the ZFS module's MIB enumerations, spelled as the MIB's labels: used in notification
 * varbinds (srvhNotifyNewState/OldState), event texts and srvhOverallMessage. */
#include "zfs/zfs_enums.h"

#include <stddef.h>

#define NAME_OF(table, v)                                                                          \
        (((size_t)(v) < sizeof(table) / sizeof((table)[0]) && (table)[(v)]) ? (table)[(v)]         \
                                                                            : "unknown")

const char *zfs_pool_health_name(enum zfs_pool_health h)
{
        static const char *const names[] = {
            [ZFS_HEALTH_ONLINE] = "online",       [ZFS_HEALTH_DEGRADED] = "degraded",
            [ZFS_HEALTH_FAULTED] = "faulted",     [ZFS_HEALTH_OFFLINE] = "offline",
            [ZFS_HEALTH_REMOVED] = "removed",     [ZFS_HEALTH_UNAVAIL] = "unavail",
            [ZFS_HEALTH_SUSPENDED] = "suspended", [ZFS_HEALTH_UNKNOWN] = "unknown",
        };
        return NAME_OF(names, h);
}

const char *zfs_scan_func_name(enum zfs_scan_func f)
{
        static const char *const names[] = {
            [ZFS_SCAN_FUNC_NONE] = "none",         [ZFS_SCAN_FUNC_SCRUB] = "scrub",
            [ZFS_SCAN_FUNC_RESILVER] = "resilver", [ZFS_SCAN_FUNC_ERROR_SCRUB] = "errorScrub",
            [ZFS_SCAN_FUNC_UNKNOWN] = "unknown",
        };
        return NAME_OF(names, f);
}

const char *zfs_scan_state_name(enum zfs_scan_state s)
{
        static const char *const names[] = {
            [ZFS_SCAN_NONE] = "none",         [ZFS_SCAN_RUNNING] = "running",
            [ZFS_SCAN_FINISHED] = "finished", [ZFS_SCAN_CANCELED] = "canceled",
            [ZFS_SCAN_PAUSED] = "paused",     [ZFS_SCAN_UNKNOWN] = "unknown",
        };
        return NAME_OF(names, s);
}

const char *zfs_vdev_class_name(enum zfs_vdev_class c)
{
        static const char *const names[] = {
            [ZFS_CLASS_NORMAL] = "normal",   [ZFS_CLASS_LOG] = "log",
            [ZFS_CLASS_CACHE] = "cache",     [ZFS_CLASS_SPARE] = "spare",
            [ZFS_CLASS_SPECIAL] = "special", [ZFS_CLASS_DEDUP] = "dedup",
        };
        return NAME_OF(names, c);
}

const char *zfs_vdev_state_name(enum zfs_vdev_state s)
{
        static const char *const names[] = {
            [ZFS_VDEV_ONLINE] = "online",   [ZFS_VDEV_DEGRADED] = "degraded",
            [ZFS_VDEV_FAULTED] = "faulted", [ZFS_VDEV_OFFLINE] = "offline",
            [ZFS_VDEV_REMOVED] = "removed", [ZFS_VDEV_UNAVAIL] = "unavail",
            [ZFS_VDEV_AVAIL] = "avail",     [ZFS_VDEV_INUSE] = "inuse",
            [ZFS_VDEV_UNKNOWN] = "unknown",
        };
        return NAME_OF(names, s);
}
