/* Pure parsers for what the ZFS collector reads: `zpool list -Hp -o ...`, `zpool status -p` and
 * KSTAT_TYPE_NAMED files such as /proc/spl/kstat/zfs/arcstats. Bytes in, structs out: no I/O, no
 * logging, no globals; 0 or -errno, output parameters written only on success. */
#ifndef SRVH_ZFS_PARSE_H
#define SRVH_ZFS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/scan.h"
#include "zfs/zfs_enums.h"

#define ZFS_NAME_MAX  256 /* pool names are at most 255 bytes (ZFS_MAX_DATASET_NAME_LEN) */
#define ZFS_VDEV_MAX  128 /* vdev names as printed: "sda", "mirror-0", a GUID, a file path */
#define ZFS_NOTE_MAX  96  /* the text after a vdev's counters: "was /dev/sdc1", "(resilvering)" */
#define ZFS_KSTAT_MAX 64  /* kstat stat names (KSTAT_STRLEN is 31 in SPL, with room to spare) */

/* The columns the collector asks for, in this order. */
#define ZFS_LIST_COLUMNS "name,size,allocated,free,fragmentation,capacity,dedupratio,health"

/* ---- zpool list -Hp -o ZFS_LIST_COLUMNS ----------------------------------------------------- */

/* One pool. A numeric column printed as "-" (FAULTED/UNAVAIL pools, fragmentation of pools without
 * a spacemap histogram) has its has_ flag false and its value 0. */
struct zpool_list_row {
        char name[ZFS_NAME_MAX];
        uint64_t size, alloc, free; /* bytes */
        unsigned frag, cap;         /* percent; "8%" and "8" both give 8 */
        uint64_t dedup;             /* hundredths: "1.83x" and "1.83" give 183 */
        bool has_size, has_alloc, has_free, has_frag, has_cap, has_dedup;
        enum zfs_pool_health health; /* ZFS_HEALTH_UNKNOWN for a word we do not know */
};

/* Owner: the caller; free with zpool_list_free(). */
struct zpool_list {
        struct zpool_list_row *v;
        size_t n;
};

/* Parses -H output: one line per pool, exactly 8 fields separated by one TAB each. An empty
 * output or "no pools available" is no pool. -EINVAL for a line with another field count, a
 * number that is not one, an empty or over-long name, or a NUL byte; -ENOMEM. */
int zfs_parse_zpool_list(const char *buf, size_t len, struct zpool_list *ret);
void zpool_list_free(struct zpool_list *l); /* accepts a zeroed one */

/* Sets one of the ZFS_LIST_COLUMNS properties of r from its text ("-", "8%", "1.83x" and the
 * plain forms, as above); 0 for a property it does not know, -EINVAL for a bad value. For the
 * JSON form, whose values are the same strings. */
int zpool_list_set_property(struct zpool_list_row *r, struct scan_span prop,
                            struct scan_span value);

/* `zpool list -j -p -o ZFS_LIST_COLUMNS` (OpenZFS 2.3+): {"output_version": {...}, "pools":
 * {"NAME": {"name": ..., "state": ..., "properties": {"size": {"value": "...", "source": {...}}
 * ...}}}}. Values may be strings or, with --json-int, numbers. Unknown members are skipped.
 * -EINVAL for text that is not JSON of that shape (nesting deeper than 32, a string or name that
 * does not fit, a NUL byte, anything after the top object), -ENOMEM. Fills the same rows as the
 * text form. */
int zfs_parse_zpool_list_json(const char *buf, size_t len, struct zpool_list *ret);

/* "ONLINE" -> ZFS_HEALTH_ONLINE ...; ZFS_HEALTH_UNKNOWN for any other word. */
enum zfs_pool_health zfs_health_from_word(struct scan_span w);

/* ---- zpool status -p ------------------------------------------------------------------------- */

/* A wall-clock time as zpool prints it (ctime(3) in the host's time zone: "Sun Nov 22 03:24:21
 * 2026"); the collector converts it with mktime(). valid false when absent. */
struct zfs_time {
        bool valid;
        int year, mon, mday, hour, min, sec; /* mon 0..11 as in struct tm */
        int64_t unix_time; /* instead of the fields when zpool gave seconds (--json-int), or 0 */
};

/* "Sun Nov 22 03:24:21 2026" (ctime(3) without the newline) into *ret; -EINVAL otherwise. */
int zfs_parse_ctime(const char *s, size_t len, struct zfs_time *ret);

struct zfs_scan {
        enum zfs_scan_func func;
        enum zfs_scan_state state;
        struct zfs_time when; /* finished/canceled on, or running/paused since */
        uint64_t errors;      /* "with N errors": finished scans only */
        bool has_errors;
        uint32_t progress; /* hundredths of a percent, running or paused scans */
        bool has_progress;
        uint32_t eta_s; /* "... to go" */
        bool has_eta;
};

struct zpool_vdev {
        char name[ZFS_VDEV_MAX];   /* as printed: device, "mirror-0", "raidz2-1", a GUID */
        char parent[ZFS_VDEV_MAX]; /* "" for a top-level vdev */
        unsigned depth;            /* 1 for a top-level vdev (the pool row is 0 and not kept) */
        enum zfs_vdev_class cls;
        enum zfs_vdev_state state;
        char state_word[16]; /* the word as printed, for an unknown state */
        uint64_t read, write, cksum;
        bool has_counters; /* spares have none */
        bool leaf;         /* no row below it */
        char note[ZFS_NOTE_MAX];
        /* The vdev's 64-bit GUID in decimal (zpool status -j, or the text form's name of a
         * device that is missing), its device path and its type (-j only); "" when not given. */
        char guid[21];
        char path[ZFS_VDEV_MAX];
        char type[16];
};

/* One row of the DDT histogram `zpool status -D` prints after the dedup line: the blocks whose
 * reference count falls in [refcnt, 2 x refcnt), as allocated (physically present) and as
 * referenced. Counts and sizes come in zfs_nicenum form ("4.19K", "524M", 1024-based) and are
 * therefore rounded to three digits; exact when zpool prints exact numbers. */
#define ZFS_DDT_BUCKETS_MAX 64 /* one bucket per power of two of a 64-bit reference count */

struct zfs_ddt_bucket {
        uint64_t refcnt; /* the bucket's lower bound: 1, 2, 4 ... */
        uint64_t alloc_blocks, alloc_lsize, alloc_psize, alloc_dsize;
        uint64_t ref_blocks, ref_lsize, ref_psize, ref_dsize;
};

struct zpool_status_pool {
        char name[ZFS_NAME_MAX];
        enum zfs_pool_health health; /* "state:" */
        struct zfs_scan scan;        /* func NONE/state NONE when there is no scan line */
        bool has_scan;
        uint64_t read, write, cksum; /* the pool row's own counters */
        uint64_t data_errors;        /* "errors:" line: 0, N, or the number of files listed */
        /* `zpool status -D`: "dedup: DDT entries N, size D on disk, C in core"; D and C are
         * per entry, as zpool prints them. "no DDT entries" is 0 entries, sizes 0. */
        bool has_ddt;
        uint64_t ddt_entries, ddt_disk_per_entry, ddt_core_per_entry;
        /* The histogram's bucket rows in the order printed (the "Total" row is not kept); a
         * row that is not one is -EINVAL. */
        struct zfs_ddt_bucket ddt_hist[ZFS_DDT_BUCKETS_MAX];
        size_t n_ddt_hist;
        struct zpool_vdev *vdevs;
        size_t n_vdevs;
};

/* Owner: the caller; free with zpool_status_free(). */
struct zpool_status {
        struct zpool_status_pool *v;
        size_t n;
};

/* Parses `zpool status -p` of any number of pools, release generations as in the format notes.
 * Each pool must have "pool:", "state:", a config table and an "errors:" line: output that stops
 * before is -EBADMSG (truncated). -EINVAL for a NUL byte, a table row before the header, or a
 * name that does not fit; -ENOMEM. "no pools available" is no pool. */
int zfs_parse_zpool_status(const char *buf, size_t len, struct zpool_status *ret);
void zpool_status_free(struct zpool_status *s); /* accepts a zeroed one */

/* `zpool status -j -p -D` (OpenZFS 2.3+): {"output_version": {...}, "pools": {"NAME": {"name",
 * "state", "scan_stats": {"function", "state", "start_time", "end_time", "to_examine",
 * "examined", "issued", "skipped", "errors", "scrub_pause" ...}, "vdevs": {ROOT: {counters,
 * "vdevs": {...}}}, "logs"/"l2cache"/"spares"/"special"/"dedup": {VDEV: ...}, "error_count",
 * "dedup_stats": {"obj_count", "dspace", "mspace", "histogram"}}}}. Values are strings or, with
 * --json-int, numbers. Fills the same structures as the text form. -EINVAL for text that is not
 * JSON of that shape (nesting deeper than 32, a NUL byte, a name that does not fit), -EBADMSG
 * for a pool without its state, -E2BIG past 4M nodes, -ENOMEM. */
int zfs_parse_zpool_status_json(const char *buf, size_t len, struct zpool_status *ret);

/* The scan line's text after "scan:" (or "scrub:"), and the lines after it up to "config:", for
 * tests and the fuzzer. progress may be {NULL, 0}. 0 or -EINVAL (never for unknown wording: that
 * is ZFS_SCAN_UNKNOWN). */
int zfs_parse_scan(const char *line, size_t len, const char *progress, size_t plen,
                   struct zfs_scan *ret);

/* "01:02:03", "2 days 01:02:03", "55h33m", "1h2m3s", "12m" -> seconds; -EINVAL otherwise. */
int zfs_parse_duration(const char *s, size_t len, uint32_t *ret);

/* ---- zfs get -Hp -t filesystem,volume dedup,compressratio ------------------------------------ */

#define ZFS_GET_PROPERTIES "dedup,compressratio"

struct zfs_dataset {
        char name[ZFS_NAME_MAX];
        char dedup[32];         /* "off", "on", "verify", "sha256,verify", "blake3" ... */
        uint64_t compressratio; /* hundredths: "1.35" and "1.35x" give 135 */
        bool has_dedup, has_compressratio;
};

/* Owner: the caller; free with zfs_datasets_free(). */
struct zfs_datasets {
        struct zfs_dataset *v;
        size_t n;
};

/* Parses -H output: "name TAB property TAB value TAB source" lines, joined per dataset in the
 * order zfs prints them. -EINVAL for another field count, an empty or over-long name, a dedup
 * value that does not fit, a ratio that is not a decimal, or a NUL byte; -ENOMEM. */
int zfs_parse_zfs_get(const char *buf, size_t len, struct zfs_datasets *ret);
void zfs_datasets_free(struct zfs_datasets *d); /* accepts a zeroed one */

/* `zfs get -j -p -t filesystem,volume dedup,compressratio` (OpenZFS 2.3+): {"output_version":
 * {...}, "datasets": {"NAME": {"name", "type", "pool", "properties": {"dedup": {"value",
 * "source"}, "compressratio": {...}}}}}. Errors as zfs_parse_zpool_status_json(). */
int zfs_parse_zfs_get_json(const char *buf, size_t len, struct zfs_datasets *ret);

/* ---- KSTAT_TYPE_NAMED files ------------------------------------------------------------------ */

enum zfs_kstat_type {
        ZFS_KSTAT_CHAR = 0,
        ZFS_KSTAT_INT32 = 1,
        ZFS_KSTAT_UINT32 = 2,
        ZFS_KSTAT_INT64 = 3,
        ZFS_KSTAT_UINT64 = 4,
        ZFS_KSTAT_LONG = 5,
        ZFS_KSTAT_ULONG = 6,
        ZFS_KSTAT_STRING = 7,
};

struct zfs_kstat_stat {
        char name[ZFS_KSTAT_MAX];
        enum zfs_kstat_type type;
        bool negative; /* a signed value below 0: i holds it, u is 0 */
        int64_t i;
        uint64_t u;
        size_t str_off, str_len; /* STRING and CHAR: the rest of the line, offsets into the input */
};

/* Owner: the caller; free with zfs_kstat_free(). */
struct zfs_kstat {
        struct zfs_kstat_stat *v;
        size_t n;
};

/* Parses a named kstat: the 7-number header, the "name type data" line, then one stat per line.
 * -EINVAL for a missing header, an unknown type code, a value that does not fit its type, a
 * name too long or a NUL byte; -ENOMEM. */
int zfs_parse_kstat(const char *buf, size_t len, struct zfs_kstat *ret);
void zfs_kstat_free(struct zfs_kstat *k);
const struct zfs_kstat_stat *zfs_kstat_find(const struct zfs_kstat *k, const char *name);

/* /proc/spl/kstat/zfs/<pool>/state: one word of capital letters (ONLINE, SUSPENDED,
 * TRANSITIONING ...) and a newline. The word is copied to word[wordsz]; *ret_health gets its
 * health (ZFS_HEALTH_UNKNOWN for SPLIT, UNKNOWN, TRANSITIONING and words not known). -EINVAL for
 * anything else. */
int zfs_parse_pool_state(const char *buf, size_t len, char *word, size_t wordsz,
                         enum zfs_pool_health *ret_health);

/* The ARC figures srvhZfsArc serves, from arcstats. A stat the release does not have leaves its
 * has_ flag false. */
struct zfs_arc {
        uint64_t size, target, max, hits, misses, l2_size, l2_hits, l2_misses;
        bool has_size, has_target, has_max, has_hits, has_misses, has_l2_size, has_l2_hits,
            has_l2_misses;
};

/* Picks the ARC figures out of a parsed arcstats; -EINVAL when it has none of them. */
int zfs_arc_from_kstat(const struct zfs_kstat *k, struct zfs_arc *ret);

#endif
