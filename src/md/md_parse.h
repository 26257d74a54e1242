/* Pure parsers for Linux md RAID status: /proc/mdstat and the /sys/block/mdX/md/ attributes.
 * Bytes in, structs out: no I/O, no logging, no globals. Return 0 or -errno (-EINVAL for text
 * that is not what the kernel writes, -ENOMEM). Output parameters are written only on success.
 * Feeds the md collector (md_collect.c), which joins both sources into srvhRaidArrayTable rows. */
#ifndef SRVH_MD_PARSE_H
#define SRVH_MD_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "md/md_enums.h"
#include "srvhealth/enums.h"

#define MD_NAME_MAX                                                                                \
        32 /* "md127", "md_d0", member names "nvme10n1p3", "dm-15" (truncated, never overflows) */
#define MD_LEVEL_MAX 16 /* "raid10", "linear", "multipath" */
#define MD_META_MAX  48 /* "1.2", "external:imsm", "external:/md127/0", "non-persistent" */

/* ---- /proc/mdstat ---------------------------------------------------------------------------- */

/* Member flags, in the order the kernel prints them after "dev[desc_nr]". */
#define MDSTAT_MF_WRITEMOSTLY 0x01u /* (W) */
#define MDSTAT_MF_JOURNAL     0x02u /* (J) */
#define MDSTAT_MF_FAULTY      0x04u /* (F) */
#define MDSTAT_MF_SPARE       0x08u /* (S) */
#define MDSTAT_MF_REPLACEMENT 0x10u /* (R) */

struct mdstat_member {
        char name[MD_NAME_MAX]; /* kernel name, e.g. "sda1", "nvme0n1p3", "md60" */
        int desc_nr;            /* the number in brackets: superblock slot, not position */
        unsigned flags;         /* MDSTAT_MF_* */
};

enum mdstat_activity {
        MDSTAT_ACTIVE = 1,   /* "active" */
        MDSTAT_INACTIVE = 2, /* "inactive": no level word follows */
        MDSTAT_BROKEN = 3,   /* "broken": newer kernels, failed raid0/linear */
};

enum mdstat_ro {
        MDSTAT_RW = 0,
        MDSTAT_READONLY = 1,  /* " (read-only)" */
        MDSTAT_READ_AUTO = 2, /* " (auto-read-only)" */
};

/* What the resync status line says. */
enum mdstat_sync {
        MDSTAT_SYNC_NONE = 0, /* no status line */
        MDSTAT_SYNC_RESYNC,   /* "resync = ..." */
        MDSTAT_SYNC_RECOVERY, /* "recovery = ..." */
        MDSTAT_SYNC_CHECK,    /* "check = ..." */
        MDSTAT_SYNC_REPAIR,   /* "repair = ..." (kernels since ~6.11) */
        MDSTAT_SYNC_RESHAPE,  /* "reshape = ..." */
        MDSTAT_SYNC_DELAYED,  /* "resync=DELAYED" */
        MDSTAT_SYNC_PENDING,  /* "resync=PENDING" */
        MDSTAT_SYNC_REMOTE,   /* md-cluster "resync=REMOTE", "recover=REMOTE", "reshape=REMOTE" */
};

struct mdstat_array {
        char name[MD_NAME_MAX]; /* "md0" */
        enum mdstat_activity activity;
        enum mdstat_ro ro;
        char level[MD_LEVEL_MAX];      /* "raid1", "linear", ...; "" when inactive */
        struct mdstat_member *members; /* owned; in the order printed */
        size_t n_members;
        uint64_t blocks_kib;        /* "<N> blocks" (1 KiB units); 0 if absent */
        char metadata[MD_META_MAX]; /* after "super ": "1.2", "external:imsm"; "" = none printed
                                       (0.90) */
        int raid_disks;     /* n of "[n/m]"; -1 when not printed (raid0, linear, inactive) */
        int working_disks;  /* m of "[n/m]"; -1 when not printed */
        char slot_map[65];  /* "UU_" as printed (truncated at 64), "" when not printed */
        uint32_t chunk_kib; /* "<k>k chunk(s)" / "<K>K chunks"; 0 if absent */
        /* Resync status line */
        enum mdstat_sync sync;
        uint32_t sync_permille; /* "PP.P%" as tenths of a percent (0..1000) */
        uint64_t sync_done_kib; /* "(done/total)": 1 KiB blocks of one member */
        uint64_t sync_total_kib;
        uint64_t sync_finish_tenth_min; /* "finish=M.Mmin" in tenths of a minute */
        uint64_t sync_speed_kib;        /* "speed=NK/sec" */
        /* Bitmap line */
        bool has_bitmap;
        uint32_t bitmap_pages_used, bitmap_pages_total;
        uint64_t bitmap_chunk_bytes;
        /* Text of this array that the parser could not place: a line of its block of no known
         * kind; a header token that is not a flag, the level or a member; a blocks line with a
         * malformed "[...]"; a status or bitmap line whose figures do not read; a second line of
         * a kind the kernel prints once; a blocks, status or bitmap line after the blank line
         * that ended the block. The fields above may then be incomplete or wrong: the model
         * should not trust them (report the array unknown). */
        bool unparsed;
        size_t unparsed_offset; /* input offset of the first such line's start; 0 if none */
};

struct mdstat {
        char **personalities; /* owned: "raid1", "raid6", ... without brackets */
        size_t n_personalities;
        struct mdstat_array *arrays; /* owned; in file order */
        size_t n_arrays;
};

/* Parse the whole of /proc/mdstat. Lines are told apart by their content, not their
 * indentation (re-indented and pasted copies exist); an array's block runs from its header to
 * the next blank line (or a header, "Personalities" or "unused devices" line). Tolerates lost
 * trailing spaces and newlines, CRLF, unknown lines between arrays (skipped), and a missing
 * "unused devices" line. An array whose header line is unreadable is skipped with its block, not
 * fatal; -EINVAL only when the text is not mdstat at all (no "Personalities" line and no array)
 * or contains a NUL byte anywhere. */
int md_parse_mdstat(const char *buf, size_t len, struct mdstat **ret);
void mdstat_free(struct mdstat *m); /* accepts NULL and half-built objects */

/* ---- /sys/block/mdX/md/ attributes ------------------------------------------------------------
 * Each takes the file's contents (may end in "\n", may be empty) and its length. */

/* array_state word -> enum md_array_state. Kernel words and their mapping: clean, active-idle ->
 * CLEAN; active, write-pending -> ACTIVE; clear, inactive -> INACTIVE; suspended -> UNKNOWN;
 * readonly -> READONLY; read-auto -> READ_AUTO; broken -> FAILED. Any other word: -EINVAL. */
int md_parse_array_state(const char *buf, size_t len, enum md_array_state *ret);

/* sync_action: resync recover idle check repair reshape frozen. */
int md_parse_sync_action(const char *buf, size_t len, enum md_sync_action *ret);

/* sync_completed: "none", "delayed", or "<done> / <total>" in sectors. */
struct md_sync_completed {
        bool none;
        bool delayed;
        uint64_t done_sectors;
        uint64_t total_sectors;
};
int md_parse_sync_completed(const char *buf, size_t len, struct md_sync_completed *ret);

/* A decimal number, or "none" (then *ret_none = true and *ret = 0). Used for sync_speed,
 * mismatch_cnt, degraded, component_size, errors, array_size ("default" counts as none). */
int md_parse_u64_or_none(const char *buf, size_t len, uint64_t *ret, bool *ret_none);

/* raid_disks: "4", "11 (10)" during a reshape (*ret_new = 11, *ret_old = 10), or empty
 * (both -1). Without a reshape *ret_old = *ret_new. */
int md_parse_raid_disks(const char *buf, size_t len, int *ret_new, int *ret_old);

/* A one-word or free text attribute, trimmed of surrounding white space, into out[outsz]
 * (level, metadata_version, uuid). -ENAMETOOLONG when it does not fit. */
int md_parse_word(const char *buf, size_t len, char *out, size_t outsz);

/* Per-member dev-XXX/state: comma-separated flags, may be empty. */
#define MD_MS_FAULTY           0x001u
#define MD_MS_IN_SYNC          0x002u
#define MD_MS_JOURNAL          0x004u
#define MD_MS_WRITE_MOSTLY     0x008u /* the kernel prints "write_mostly"; accept "writemostly" too */
#define MD_MS_BLOCKED          0x010u
#define MD_MS_SPARE            0x020u
#define MD_MS_WRITE_ERROR      0x040u
#define MD_MS_WANT_REPLACEMENT 0x080u
#define MD_MS_REPLACEMENT      0x100u
#define MD_MS_EXTERNAL_BBL     0x200u
#define MD_MS_FAILFAST         0x400u
/* Unknown words are ignored (future kernels), not an error. */
int md_parse_member_state(const char *buf, size_t len, unsigned *ret_flags);

/* Per-member dev-XXX/slot: "none" -> -1, else a non-negative integer. */
int md_parse_slot(const char *buf, size_t len, int *ret_slot);

/* ---- mdadm.conf ARRAY lines (what mdadm --monitor expects) -------------------------------------
 * Words are separated by blanks; a word starting with '#' comments out the rest of the line; a
 * line starting with a blank continues the previous one; keywords are case-insensitive and may
 * be shortened to their first three letters, as mdadm.conf(5) allows. Only ARRAY lines are
 * kept; DEVICE, MAILADDR, HOMEHOST and the rest are skipped. An ARRAY whose device is
 * "<ignore>" is skipped too. */

#define MDADM_DEVICE_MAX 128
#define MDADM_UUID_LEN   32 /* hex digits of an md UUID, separators removed */

struct mdadm_array {
        char device[MDADM_DEVICE_MAX]; /* "/dev/md0", "/dev/md/data"; "" when the line has none */
        char uuid[MDADM_UUID_LEN + 1]; /* lower-case hex, no separators; "" without UUID= */
        char name[64];                 /* name= as written ("host:data"), "" without */
        char devices[256];             /* devices= as written, "" without */
        int spares;                    /* spares=N, -1 without */
        unsigned line;                 /* line number of the ARRAY keyword (from 1) */
};

struct mdadm_conf {
        struct mdadm_array *arrays; /* owned; in file order */
        size_t n_arrays;
        /* First line of an ARRAY entry that was skipped because a value did not read
         * (spares=x, a UUID that is not 32 hex digits, neither device nor UUID nor name): the
         * collector reports it. 0 when none. */
        unsigned bad_line;
};

/* Parse the whole of mdadm.conf. -EINVAL only for a NUL byte; anything else is read as far as
 * it makes sense (see bad_line). */
int md_parse_mdadm_conf(const char *buf, size_t len, struct mdadm_conf **ret);
void mdadm_conf_free(struct mdadm_conf *c); /* accepts NULL */

#endif
