/* Turns one array's /proc/mdstat entry and its /sys/block/mdX/md/ attribute texts into a
 * srvhRaidArrayTable row and its srvhRaidMemberTable rows: state, health, counts, sync figures.
 * Pure: sysfs text that does not parse is treated as absent and mdstat speaks instead. */
#include "md/md_model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

/* Slot numbers beyond this are garbage, not arrays: no MISSING rows are made for them. */
#define MD_MODEL_MAX_SLOTS 4096

enum level_kind {
        LK_UNKNOWN = 0, /* no level, or one we cannot judge ("faulty") */
        LK_LINEAR,
        LK_RAID0,
        LK_RAID1,
        LK_RAID4,
        LK_RAID5,
        LK_RAID6,
        LK_RAID10,
        LK_MULTIPATH,
        LK_CONTAINER,
};

static const struct {
        const char *name;
        const char *number; /* what sysfs level may hold while an array is assembled */
        enum level_kind kind;
} level_table[] = {
    {"linear", "-1", LK_LINEAR},  {"raid0", "0", LK_RAID0},
    {"raid1", "1", LK_RAID1},     {"raid4", "4", LK_RAID4},
    {"raid5", "5", LK_RAID5},     {"raid6", "6", LK_RAID6},
    {"raid10", "10", LK_RAID10},  {"multipath", "-4", LK_MULTIPATH},
    {"faulty", "-5", LK_UNKNOWN}, {"container", NULL, LK_CONTAINER},
};

/* What one member looks like once sysfs and mdstat are merged. */
struct member_view {
        const struct mdstat_member *m;
        const struct md_sysfs_member_raw *s; /* NULL when sysfs has no dev-NAME for it */
        bool flags_ok;                       /* s->state parsed */
        unsigned sflags;
        bool slot_ok; /* s->slot parsed ("none" is -1) */
        int slot;
        uint64_t errors;
        bool errors_ok; /* s->errors parsed */
        bool faulty, journal, replacement, spare, write_mostly, in_sync;
};

/* The sysfs attributes that parsed; a field whose *_ok is false was absent or garbage. */
struct sys_view {
        bool state_ok, disks_ok, degraded_ok, action_ok, completed_ok, speed_ok, mismatch_ok,
            size_ok;
        enum md_array_state state;
        int disks;
        uint64_t degraded;
        enum md_sync_action action;
        struct md_sync_completed completed;
        uint64_t speed, mismatch, size_kib;
        char level[MD_LEVEL_MAX], uuid[40], metadata[MD_META_MAX];
};

uint32_t md_array_index(const char *name)
{
        const char *p;
        uint32_t base, limit, n = 0;

        if (!name || strncmp(name, "md", 2) != 0)
                return 0;
        p = name + 2;
        if (*p == '_' && p[1] == 'd') {
                p += 2;
                base = 0x100000u;
        } else {
                base = 0;
        }
        /* mdN stays below the md_dN range, md_dN below the collector's own range (0x200000) */
        limit = 0x100000u - 2;
        /* Digits only, no leading zero: "md01" must not share md1's index. */
        if (*p < '0' || *p > '9' || (*p == '0' && p[1] != '\0'))
                return 0;
        for (; *p; p++) {
                if (*p < '0' || *p > '9')
                        return 0;
                if (n > (limit - (uint32_t)(*p - '0')) / 10)
                        return 0;
                n = n * 10 + (uint32_t)(*p - '0');
        }
        return base + n + 1;
}

static size_t text_len(const char *s)
{
        return s ? strlen(s) : 0;
}

static bool sys_u64(const char *txt, uint64_t *ret)
{
        uint64_t v;
        bool none;

        if (!txt || md_parse_u64_or_none(txt, strlen(txt), &v, &none) < 0 || none)
                return false;
        *ret = v;
        return true;
}

static void sys_word(const char *txt, char *out, size_t outsz)
{
        if (!txt || md_parse_word(txt, strlen(txt), out, outsz) < 0)
                out[0] = '\0';
}

static void read_sys(const struct md_sysfs_raw *sys, struct sys_view *v)
{
        int old;

        memset(v, 0, sizeof(*v));
        if (!sys)
                return;
        v->state_ok =
            sys->array_state &&
            md_parse_array_state(sys->array_state, text_len(sys->array_state), &v->state) == 0;
        v->disks_ok =
            sys->raid_disks &&
            md_parse_raid_disks(sys->raid_disks, text_len(sys->raid_disks), &v->disks, &old) == 0 &&
            v->disks > 0;
        v->degraded_ok = sys_u64(sys->degraded, &v->degraded);
        v->action_ok =
            sys->sync_action &&
            md_parse_sync_action(sys->sync_action, text_len(sys->sync_action), &v->action) == 0;
        v->completed_ok =
            sys->sync_completed &&
            md_parse_sync_completed(sys->sync_completed, text_len(sys->sync_completed),
                                    &v->completed) == 0;
        v->speed_ok = sys_u64(sys->sync_speed, &v->speed);
        v->mismatch_ok = sys_u64(sys->mismatch_cnt, &v->mismatch);
        v->size_ok = sys_u64(sys->array_size, &v->size_kib) && v->size_kib <= UINT64_MAX / 1024;
        sys_word(sys->level, v->level, sizeof(v->level));
        sys_word(sys->uuid, v->uuid, sizeof(v->uuid));
        sys_word(sys->metadata_version, v->metadata, sizeof(v->metadata));
}

/* Level text for the row (bare numbers written during assembly become names) and its kind. */
static enum level_kind resolve_level(const char *sys_level, const char *mdstat_level,
                                     char out[MD_LEVEL_MAX])
{
        const char *l = sys_level[0] ? sys_level : mdstat_level;
        size_t i;

        snprintf(out, MD_LEVEL_MAX, "%s", l);
        for (i = 0; i < sizeof(level_table) / sizeof(level_table[0]); i++) {
                if (strcmp(l, level_table[i].name) == 0)
                        return level_table[i].kind;
                if (level_table[i].number && strcmp(l, level_table[i].number) == 0) {
                        snprintf(out, MD_LEVEL_MAX, "%s", level_table[i].name);
                        return level_table[i].kind;
                }
        }
        return LK_UNKNOWN;
}

/* An IMSM/DDF container: no level of its own and "external:<format>" metadata. Member arrays
 * of a container have "external:/md127/0" (or "-md127/0" while frozen) and are not containers. */
static bool is_container(enum level_kind kind, const char *level, const char *metadata)
{
        if (kind == LK_CONTAINER)
                return true;
        return level[0] == '\0' && strncmp(metadata, "external:", 9) == 0 && metadata[9] != '/' &&
               metadata[9] != '-' && metadata[9] != '\0';
}

static bool find_sys_member(const struct md_sysfs_raw *sys, const char *name,
                            const struct md_sysfs_member_raw **ret)
{
        size_t i;

        if (!sys || !sys->members)
                return false;
        for (i = 0; i < sys->n_members; i++) {
                const char *n = sys->members[i].name;

                if (n && strncmp(n, name, MD_NAME_MAX - 1) == 0) {
                        *ret = &sys->members[i];
                        return true;
                }
        }
        return false;
}

/* Sysfs state flags win when they parse; mdstat's bracket flags otherwise. A member of a list
 * that sysfs does not show is kept (mdstat is the member list); a dev-NAME that mdstat does not
 * list is ignored: it has no desc_nr, hence no stable index, and the next poll sees it. */
static void view_member(const struct mdstat_member *m, const struct md_sysfs_raw *sys,
                        struct member_view *v)
{
        memset(v, 0, sizeof(*v));
        v->m = m;
        v->slot = -1;
        if (find_sys_member(sys, m->name, &v->s)) {
                /* Flags with none of the words that make a role (an empty line, only
                 * words from a future kernel) tell nothing: mdstat's flags are used then. */
                v->flags_ok =
                    v->s->state &&
                    md_parse_member_state(v->s->state, strlen(v->s->state), &v->sflags) == 0 &&
                    (v->sflags & (MD_MS_FAULTY | MD_MS_IN_SYNC | MD_MS_SPARE | MD_MS_JOURNAL));
                v->slot_ok =
                    v->s->slot && md_parse_slot(v->s->slot, strlen(v->s->slot), &v->slot) == 0;
                if (!v->slot_ok && sys->has_rd_links) {
                        /* No readable slot file: the rdN links name the member of each active
                         * slot, so a member none of them names holds no slot. */
                        v->slot = v->s->rd_slot >= 0 ? v->s->rd_slot : -1;
                        v->slot_ok = true;
                }
                if (!v->slot_ok)
                        v->slot = -1;
                v->errors_ok = sys_u64(v->s->errors, &v->errors);
                if (!v->errors_ok)
                        v->errors = 0;
        }
        if (v->flags_ok) {
                v->faulty = v->sflags & MD_MS_FAULTY;
                v->journal = v->sflags & MD_MS_JOURNAL;
                v->replacement = v->sflags & MD_MS_REPLACEMENT;
                v->write_mostly = v->sflags & MD_MS_WRITE_MOSTLY;
                v->in_sync = v->sflags & MD_MS_IN_SYNC;
                /* The kernel prints "spare" for any member neither faulty, journal nor in
                 * sync: a device being rebuilt into a slot is one. */
                v->spare = v->sflags & MD_MS_SPARE;
        } else {
                /* mdstat prints nothing after (F); without sysfs a member being rebuilt looks
                 * like an in-sync one (it has a slot, so no (S)): we cannot tell which. */
                v->faulty = m->flags & MDSTAT_MF_FAULTY;
                v->journal = !v->faulty && (m->flags & MDSTAT_MF_JOURNAL);
                v->replacement = !v->faulty && (m->flags & MDSTAT_MF_REPLACEMENT);
                v->write_mostly = !v->faulty && (m->flags & MDSTAT_MF_WRITEMOSTLY);
                v->spare = !v->faulty && (m->flags & MDSTAT_MF_SPARE);
                v->in_sync = !v->faulty && !v->spare && !v->journal;
        }
        if (v->faulty)
                v->spare = v->in_sync = false;
}

/* Role priority: faulty > journal > replacement > rebuilding > spare > writeMostly > active.
 * Rebuilding needs sysfs: a "spare" that already holds a slot in a running array. */
static enum md_member_role member_role(const struct member_view *v, bool running)
{
        if (v->faulty)
                return MD_ROLE_FAULTY;
        if (v->journal)
                return MD_ROLE_JOURNAL;
        if (v->replacement)
                return MD_ROLE_REPLACEMENT;
        if (v->spare && v->flags_ok && v->slot >= 0 && running)
                return MD_ROLE_REBUILDING;
        if (v->spare)
                return MD_ROLE_SPARE;
        if (v->write_mostly)
                return MD_ROLE_WRITE_MOSTLY;
        return MD_ROLE_ACTIVE;
}

/* The state column: sysfs text as read, or mdstat's flags in the kernel's sysfs words. */
static void member_state_text(const struct member_view *v, char *buf, size_t sz)
{
        unsigned f = v->m->flags;
        struct strbuf sb;
        size_t len;

        strbuf_init(&sb, buf, sz);
        if (v->flags_ok) {
                const char *s = v->s->state;

                while (*s == ' ' || *s == '\t' || *s == '\n')
                        s++;
                snprintf(buf, sz, "%s", s);
                len = strlen(buf);
                while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\t' ||
                                   buf[len - 1] == '\n' || buf[len - 1] == '\r'))
                        buf[--len] = '\0';
                return;
        }
        if (f & MDSTAT_MF_FAULTY) {
                strbuf_append_sep(&sb, ",", "faulty");
                return;
        }
        if (!(f & (MDSTAT_MF_SPARE | MDSTAT_MF_JOURNAL | MDSTAT_MF_REPLACEMENT)))
                strbuf_append_sep(&sb, ",", "in_sync");
        if (f & MDSTAT_MF_JOURNAL)
                strbuf_append_sep(&sb, ",", "journal");
        if (f & MDSTAT_MF_WRITEMOSTLY)
                strbuf_append_sep(&sb, ",", "write_mostly");
        if (f & MDSTAT_MF_SPARE)
                strbuf_append_sep(&sb, ",", "spare");
        if (f & MDSTAT_MF_REPLACEMENT)
                strbuf_append_sep(&sb, ",", "replacement");
}

static bool sync_runs(enum md_sync_action a)
{
        return a == MD_SYNC_RESYNC || a == MD_SYNC_RECOVER || a == MD_SYNC_CHECK ||
               a == MD_SYNC_REPAIR || a == MD_SYNC_RESHAPE;
}

static enum md_sync_action mdstat_action(enum mdstat_sync s)
{
        switch (s) {
        case MDSTAT_SYNC_NONE:
                return MD_SYNC_IDLE;
        case MDSTAT_SYNC_RESYNC:
        case MDSTAT_SYNC_DELAYED:
        case MDSTAT_SYNC_PENDING:
                return MD_SYNC_RESYNC;
        case MDSTAT_SYNC_RECOVERY:
                return MD_SYNC_RECOVER;
        case MDSTAT_SYNC_CHECK:
                return MD_SYNC_CHECK;
        case MDSTAT_SYNC_REPAIR:
                return MD_SYNC_REPAIR;
        case MDSTAT_SYNC_RESHAPE:
                return MD_SYNC_RESHAPE;
        case MDSTAT_SYNC_REMOTE: /* md-cluster: another node syncs, we cannot say what */
        default:
                return MD_SYNC_UNKNOWN;
        }
}

/* mdstat's progress figures are only meaningful when it printed a progress bar. */
static bool mdstat_has_progress(enum mdstat_sync s)
{
        return s == MDSTAT_SYNC_RESYNC || s == MDSTAT_SYNC_RECOVERY || s == MDSTAT_SYNC_CHECK ||
               s == MDSTAT_SYNC_REPAIR || s == MDSTAT_SYNC_RESHAPE;
}

static enum md_array_state sync_state(enum md_sync_action a)
{
        switch (a) {
        case MD_SYNC_RESYNC:
                return MD_STATE_RESYNCING;
        case MD_SYNC_RECOVER:
                return MD_STATE_RECOVERING;
        case MD_SYNC_CHECK:
                return MD_STATE_CHECKING;
        case MD_SYNC_REPAIR:
                return MD_STATE_REPAIRING;
        default:
                return MD_STATE_RESHAPING;
        }
}

/* Hundredths of a percent of done/total without overflowing 64 bits. */
static int32_t hundredths(uint64_t done, uint64_t total)
{
        while (total > UINT64_MAX / 10000) {
                done >>= 1;
                total >>= 1;
        }
        if (done >= total)
                return 10000;
        return (int32_t)(done * 10000 / total);
}

/* Which missing count makes a redundant array lose data. raid10: the copy count is not in
 * sysfs or mdstat's parsed fields, so we do not guess which halves failed: more than half of
 * the devices gone means data is gone whatever the layout (with 2 or more copies); up to half
 * is reported degraded, which the kernel would not allow if it had cost the last copy. */
static bool lost_data(enum level_kind k, int total, int missing)
{
        if (total <= 0 || missing <= 0)
                return false;
        switch (k) {
        case LK_RAID1:
        case LK_MULTIPATH:
                return missing >= total;
        case LK_RAID4:
        case LK_RAID5:
                return missing > 1;
        case LK_RAID6:
                return missing > 2;
        case LK_RAID10:
                return missing > total / 2;
        default:
                return false;
        }
}

/* A degraded array that survives one more failure keeps a warning; one that does not is
 * critical. raid10 is assumed to have the usual two copies: any missing device leaves the
 * chunks it held with a single copy. Levels we cannot judge stay at warning. */
static bool redundancy_left(enum level_kind k, int total, int missing)
{
        switch (k) {
        case LK_RAID1:
        case LK_MULTIPATH:
                return total - missing >= 2;
        case LK_RAID4:
        case LK_RAID5:
        case LK_RAID10:
                return missing == 0;
        case LK_RAID6:
                return missing < 2;
        default:
                return true;
        }
}

static bool is_redundant(enum level_kind k)
{
        return k == LK_RAID1 || k == LK_RAID4 || k == LK_RAID5 || k == LK_RAID6 || k == LK_RAID10 ||
               k == LK_MULTIPATH || k == LK_UNKNOWN;
}

/* "md1 raid5 degraded: 3 of 4 working, sdc1 faulty", "md2 raid6 recovering 42.50% (eta 12 min)" */
static void make_summary(struct md_array_row *r, const struct mdstat_array *a, bool container,
                         int missing)
{
        struct strbuf sb;
        size_t i;
        int empty_slots = 0, faulty = 0;

        strbuf_init(&sb, r->summary, sizeof(r->summary));
        strbuf_appendf(&sb, "%s", r->name);
        if (r->level[0])
                strbuf_appendf(&sb, " %s", r->level);
        else if (container)
                strbuf_appendf(&sb, " container");
        strbuf_appendf(&sb, " %s", md_array_state_name(r->state));
        if (a->unparsed) {
                /* The reason first: the figures after it are not to be trusted. */
                strbuf_appendf(&sb,
                               ": /proc/mdstat has text in its block that is not understood "
                               "(at byte %zu)",
                               a->unparsed_offset);
                return;
        }
        if (r->sync_progress >= 0) {
                strbuf_appendf(&sb, " %d.%02d%%", (int)(r->sync_progress / 100),
                               (int)(r->sync_progress % 100));
                if (r->sync_eta_s >= 0)
                        strbuf_appendf(&sb, " (eta %lld min)",
                                       (long long)((r->sync_eta_s + 59) / 60));
        }
        if (missing <= 0 && r->failed == 0)
                return;
        strbuf_appendf(&sb, ": %d of %d working", r->active, r->total);
        for (i = 0; i < r->n_members; i++) {
                if (r->members[i].role == MD_ROLE_FAULTY) {
                        strbuf_appendf(&sb, ", %s faulty", r->members[i].device);
                        faulty++;
                } else if (r->members[i].role == MD_ROLE_REBUILDING) {
                        strbuf_appendf(&sb, ", %s rebuilding", r->members[i].device);
                } else if (r->members[i].role == MD_ROLE_MISSING) {
                        empty_slots++;
                }
        }
        if (empty_slots > faulty) /* a faulty member's slot is empty too: say it once */
                strbuf_appendf(&sb, ", %d missing", empty_slots - faulty);
}

static int cmp_member(const void *a, const void *b)
{
        const struct md_member_row *x = a, *y = b;

        return x->index < y->index ? -1 : x->index > y->index;
}

static void add_missing_row(struct md_array_row *r, int slot)
{
        struct md_member_row *mr = &r->members[r->n_members++];

        memset(mr, 0, sizeof(*mr));
        mr->index = MD_MISSING_INDEX_BASE + (uint32_t)slot + 1;
        mr->slot = slot;
        mr->slot_known = true;
        mr->role = MD_ROLE_MISSING;
}

/*
 * State, first rule that applies wins:
 *   sysfs array_state (else mdstat inactive/broken/read-only/auto-read-only/active) says
 *   unknown or inactive     -> UNKNOWN / INACTIVE (no running personality: counts mean little)
 *   kernel "broken", more members lost than the level tolerates (see lost_data), or
 *   raid0/linear with a faulty member                              -> FAILED
 *   (FAILED is placed before a running sync: a sync cannot save such an array, and an operator
 *   must see the failure rather than "recovering")
 *   sync_completed "delayed" or mdstat resync=DELAYED             -> RESYNC_DELAYED
 *   mdstat resync=PENDING                                         -> RESYNC_PENDING
 *   sync_action resync/recover/check/repair/reshape               -> RESYNCING ... RESHAPING
 *   degraded (sysfs degraded > 0, else mdstat m < n)              -> DEGRADED
 *   otherwise the array_state word: READONLY, READ_AUTO, CLEAN, ACTIVE (mdstat alone: ACTIVE)
 *
 * Health:
 *   FAILED                                                        -> critical
 *   UNKNOWN                                                       -> unknown
 *   INACTIVE: an IMSM/DDF container (always inactive)             -> ok, other arrays -> warning
 *   any other state with members missing: redundancy left         -> warning
 *                                         no redundancy left      -> critical
 *   (so RECOVERING, RESYNCING ... on a degraded array keep warning/critical until done)
 *   otherwise (clean, active, read-only, a sync on a full array)  -> ok
 *
 * Text in the array's mdstat block that the parser could not place (a->unparsed) overrides
 * both: UNKNOWN / unknown, with the reason in the summary.
 */
int md_model_build(const struct mdstat_array *a, const struct md_sysfs_raw *sys,
                   struct md_array_row *ret)
{
        struct md_array_row r;
        struct sys_view sv;
        struct member_view *views = NULL;
        enum level_kind kind;
        enum md_array_state base;
        bool container, all_flags = true, all_slots = true, running, waiting, any_faulty = false;
        bool delayed, pending, *filled = NULL;
        int missing = 0, in_slot = 0, non_spare = 0, n_counted = 0, n_missing_rows = 0;
        size_t i, n_rows;

        if (!a || !ret)
                return -EINVAL;
        memset(&r, 0, sizeof(r));
        read_sys(sys, &sv);
        r.index = md_array_index(a->name);
        snprintf(r.name, sizeof(r.name), "%s", a->name);
        r.has_sysfs = sys != NULL;
        r.present = true;
        r.spares_expected = -1;
        kind = resolve_level(sv.level, a->level, r.level);

        if (sv.metadata[0])
                snprintf(r.metadata, sizeof(r.metadata), "%s", sv.metadata);
        else if (a->metadata[0])
                snprintf(r.metadata, sizeof(r.metadata), "%s", a->metadata);
        else if (a->activity != MDSTAT_INACTIVE && a->activity != 0 && a->n_members > 0)
                snprintf(r.metadata, sizeof(r.metadata), "0.90"); /* 0.90 prints no "super" */
        snprintf(r.uuid, sizeof(r.uuid), "%s", sv.uuid);
        container = is_container(kind, r.level, r.metadata);

        if (sv.state_ok)
                base = sv.state;
        else if (a->activity == MDSTAT_INACTIVE)
                base = MD_STATE_INACTIVE;
        else if (a->activity == MDSTAT_BROKEN)
                base = MD_STATE_FAILED;
        else if (a->activity != MDSTAT_ACTIVE)
                base = MD_STATE_UNKNOWN;
        else if (a->ro == MDSTAT_READONLY)
                base = MD_STATE_READONLY;
        else if (a->ro == MDSTAT_READ_AUTO)
                base = MD_STATE_READ_AUTO;
        else
                base = MD_STATE_ACTIVE; /* mdstat cannot tell clean from active */
        running = base != MD_STATE_INACTIVE && base != MD_STATE_UNKNOWN;

        /* Members and counts */
        if (a->n_members > 0) {
                views = calloc(a->n_members, sizeof(*views));
                if (!views)
                        return -ENOMEM;
        }
        for (i = 0; i < a->n_members; i++) {
                struct member_view *v = &views[i];

                view_member(&a->members[i], sys, v);
                all_flags = all_flags && v->flags_ok;
                all_slots = all_slots && v->slot_ok;
                if (v->faulty) {
                        r.failed++;
                        any_faulty = true;
                } else {
                        r.working++;
                }
                if (v->spare)
                        r.spare++;
                if (!v->faulty && !v->journal && (!v->spare || v->slot >= 0))
                        in_slot++;
                if (!v->spare && !v->journal)
                        non_spare++;
                if (!v->journal)
                        n_counted++;
                if (v->flags_ok && v->in_sync && !v->journal && (!v->slot_ok || v->slot >= 0))
                        r.active++;
        }
        if (sv.disks_ok)
                r.total = sv.disks;
        else if (a->raid_disks > 0)
                r.total = a->raid_disks;
        else /* raid0, linear, inactive: the members; all of them when all are (S) */
                r.total = non_spare > 0 ? non_spare : n_counted;
        if (!(sys && all_flags && a->n_members > 0)) {
                /* mdstat's own view: 'U' slots, or members without flags where it prints none */
                if (a->slot_map[0]) {
                        r.active = 0;
                        for (i = 0; a->slot_map[i]; i++)
                                r.active += a->slot_map[i] == 'U';
                } else {
                        r.active = in_slot;
                }
        }

        /* Which slots are missing: from sysfs slots when every member told us its slot. */
        if (running && !container && r.total > 0 && r.total <= MD_MODEL_MAX_SLOTS) {
                if (sys && a->n_members > 0 && all_slots) {
                        filled = calloc((size_t)r.total, sizeof(*filled));
                        if (!filled) {
                                free(views);
                                return -ENOMEM;
                        }
                        for (i = 0; i < a->n_members; i++)
                                if (!views[i].faulty && views[i].slot >= 0 &&
                                    views[i].slot < r.total)
                                        filled[views[i].slot] = true;
                        for (int s = 0; s < r.total; s++)
                                n_missing_rows += !filled[s];
                } else if (a->slot_map[0] && r.total > in_slot) {
                        n_missing_rows = r.total - in_slot;
                }
        }

        if (is_redundant(kind) && running) {
                if (sv.degraded_ok)
                        missing = sv.degraded > (uint64_t)r.total ? r.total : (int)sv.degraded;
                else if (a->raid_disks >= 0 && a->working_disks >= 0 &&
                         a->raid_disks >= a->working_disks)
                        missing = a->raid_disks - a->working_disks;
                else
                        missing = n_missing_rows;
        }

        /* Sync */
        /* A word the parser does not know (a newer kernel's) yields to what mdstat shows. */
        if (sv.action_ok && sv.action != MD_SYNC_UNKNOWN)
                r.sync_action = sv.action;
        else if (!sv.action_ok || a->sync != MDSTAT_SYNC_NONE)
                r.sync_action = mdstat_action(a->sync);
        else
                r.sync_action = MD_SYNC_UNKNOWN;
        if (!running)
                r.sync_action = MD_SYNC_IDLE;
        delayed = (sv.completed_ok && sv.completed.delayed) || a->sync == MDSTAT_SYNC_DELAYED;
        pending = a->sync == MDSTAT_SYNC_PENDING;
        waiting = delayed || pending;
        r.sync_progress = -1;
        r.sync_eta_s = -1;
        if (sync_runs(r.sync_action) && !waiting) {
                bool sys_numeric = sv.completed_ok && !sv.completed.none && !sv.completed.delayed &&
                                   sv.completed.total_sectors > 0;

                if (sys_numeric)
                        r.sync_progress =
                            hundredths(sv.completed.done_sectors, sv.completed.total_sectors);
                else if (mdstat_has_progress(a->sync))
                        r.sync_progress =
                            a->sync_permille >= 1000 ? 10000 : (int32_t)a->sync_permille * 10;
                if (sv.speed_ok || mdstat_has_progress(a->sync)) {
                        r.sync_speed_kib = sv.speed_ok ? sv.speed : a->sync_speed_kib;
                        r.sync_speed_known = true;
                }
                if (r.sync_speed_kib > 0) {
                        if (mdstat_has_progress(a->sync) && a->sync_finish_tenth_min > 0)
                                r.sync_eta_s = a->sync_finish_tenth_min > (uint64_t)INT64_MAX / 6
                                                   ? INT64_MAX
                                                   : (int64_t)a->sync_finish_tenth_min * 6;
                        else if (sys_numeric &&
                                 sv.completed.total_sectors >= sv.completed.done_sectors)
                                r.sync_eta_s = (int64_t)((sv.completed.total_sectors -
                                                          sv.completed.done_sectors) /
                                                         2 / r.sync_speed_kib);
                }
        }

        r.mismatch_known = sv.mismatch_ok;
        r.mismatch_cnt = sv.mismatch_ok ? sv.mismatch : 0;
        if (sv.size_ok && sv.size_kib > 0)
                r.size_bytes = sv.size_kib * 1024;
        else
                r.size_bytes =
                    a->blocks_kib > UINT64_MAX / 1024 ? UINT64_MAX : a->blocks_kib * 1024;
        r.size_known = r.size_bytes > 0; /* mdstat prints no block count it does not know */

        /* State and health, see the table above the function. */
        if (base == MD_STATE_UNKNOWN || base == MD_STATE_INACTIVE)
                r.state = base;
        else if (base == MD_STATE_FAILED || lost_data(kind, r.total, missing) ||
                 ((kind == LK_RAID0 || kind == LK_LINEAR) && any_faulty))
                r.state = MD_STATE_FAILED;
        else if (delayed)
                r.state = MD_STATE_RESYNC_DELAYED;
        else if (pending)
                r.state = MD_STATE_RESYNC_PENDING;
        else if (sync_runs(r.sync_action))
                r.state = sync_state(r.sync_action);
        else if (missing > 0)
                r.state = MD_STATE_DEGRADED;
        else
                r.state = base;

        if (r.state == MD_STATE_FAILED)
                r.health = SRVH_HEALTH_CRITICAL;
        else if (r.state == MD_STATE_UNKNOWN)
                r.health = SRVH_HEALTH_UNKNOWN;
        else if (r.state == MD_STATE_INACTIVE)
                r.health = container ? SRVH_HEALTH_OK : SRVH_HEALTH_WARNING;
        else if (missing > 0)
                r.health = redundancy_left(kind, r.total, missing) ? SRVH_HEALTH_WARNING
                                                                   : SRVH_HEALTH_CRITICAL;
        else
                r.health = SRVH_HEALTH_OK;
        if (a->unparsed) {
                /* Part of the array's text could not be placed: whatever the rest says, it
                 * may be missing a faulty member or a degraded map. Never report it clean. */
                r.state = MD_STATE_UNKNOWN;
                r.health = SRVH_HEALTH_UNKNOWN;
        }

        /* Member rows: one per listed device with a usable desc_nr, then the empty slots. */
        n_rows = a->n_members + (size_t)n_missing_rows;
        if (n_rows > 0) {
                r.members = calloc(n_rows, sizeof(*r.members));
                if (!r.members) {
                        free(views);
                        free(filled);
                        return -ENOMEM;
                }
        }
        for (i = 0; i < a->n_members; i++) {
                const struct member_view *v = &views[i];
                struct md_member_row *mr;

                if (v->m->desc_nr < 0 || (uint32_t)v->m->desc_nr + 1 >= MD_MISSING_INDEX_BASE)
                        continue; /* counted above, but no stable index to serve it under */
                mr = &r.members[r.n_members++];
                mr->index = (uint32_t)v->m->desc_nr + 1;
                snprintf(mr->device, sizeof(mr->device), "%s", v->m->name);
                mr->slot = v->slot;
                mr->slot_known = v->slot_ok;
                mr->role = member_role(v, running);
                member_state_text(v, mr->state, sizeof(mr->state));
                mr->errors = v->errors;
                mr->errors_known = v->errors_ok;
        }
        if (r.n_members > 1) { /* a repeated desc_nr is garbage: keep the first row */
                size_t w = 1;

                qsort(r.members, r.n_members, sizeof(*r.members), cmp_member);
                for (i = 1; i < r.n_members; i++)
                        if (r.members[i].index != r.members[w - 1].index)
                                r.members[w++] = r.members[i];
                r.n_members = w;
        }
        if (filled) {
                for (int s = 0; s < r.total; s++)
                        if (!filled[s])
                                add_missing_row(&r, s);
        } else if (n_missing_rows > 0) {
                /* mdstat alone: the '_' positions, in order; which '_' is a rebuilding member
                 * rather than an empty slot cannot be told, so the first ones are taken. */
                int left = n_missing_rows, s, maplen = (int)strlen(a->slot_map);

                for (s = 0; s < maplen && left > 0; s++)
                        if (a->slot_map[s] != 'U') {
                                add_missing_row(&r, s);
                                left--;
                        }
                for (s = maplen; s < r.total && left > 0; s++, left--)
                        add_missing_row(&r, s); /* map truncated at 64 characters */
        }
        free(views);
        free(filled);

        make_summary(&r, a, container, missing);
        *ret = r;
        return 0;
}

void md_array_row_clear(struct md_array_row *r)
{
        if (!r)
                return;
        free(r->members);
        memset(r, 0, sizeof(*r));
}

void md_carry_last_change(const struct md_array_row *old, size_t n_old,
                          struct md_array_row *new_rows, size_t n_new, time_t now)
{
        size_t i, j = 0;

        for (i = 0; i < n_new; i++) {
                struct md_array_row *r = &new_rows[i];

                while (old && j < n_old && old[j].index < r->index)
                        j++;
                if (old && j < n_old && old[j].index == r->index && old[j].state == r->state &&
                    old[j].health == r->health)
                        r->last_change = old[j].last_change;
                else
                        r->last_change = now;
        }
}

/* ---- expected arrays (mdadm.conf) ---------------------------------------------------------- */

/* The kernel name an ARRAY device stands for without looking at /dev: "/dev/md0" and
 * "/dev/md/0" are md0, "/dev/md_d0" is md_d0; "" for /dev/md/NAME and anything else. */
static void device_kernel_name(const char *dev, char out[MD_NAME_MAX])
{
        const char *p = NULL;

        out[0] = '\0';
        if (strncmp(dev, "/dev/md/", 8) == 0) {
                p = dev + 8;
                if (*p < '0' || *p > '9')
                        return;
                snprintf(out, MD_NAME_MAX, "md%s", p);
        } else if (strncmp(dev, "/dev/md", 7) == 0 && dev[7] != '/') {
                snprintf(out, MD_NAME_MAX, "%s", dev + 5);
        }
        if (out[0] && md_array_index(out) == 0)
                out[0] = '\0'; /* "/dev/md/01", "/dev/mdfoo": not a kernel name */
}

/* sysfs uuid "3f1c2a7e-8b4d-4c1e-9a52-6d0e7b21c4f8" as 32 lower-case hex digits, "" if not one. */
static void uuid_hex(const char *u, char out[MDADM_UUID_LEN + 1])
{
        size_t k = 0;

        for (; *u; u++) {
                char c = *u >= 'A' && *u <= 'F' ? (char)(*u - 'A' + 'a') : *u;

                if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
                        if (k == MDADM_UUID_LEN) {
                                k = 0;
                                break;
                        }
                        out[k++] = c;
                } else if (c != '-' && c != ':') {
                        k = 0;
                        break;
                }
        }
        out[k == MDADM_UUID_LEN ? k : 0] = '\0';
}

void md_expect(const struct md_expected *e, size_t n_e, struct md_array_row *rows, size_t n_rows,
               struct md_array_row *ret_absent, size_t *ret_n_absent)
{
        size_t i, k;

        *ret_n_absent = 0;
        for (i = 0; i < n_e; i++) {
                const struct mdadm_array *c = e[i].conf;
                char kname[MD_NAME_MAX], hex[MDADM_UUID_LEN + 1];
                struct md_array_row *match = NULL;
                bool uncomparable = false;

                device_kernel_name(c->device, kname);
                if (!kname[0])
                        snprintf(kname, sizeof(kname), "%s", e[i].kernel_name);
                for (k = 0; k < n_rows && c->uuid[0] && !match; k++) {
                        uuid_hex(rows[k].uuid, hex);
                        if (strcmp(hex, c->uuid) == 0)
                                match = &rows[k];
                        else if (!hex[0])
                                uncomparable = true;
                }
                for (k = 0; k < n_rows && kname[0] && !match; k++) {
                        if (strcmp(rows[k].name, kname) != 0)
                                continue;
                        uuid_hex(rows[k].uuid, hex);
                        if (!c->uuid[0] || !hex[0])
                                match = &rows[k];
                }
                if (!c->uuid[0] && !kname[0] && n_rows > 0)
                        uncomparable = true;
                if (match) {
                        match->expected = true;
                        match->spares_expected = c->spares;
                        match->spares_short = c->spares >= 0 && match->spare < c->spares;
                        if (match->spares_short) {
                                size_t l = strlen(match->summary);

                                snprintf(match->summary + l, sizeof(match->summary) - l,
                                         "; %d of %d spares mdadm.conf expects", match->spare,
                                         c->spares);
                        }
                        continue;
                }

                struct md_array_row *r = &ret_absent[(*ret_n_absent)++];
                struct strbuf sb;

                memset(r, 0, sizeof(*r));
                for (k = 0; k < n_rows && kname[0]; k++)
                        if (strcmp(rows[k].name, kname) == 0)
                                kname[0] = '\0'; /* another array runs as mdN: not this name */
                snprintf(r->name, sizeof(r->name), "%.31s", kname[0] ? kname : c->device);
                if (!r->name[0])
                        snprintf(r->name, sizeof(r->name), "uuid:%.8s", c->uuid);
                r->index = md_array_index(r->name);
                r->expected = true;
                r->spares_expected = c->spares;
                if (c->uuid[0])
                        snprintf(r->uuid, sizeof(r->uuid), "%.8s-%.4s-%.4s-%.4s-%.12s", c->uuid,
                                 c->uuid + 8, c->uuid + 12, c->uuid + 16, c->uuid + 20);
                r->state = uncomparable ? MD_STATE_UNKNOWN : MD_STATE_MISSING;
                r->health = uncomparable ? SRVH_HEALTH_UNKNOWN : SRVH_HEALTH_CRITICAL;
                strbuf_init(&sb, r->summary, sizeof(r->summary));
                strbuf_appendf(&sb, "%s %s: mdadm.conf line %u expects it", r->name,
                               md_array_state_name(r->state), c->line);
                if (c->device[0] &&
                    strcmp(c->device + (strncmp(c->device, "/dev/", 5) ? 0 : 5), r->name) != 0)
                        strbuf_appendf(&sb, " as %s", c->device);
                if (r->state == MD_STATE_MISSING)
                        strbuf_appendf(&sb, ", not running");
                else if (!c->uuid[0] && !kname[0])
                        strbuf_appendf(&sb, " without a UUID or md name to find it by");
                else
                        strbuf_appendf(&sb, "; an array without sysfs UUID may be it");
        }
}
