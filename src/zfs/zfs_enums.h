/* The ZFS module's enumerations in SRVHEALTH-MIB (srvhZpoolHealth, srvhZpoolScanFunction,
 * srvhZpoolScanState, srvhZfsVdevClass, srvhZfsVdevState). The numbers are the MIB's: never
 * renumber, only append; tests/mib/test_mib_oids.sh checks them. Names in zfs_enums.c. */
#ifndef SRVH_ZFS_ENUMS_H
#define SRVH_ZFS_ENUMS_H

/* srvhZpoolHealth: the words of zpool's health column and spa_state_to_name() */
enum zfs_pool_health {
        ZFS_HEALTH_ONLINE = 1,
        ZFS_HEALTH_DEGRADED = 2,
        ZFS_HEALTH_FAULTED = 3,
        ZFS_HEALTH_OFFLINE = 4,
        ZFS_HEALTH_REMOVED = 5,
        ZFS_HEALTH_UNAVAIL = 6,
        ZFS_HEALTH_SUSPENDED = 7,
        ZFS_HEALTH_UNKNOWN = 8,
        ZFS_HEALTH_MAX_
};

/* srvhZpoolScanFunction */
enum zfs_scan_func {
        ZFS_SCAN_FUNC_NONE = 1,
        ZFS_SCAN_FUNC_SCRUB = 2,
        ZFS_SCAN_FUNC_RESILVER = 3,
        ZFS_SCAN_FUNC_ERROR_SCRUB = 4,
        ZFS_SCAN_FUNC_UNKNOWN = 5,
        ZFS_SCAN_FUNC_MAX_
};

/* srvhZpoolScanState */
enum zfs_scan_state {
        ZFS_SCAN_NONE = 1,     /* "none requested" */
        ZFS_SCAN_RUNNING = 2,  /* "in progress since" */
        ZFS_SCAN_FINISHED = 3, /* "repaired ... on", "resilvered ... on" */
        ZFS_SCAN_CANCELED = 4, /* "canceled on" */
        ZFS_SCAN_PAUSED = 5,   /* "paused since" */
        ZFS_SCAN_UNKNOWN = 6,  /* wording this version does not know */
        ZFS_SCAN_STATE_MAX_
};

/* srvhZfsVdevClass: the section of `zpool status` a vdev sits in */
enum zfs_vdev_class {
        ZFS_CLASS_NORMAL = 1,
        ZFS_CLASS_LOG = 2,
        ZFS_CLASS_CACHE = 3,
        ZFS_CLASS_SPARE = 4,
        ZFS_CLASS_SPECIAL = 5,
        ZFS_CLASS_DEDUP = 6,
        ZFS_CLASS_MAX_
};

/* srvhZfsVdevState: vdev states, plus AVAIL / INUSE of hot spares */
enum zfs_vdev_state {
        ZFS_VDEV_ONLINE = 1,
        ZFS_VDEV_DEGRADED = 2,
        ZFS_VDEV_FAULTED = 3,
        ZFS_VDEV_OFFLINE = 4,
        ZFS_VDEV_REMOVED = 5,
        ZFS_VDEV_UNAVAIL = 6,
        ZFS_VDEV_AVAIL = 7,
        ZFS_VDEV_INUSE = 8,
        ZFS_VDEV_UNKNOWN = 9,
        ZFS_VDEV_STATE_MAX_
};

/* srvhZpoolSourceForm: which output of zpool a row was built from */
enum zfs_source_form {
        ZFS_FORM_TEXT = 1, /* zpool list -Hp, zpool status -p -D, zfs get -Hp */
        ZFS_FORM_JSON = 2, /* the -j forms of OpenZFS 2.3+ */
        ZFS_FORM_MAX_
};

const char *zfs_pool_health_name(enum zfs_pool_health h);
const char *zfs_scan_func_name(enum zfs_scan_func f);
const char *zfs_scan_state_name(enum zfs_scan_state s);
const char *zfs_vdev_class_name(enum zfs_vdev_class c);
const char *zfs_vdev_state_name(enum zfs_vdev_state s);

#endif
