/* The rows of srvhZpoolTable, srvhZfsVdevTable and srvhZfsArc as one poll of the ZFS collector
 * found them (zfs_collect.c builds them from the parsers' output), and the pure diff of two
 * polls that yields the ZFS notifications (zfs_diff.c). Owner: the snapshot's zfs_data. */
#ifndef SRVH_ZFS_MODEL_H
#define SRVH_ZFS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/events.h"
#include "core/mibtree.h"
#include "srvhealth/enums.h"
#include "zfs/zfs_parse.h"

#define ZFS_POOL_INDEX_MAX 32 /* srvhZpoolName SIZE(1..32) */
#define ZFS_VDEV_INDEX_MAX 64 /* srvhZfsVdevName SIZE(1..64) */

struct zfs_pool_row {
        struct zpool_list_row list; /* name, sizes, ratios, health column */
        bool has_status;            /* zpool status described it */
        struct zfs_scan scan;
        uint64_t read, write, cksum; /* sums over the leaf vdevs */
        uint64_t data_errors;
        bool has_ddt; /* zpool status -D printed a dedup line */
        uint64_t ddt_entries, ddt_disk_bytes, ddt_core_bytes; /* totals: entries x per entry */
        int64_t scan_time;  /* unix time of scan.when, 0 when unknown */
        int64_t scan_age_s; /* poll time - scan_time for finished scans, -1 otherwise */
        int scrub_overdue;  /* 1 yes, 0 no, -1 cannot say (never scrubbed, limit off) */
        enum srvh_health health;
        /* <sysroot>/proc/spl/kstat/zfs/<pool>/state at this poll; between two zpool runs a
         * known word there also replaces list.health (the pool's health without zpool). */
        bool has_kernel_state;
        enum zfs_pool_health kernel_state;
        /* The sums over the pool's ddt_stats_<checksum> kstats (OpenZFS 2.3+): lookups, and
         * those that made a new entry or found an existing one (a dedup hit). */
        bool has_ddt_lookups;
        uint64_t ddt_lookups, ddt_lookup_new, ddt_lookup_existing;
        enum zfs_source_form form; /* which output of zpool the row was built from */
        uint32_t idx[1 + ZFS_POOL_INDEX_MAX];
        size_t idx_len;
};

struct zfs_vdev_row {
        char pool[ZFS_NAME_MAX];
        struct zpool_vdev v;
        uint32_t idx[MIB_INDEX_LEN_MAX];
        size_t idx_len;
};

#define ZFS_DATASET_INDEX_MAX 64 /* srvhZfsDatasetName SIZE(1..64) */

struct zfs_dataset_row {
        struct zfs_dataset ds;
        uint32_t idx[1 + ZFS_DATASET_INDEX_MAX];
        size_t idx_len;
};

/* One bucket of a pool's DDT histogram (srvhZfsDdtHistTable). */
struct zfs_ddt_row {
        char pool[ZFS_NAME_MAX];
        struct zfs_ddt_bucket b;
        uint32_t idx[2 + ZFS_POOL_INDEX_MAX];
        size_t idx_len;
};

/* Snapshot payload. Owner: the snapshot (zfs_data_free). */
struct zfs_data {
        struct zfs_pool_row *pools; /* sorted in index order */
        size_t n_pools;
        struct zfs_vdev_row *vdevs; /* sorted in index order */
        size_t n_vdevs;
        struct zfs_arc arc;
        bool has_arc;
        struct zfs_dataset_row *datasets; /* dedup on only, sorted in index order */
        size_t n_datasets;
        struct zfs_ddt_row *ddt; /* sorted in index order */
        size_t n_ddt;
        struct mib_row *pool_rows, *vdev_rows, arc_row, *dataset_rows, *ddt_rows;
};

/* Index order of two pool names (OCTET STRING index: shorter first, then bytewise). */
int zfs_name_cmp(const char *a, const char *b);

/* Events between two polls (old NULL: the first one after start). All or none are appended. */
int zfs_diff(const struct zfs_data *old, const struct zfs_data *new_data, struct event_list *out);

#endif
