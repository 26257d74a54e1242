/* The md RAID model: one srvhRaidArrayTable row (with its srvhRaidMemberTable rows) built from
 * what /proc/mdstat and /sys/block/mdX/md say about one array, and the diff of two polls that
 * yields the notifications mdadm --monitor users know. Pure: no I/O, no clock, no logging.
 * Owner: an md_array_row owns its members array; md_array_row_clear() frees it. */
#ifndef SRVH_MD_MODEL_H
#define SRVH_MD_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/events.h"
#include "md/md_parse.h"
#include "srvhealth/enums.h"

/* Member index for slots that have no device at all (removed members), see md_member_row. */
#define MD_MISSING_INDEX_BASE 100000u

struct md_member_row {
        uint32_t index;           /* srvhRaidMemberIndex: desc_nr + 1, stable while the member
                                   * stays in the array; MD_MISSING_INDEX_BASE + slot + 1 for a
                                   * slot with no device */
        char device[MD_NAME_MAX]; /* "sda1"; "" for a missing slot */
        int slot;                 /* raid slot, -1 for none (spare, faulty, journal) */
        bool slot_known;          /* slot is known: from dev-NAME/slot, an rdN link or a
                                   * missing slot; else the cell is absent */
        enum md_member_role role;
        char state[64];    /* sysfs state text as read ("in_sync,write_mostly"), or the
                            * mdstat flags in the same words ("faulty", "spare") */
        uint64_t errors;   /* sysfs dev-NAME/errors */
        bool errors_known; /* errors was read; else the cell is absent */
};

struct md_array_row {
        uint32_t index; /* srvhRaidArrayIndex, md_array_index(name) */
        char name[MD_NAME_MAX];
        char level[MD_LEVEL_MAX]; /* "raid5", "" when unknown (inactive, container) */
        enum md_array_state state;
        enum srvh_health health;
        int total;   /* raid_disks; for raid0/linear/inactive the member count */
        int active;  /* members in a raid slot and in sync */
        int working; /* members not faulty (active + spares + rebuilding) */
        int failed;  /* members marked faulty (F), spares included */
        int spare;   /* spares not (yet) in a slot, including one being rebuilt */
        enum md_sync_action sync_action;
        /* Figures that do not apply are marked so and served as absent cells, never as a
         * placeholder number. */
        int32_t sync_progress;      /* hundredths of a percent, -1 when no sync runs */
        uint64_t sync_speed_kib;    /* KiB/s of a running sync (0 is a real stall) */
        bool sync_speed_known;      /* a sync runs and its speed was read */
        int64_t sync_eta_s;         /* seconds, -1 when no sync runs or no estimate */
        uint64_t mismatch_cnt;      /* sysfs mismatch_cnt (sectors) */
        bool mismatch_known;        /* mismatch_cnt was read */
        uint64_t size_bytes;        /* array size */
        bool size_known;            /* sysfs array_size or mdstat's block count was read */
        char uuid[40];              /* sysfs uuid, "" without sysfs */
        char metadata[MD_META_MAX]; /* "1.2", "external:imsm", "0.90" when mdstat shows none */
        time_t last_change;  /* when state or health last changed; set by md_carry_last_change */
        bool has_sysfs;      /* sysfs attributes were read (else mdstat only) */
        bool present;        /* the kernel lists it; false for an expected array that is not
                              * there (then only name, state, health, uuid, expected,
                              * spares_expected and last_change mean anything) */
        bool expected;       /* an ARRAY line of mdadm.conf names it */
        int spares_expected; /* spares= of that line, -1 without */
        bool spares_short;   /* fewer spares than spares_expected */
        char summary[160];   /* one line: "md1 raid5 degraded: 3/4 working, sdc1 faulty" */
        struct md_member_row *members; /* owned, sorted by index */
        size_t n_members;
};

/* The text of /sys/block/<name>/md/ files, NULL where a file could not be read. */
struct md_sysfs_member_raw {
        const char *name; /* kernel name without "dev-": "sda1" */
        const char *state, *slot, *errors;
        int rd_slot; /* N of the md/rdN link that points at dev-NAME, -1 when none does */
};

struct md_sysfs_raw {
        const char *array_state, *level, *raid_disks, *degraded, *sync_action, *sync_completed,
            *sync_speed, *mismatch_cnt, *component_size, *array_size, *uuid, *metadata_version;
        const struct md_sysfs_member_raw *members;
        size_t n_members;
        bool has_rd_links; /* md/ holds rdN links (then a member without one has no slot) */
};

/* Stable array index from the kernel name: "mdN" -> N + 1, "md_dN" -> 0x100000 + N + 1;
 * 0 for any other name (the collector then assigns one from its own map). */
uint32_t md_array_index(const char *name);

/* Build one row from the mdstat entry and, when available, the sysfs attributes (sys may be
 * NULL). Sysfs wins where both speak (it is exact and current); mdstat fills in the rest.
 * ret->index is md_array_index(a->name); ret->last_change is 0. */
int md_model_build(const struct mdstat_array *a, const struct md_sysfs_raw *sys,
                   struct md_array_row *ret);
void md_array_row_clear(struct md_array_row *r); /* frees members; accepts a zeroed row */

/* For every new row whose (state, health) equals the old row with the same index, keep the old
 * last_change; otherwise set it to now. Both arrays sorted by index; old may be NULL/0. */
void md_carry_last_change(const struct md_array_row *old, size_t n_old,
                          struct md_array_row *new_rows, size_t n_new, time_t now);

/* One ARRAY entry of mdadm.conf as the collector hands it over: the entry, and the kernel name
 * its /dev/md/NAME link resolves to below the sysroot ("md127"), "" when there is none. */
struct md_expected {
        const struct mdadm_array *conf;
        char kernel_name[MD_NAME_MAX];
};

/*
 * Match the arrays mdadm.conf expects with the rows of this poll, as mdadm --monitor would:
 *   1. a row whose sysfs UUID equals the entry's UUID;
 *   2. else the row with the entry's kernel name (/dev/mdN and /dev/md/N are mdN, /dev/md_dN is
 *      md_dN, /dev/md/NAME is where its link points), unless both have UUIDs that differ;
 *   3. else nothing: the entry is missing (critical) if every row could have been compared,
 *      unknown if a row without a UUID (no sysfs) might be it, or the entry has neither a UUID
 *      nor a kernel name while arrays are running.
 * A matched row gets expected, spares_expected and spares_short (its summary then says so). For
 * every entry without a row, one row is written to ret_absent[*ret_n_absent++] (room for n_e):
 * present false, state MISSING (health critical) or UNKNOWN (health unknown), name the kernel
 * name or else the device as written, index md_array_index(name) (0 for the collector to
 * assign), uuid in sysfs form. Rows sorted or not; no allocation.
 */
void md_expect(const struct md_expected *e, size_t n_e, struct md_array_row *rows, size_t n_rows,
               struct md_array_row *ret_absent, size_t *ret_n_absent);

struct md_diff_cfg {
        unsigned rebuild_step; /* percent between srvhRaidRebuildProgress events, 0 = none (default
                                  20) */
};

/* Append to out the events between two polls (rows sorted by index). old == NULL means the first
 * poll since start: only arrays already degraded or failed raise an event then, as mdadm --monitor
 * does. Returns 0 or -ENOMEM. */
int md_diff(const struct md_array_row *old, size_t n_old, const struct md_array_row *new_rows,
            size_t n_new, const struct md_diff_cfg *cfg, struct event_list *out);

#endif
