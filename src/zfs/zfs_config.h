/* The ZFS module's config tokens: zpoolPath and zfsPath (the binaries the collector runs),
 * scrubMaxAge (days without a finished scrub before srvhZpoolScrubOverdue is true) and
 * poolStateInterval (seconds between two cheap reads of the pools' state kstats, between zpool
 * runs). Frozen after parsing; read by the collector thread. */
#ifndef SRVH_ZFS_CONFIG_H
#define SRVH_ZFS_CONFIG_H

#include "core/module.h"

#define ZFS_DEFAULT_ZPOOL_PATH     "/usr/sbin/zpool"
#define ZFS_DEFAULT_ZFS_PATH       "/usr/sbin/zfs"
#define ZFS_DEFAULT_SCRUB_MAX_AGE  35u /* days: a monthly scrub plus a week of slack */
#define ZFS_SCRUB_MAX_AGE_LIMIT    3650u
#define ZFS_PATH_MAX               256
#define ZFS_DEFAULT_STATE_INTERVAL 5u /* seconds between two reads of the pools' state kstats */
#define ZFS_STATE_INTERVAL_LIMIT   3600u

struct zfs_config {
        char zpool_path[ZFS_PATH_MAX];
        char zfs_path[ZFS_PATH_MAX];
        unsigned scrub_max_age_days;  /* 0: never overdue */
        unsigned state_interval_s;    /* 0: read the state kstats only with zpool's runs */
        char undo_path[ZFS_PATH_MAX]; /* the path a zpoolPath/zfsPath line replaced, put back
                                       * when validate refuses the new one */
};

extern const struct module_config_ops zfs_config_ops;

#endif
