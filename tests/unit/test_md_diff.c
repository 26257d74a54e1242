/* Specification of the md notifications (src/md/md_diff.c): which events two polls of
 * srvhRaidArrayTable rows give, in which order, with which severity, states and value.
 * Rows come from md_model_build on hand-filled mdstat/sysfs input, as the collector makes them. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "md/md_model.h"
#include "srvhealth/oids.h"

/* ---- builders ------------------------------------------------------------------------------ */

struct arr_b {
        struct mdstat_array a;
        struct mdstat_member m[16];
};

/* members: "sda:0 sdb:1F" = name, desc_nr, flags F S W J R as mdstat prints them */
static void arr(struct arr_b *b, const char *name, const char *level, int raid_disks,
                const char *map, const char *members)
{
        char buf[256], *save = NULL, *tok;

        memset(b, 0, sizeof(*b));
        snprintf(b->a.name, sizeof(b->a.name), "%s", name);
        snprintf(b->a.level, sizeof(b->a.level), "%s", level);
        snprintf(b->a.metadata, sizeof(b->a.metadata), "1.2");
        snprintf(b->a.slot_map, sizeof(b->a.slot_map), "%s", map);
        b->a.activity = MDSTAT_ACTIVE;
        b->a.raid_disks = raid_disks;
        for (const char *p = map; *p; p++)
                b->a.working_disks += *p == 'U';
        b->a.blocks_kib = 1000;
        b->a.members = b->m;
        snprintf(buf, sizeof(buf), "%s", members);
        for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
                struct mdstat_member *m = &b->m[b->a.n_members++];
                char *colon = strchr(tok, ':'), *p;

                assert_non_null(colon);
                *colon = '\0';
                snprintf(m->name, sizeof(m->name), "%s", tok);
                m->desc_nr = (int)strtol(colon + 1, &p, 10);
                for (; *p; p++)
                        m->flags |= *p == 'F'   ? MDSTAT_MF_FAULTY
                                    : *p == 'S' ? MDSTAT_MF_SPARE
                                    : *p == 'W' ? MDSTAT_MF_WRITEMOSTLY
                                    : *p == 'J' ? MDSTAT_MF_JOURNAL
                                                : MDSTAT_MF_REPLACEMENT;
        }
}

static void arr_sync(struct arr_b *b, enum mdstat_sync sync, unsigned permille)
{
        b->a.sync = sync;
        b->a.sync_permille = permille;
        b->a.sync_speed_kib = 1000;
        b->a.sync_finish_tenth_min = 10;
}

struct sys_b {
        struct md_sysfs_raw s;
        struct md_sysfs_member_raw m[16];
};

static void sys(struct sys_b *b, const char *array_state, const char *degraded,
                const char *sync_action, const char *mismatch_cnt)
{
        memset(b, 0, sizeof(*b));
        b->s.array_state = array_state;
        b->s.degraded = degraded;
        b->s.sync_action = sync_action;
        b->s.sync_completed = strcmp(sync_action, "idle") ? "50 / 100" : "none";
        b->s.mismatch_cnt = mismatch_cnt;
        b->s.members = b->m;
}

static void sys_member(struct sys_b *b, const char *name, const char *state, const char *slot)
{
        struct md_sysfs_member_raw *m = &b->m[b->s.n_members++];

        m->name = name;
        m->state = state;
        m->slot = slot;
}

static void row(struct md_array_row *r, const struct arr_b *b, const struct sys_b *s)
{
        assert_int_equal(md_model_build(&b->a, s ? &s->s : NULL, r), 0);
}

static void clear_rows(struct md_array_row *r, size_t n)
{
        for (size_t i = 0; i < n; i++)
                md_array_row_clear(&r[i]);
}

static const struct md_diff_cfg step20 = {.rebuild_step = 20};

static void diff1(const struct md_array_row *old, const struct md_array_row *new_row,
                  struct event_list *out)
{
        assert_int_equal(md_diff(old, 1, new_row, 1, &step20, out), 0);
}

static void assert_event(const struct srvh_event *e, unsigned trap, enum srvh_health sev,
                         const char *object, const char *new_state, const char *old_state,
                         uint32_t value)
{
        assert_int_equal(e->trap, trap);
        assert_int_equal(e->severity, sev);
        assert_string_equal(e->object, object);
        assert_string_equal(e->new_state, new_state);
        assert_string_equal(e->old_state, old_state);
        assert_int_equal(e->value, value);
}

/* A degraded raid1 mirror pair: "md0 raid1 degraded: 1 of 2 working, sdb faulty" */
static void raid1_pair(struct md_array_row *r, const char *map, const char *members)
{
        struct arr_b b;

        arr(&b, "md0", "raid1", 2, map, members);
        row(r, &b, NULL);
}

/* ---- raise and clear ------------------------------------------------------------------------ */

static void test_diff_first_poll_only_raises_bad_arrays(void **state)
{
        struct arr_b b;
        struct md_array_row r[4];
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md0", "raid1", 2, "UU", "sda:0 sdb:1");
        row(&r[0], &b, NULL);
        arr(&b, "md1", "raid5", 4, "UU_U", "sda2:0 sdb2:1 sdc2:2F sdd2:3");
        row(&r[1], &b, NULL);
        arr(&b, "md2", "raid5", 3, "U__", "sda3:0 sdb3:1F sdc3:2F");
        row(&r[2], &b, NULL);
        arr(&b, "md3", "raid6", 4, "UUUU", "sda4:0 sdb4:1 sdc4:2 sdd4:3");
        arr_sync(&b, MDSTAT_SYNC_RESYNC, 100);
        row(&r[3], &b, NULL);

        assert_int_equal(md_diff(NULL, 0, r, 4, &step20, &ev), 0);
        assert_int_equal(ev.n, 2);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_DEGRADED, SRVH_HEALTH_CRITICAL, "md1", "degraded", "",
                     0);
        assert_string_equal(ev.v[0].text, "md1 raid5 degraded: 3 of 4 working, sdc2 faulty");
        assert_event(&ev.v[1], SRVH_TRAP_RAID_FAILED, SRVH_HEALTH_CRITICAL, "md2", "failed", "", 0);
        event_list_free(&ev);
        clear_rows(r, 4);
}

static void test_diff_unchanged_arrays_give_no_events(void **state)
{
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        raid1_pair(&o, "U_", "sda:0 sdb:1F");
        raid1_pair(&n, "U_", "sda:0 sdb:1F");
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 0);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_degraded_raises_once(void **state)
{
        struct arr_b b;
        struct md_array_row r0, r1, r2;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md0", "raid1", 3, "UUU", "sda:0 sdb:1 sdc:2");
        row(&r0, &b, NULL);
        arr(&b, "md0", "raid1", 3, "UU_", "sda:0 sdb:1 sdc:2F");
        row(&r1, &b, NULL);
        row(&r2, &b, NULL);

        diff1(&r0, &r1, &ev);
        assert_int_equal(ev.n, 2);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_MEMBER_FAILED, SRVH_HEALTH_WARNING, "md0/sdc",
                     "faulty", "active", 0);
        assert_event(&ev.v[1], SRVH_TRAP_RAID_DEGRADED, SRVH_HEALTH_WARNING, "md0", "degraded",
                     "active", 0);

        diff1(&r1, &r2, &ev); /* still degraded: nothing new */
        assert_int_equal(ev.n, 2);
        event_list_free(&ev);
        clear_rows(&r0, 1);
        clear_rows(&r1, 1);
        clear_rows(&r2, 1);
}

static void test_diff_member_failed_is_critical_when_no_redundancy_left(void **state)
{
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        raid1_pair(&o, "UU", "sda:0 sdb:1");
        raid1_pair(&n, "U_", "sda:0 sdb:1F");
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 2);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_MEMBER_FAILED, SRVH_HEALTH_CRITICAL, "md0/sdb",
                     "faulty", "active", 0);
        assert_string_equal(ev.v[0].text,
                            "md0: sdb failed (was active); md0 raid1 degraded: 1 of 2 working, "
                            "sdb faulty");
        assert_event(&ev.v[1], SRVH_TRAP_RAID_DEGRADED, SRVH_HEALTH_CRITICAL, "md0", "degraded",
                     "active", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_degraded_array_that_fails_raises_failed_only(void **state)
{
        struct arr_b b;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md1", "raid5", 3, "UU_", "sda:0 sdb:1 sdc:2F");
        row(&o, &b, NULL);
        arr(&b, "md1", "raid5", 3, "U__", "sda:0 sdb:1F sdc:2F");
        row(&n, &b, NULL);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 2);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_MEMBER_FAILED, SRVH_HEALTH_CRITICAL, "md1/sdb",
                     "faulty", "active", 0);
        assert_event(&ev.v[1], SRVH_TRAP_RAID_FAILED, SRVH_HEALTH_CRITICAL, "md1", "failed",
                     "degraded", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_recovered_follows_degraded(void **state)
{
        struct md_array_row r0, r1, r2;
        struct event_list ev = {0};

        (void)state;
        raid1_pair(&r0, "UU", "sda:0 sdb:1");
        raid1_pair(&r1, "U_", "sda:0 sdb:1F");
        raid1_pair(&r2, "UU", "sda:0 sdc:2");
        diff1(&r0, &r1, &ev);
        diff1(&r1, &r2, &ev);
        assert_int_equal(ev.n, 3);
        assert_int_equal(ev.v[1].trap, SRVH_TRAP_RAID_DEGRADED);
        assert_event(&ev.v[2], SRVH_TRAP_RAID_RECOVERED, SRVH_HEALTH_OK, "md0", "active",
                     "degraded", 0);
        assert_string_equal(ev.v[2].text, "md0 raid1 active");
        event_list_free(&ev);
        clear_rows(&r0, 1);
        clear_rows(&r1, 1);
        clear_rows(&r2, 1);
}

static void test_diff_recovered_after_failed_without_degraded(void **state)
{
        struct arr_b b;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md1", "raid5", 3, "U__", "sda:0 sdb:1F sdc:2F");
        row(&o, &b, NULL);
        arr(&b, "md1", "raid5", 3, "UUU", "sda:0 sdd:3 sde:4");
        row(&n, &b, NULL);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_RECOVERED, SRVH_HEALTH_OK, "md1", "active", "failed",
                     0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_unknown_health_is_raised_and_cleared(void **state)
{
        struct arr_b b;
        struct md_array_row r0, r1, r2;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md0", "raid1", 2, "UU", "sda:0 sdb:1");
        row(&r0, &b, NULL);
        b.a.activity = 0; /* a header the parser could not classify */
        row(&r1, &b, NULL);
        b.a.activity = MDSTAT_ACTIVE;
        row(&r2, &b, NULL);
        diff1(&r0, &r1, &ev);
        diff1(&r1, &r2, &ev);
        assert_int_equal(ev.n, 2);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_DEGRADED, SRVH_HEALTH_WARNING, "md0", "unknown",
                     "active", 0);
        assert_event(&ev.v[1], SRVH_TRAP_RAID_RECOVERED, SRVH_HEALTH_OK, "md0", "active", "unknown",
                     0);
        event_list_free(&ev);
        clear_rows(&r0, 1);
        clear_rows(&r1, 1);
        clear_rows(&r2, 1);
}

/* ---- arrays coming and going ---------------------------------------------------------------- */

static void test_diff_appeared_array_also_raises_degraded(void **state)
{
        struct arr_b b;
        struct md_array_row o[1], n[2];
        struct event_list ev = {0};

        (void)state;
        raid1_pair(&o[0], "UU", "sda:0 sdb:1");
        raid1_pair(&n[0], "UU", "sda:0 sdb:1");
        arr(&b, "md1", "raid1", 2, "_U", "sdd:1");
        row(&n[1], &b, NULL);
        assert_int_equal(md_diff(o, 1, n, 2, &step20, &ev), 0);
        assert_int_equal(ev.n, 2);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_ARRAY_APPEARED, SRVH_HEALTH_OK, "md1", "degraded", "",
                     0);
        assert_event(&ev.v[1], SRVH_TRAP_RAID_DEGRADED, SRVH_HEALTH_CRITICAL, "md1", "degraded", "",
                     0);
        event_list_free(&ev);
        clear_rows(o, 1);
        clear_rows(n, 2);
}

static void test_diff_appeared_healthy_array_only_appears(void **state)
{
        struct arr_b b;
        struct md_array_row n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md4", "raid1", 2, "UU", "sda:0 sdb:1");
        arr_sync(&b, MDSTAT_SYNC_RESYNC, 10);
        row(&n, &b, NULL);
        assert_int_equal(md_diff(&n, 0, &n, 1, &step20, &ev), 0); /* old is empty, not NULL */
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_ARRAY_APPEARED, SRVH_HEALTH_OK, "md4", "resyncing",
                     "", 0);
        event_list_free(&ev);
        clear_rows(&n, 1);
}

static void test_diff_disappeared_array_is_warning(void **state)
{
        struct md_array_row o;
        struct event_list ev = {0};

        (void)state;
        raid1_pair(&o, "UU", "sda:0 sdb:1");
        assert_int_equal(md_diff(&o, 1, NULL, 0, &step20, &ev), 0);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_ARRAY_DISAPPEARED, SRVH_HEALTH_WARNING, "md0", "",
                     "active", 0);
        assert_string_equal(ev.v[0].text, "md0 disappeared (was md0 raid1 active)");
        event_list_free(&ev);
        clear_rows(&o, 1);
}

/* ---- members ------------------------------------------------------------------------------- */

/* raid1 md0 recovering onto sdd (sysfs "spare" in slot 1), sdc in sync */
static void recovering_pair(struct md_array_row *r)
{
        struct arr_b b;
        struct sys_b s;

        arr(&b, "md0", "raid1", 2, "U_", "sdd:2 sdc:0");
        sys(&s, "clean", "1", "recover", "0");
        sys_member(&s, "sdd", "spare", "1");
        sys_member(&s, "sdc", "in_sync", "0");
        row(r, &b, &s);
        assert_int_equal(r->members[1].role, MD_ROLE_REBUILDING);
}

static void test_diff_rebuilding_member_that_fails_is_spare_failed(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        recovering_pair(&o);
        arr(&b, "md0", "raid1", 2, "U_", "sdd:2F sdc:0");
        sys(&s, "clean", "1", "idle", "0");
        sys_member(&s, "sdd", "faulty", "none");
        sys_member(&s, "sdc", "in_sync", "0");
        row(&n, &b, &s);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 2);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_SPARE_FAILED, SRVH_HEALTH_CRITICAL, "md0/sdd",
                     "faulty", "rebuilding", 0);
        assert_event(&ev.v[1], SRVH_TRAP_RAID_REBUILD_FINISHED, SRVH_HEALTH_OK, "md0", "degraded",
                     "recovering", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_idle_spare_that_fails_is_spare_failed(void **state)
{
        struct arr_b b;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md0", "raid1", 2, "UU", "sda:0 sdb:1 sdc:2S");
        row(&o, &b, NULL);
        arr(&b, "md0", "raid1", 2, "UU", "sda:0 sdb:1 sdc:2F");
        row(&n, &b, NULL);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_SPARE_FAILED, SRVH_HEALTH_WARNING, "md0/sdc",
                     "faulty", "spare", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_new_faulty_member_is_member_failed(void **state)
{
        struct arr_b b;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md0", "raid1", 3, "UUU", "sda:0 sdb:1 sdc:2");
        row(&o, &b, NULL);
        arr(&b, "md0", "raid1", 3, "UUU", "sda:0 sdb:1 sdc:2 sde:3F");
        row(&n, &b, NULL);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_MEMBER_FAILED, SRVH_HEALTH_WARNING, "md0/sde",
                     "faulty", "", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_spare_activated_when_rebuild_completes(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        recovering_pair(&o);
        arr(&b, "md0", "raid1", 2, "UU", "sdd:2 sdc:0");
        sys(&s, "clean", "0", "idle", "0");
        sys_member(&s, "sdd", "in_sync", "1");
        sys_member(&s, "sdc", "in_sync", "0");
        row(&n, &b, &s);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 3); /* member, then state, then sync */
        assert_event(&ev.v[0], SRVH_TRAP_RAID_SPARE_ACTIVATED, SRVH_HEALTH_OK, "md0/sdd", "active",
                     "rebuilding", 0);
        assert_string_equal(ev.v[0].text, "md0: sdd is now active in slot 1");
        assert_event(&ev.v[1], SRVH_TRAP_RAID_RECOVERED, SRVH_HEALTH_OK, "md0", "clean",
                     "recovering", 0);
        assert_event(&ev.v[2], SRVH_TRAP_RAID_REBUILD_FINISHED, SRVH_HEALTH_OK, "md0", "clean",
                     "recovering", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_replacement_taking_over_is_spare_activated(void **state)
{
        struct arr_b b;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md2", "raid1", 2, "UU", "sdk1:2R sdj1:1 sdi1:0");
        row(&o, &b, NULL);
        arr(&b, "md2", "raid1", 2, "UU", "sdk1:2 sdj1:1F sdi1:0");
        row(&n, &b, NULL);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 2);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_MEMBER_FAILED, SRVH_HEALTH_WARNING, "md2/sdj1",
                     "faulty", "active", 0);
        assert_event(&ev.v[1], SRVH_TRAP_RAID_SPARE_ACTIVATED, SRVH_HEALTH_OK, "md2/sdk1", "active",
                     "replacement", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

/* ---- sync ---------------------------------------------------------------------------------- */

static void test_diff_rebuild_started_names_action(void **state)
{
        struct arr_b b;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md1", "raid1", 2, "UU", "sdc:0 sdd:1");
        row(&o, &b, NULL);
        arr_sync(&b, MDSTAT_SYNC_CHECK, 3);
        row(&n, &b, NULL);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_REBUILD_STARTED, SRVH_HEALTH_OK, "md1", "checking",
                     "active", 0);
        assert_string_equal(ev.v[0].text, "md1: check started");
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_changed_action_starts_new_rebuild(void **state)
{
        struct arr_b b;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md1", "raid1", 2, "UU", "sdc:0 sdd:1");
        arr_sync(&b, MDSTAT_SYNC_RESYNC, 990);
        row(&o, &b, NULL);
        arr_sync(&b, MDSTAT_SYNC_CHECK, 0);
        row(&n, &b, NULL);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_REBUILD_STARTED, SRVH_HEALTH_OK, "md1", "checking",
                     "resyncing", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_delayed_resync_that_runs_is_rebuild_started(void **state)
{
        struct arr_b b;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md1", "raid1", 2, "UU", "sdc:0 sdd:1");
        arr_sync(&b, MDSTAT_SYNC_DELAYED, 0);
        row(&o, &b, NULL);
        arr_sync(&b, MDSTAT_SYNC_RESYNC, 4);
        row(&n, &b, NULL);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_REBUILD_STARTED, SRVH_HEALTH_OK, "md1", "resyncing",
                     "resyncDelayed", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_rebuild_finished_reports_mismatch_cnt(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md1", "raid1", 2, "UU", "sdc:0 sdd:1");
        sys(&s, "active", "0", "check", "0");
        row(&o, &b, &s);
        sys(&s, "clean", "0", "idle", "128");
        row(&n, &b, &s);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_REBUILD_FINISHED, SRVH_HEALTH_WARNING, "md1", "clean",
                     "checking", 128);
        assert_string_equal(ev.v[0].text, "md1: check finished, mismatch_cnt 128");
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_rebuild_finished_without_mismatches_is_ok(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md1", "raid1", 2, "UU", "sdc:0 sdd:1");
        sys(&s, "active", "0", "check", "0");
        row(&o, &b, &s);
        sys(&s, "clean", "0", "idle", "0");
        row(&n, &b, &s);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_REBUILD_FINISHED, SRVH_HEALTH_OK, "md1", "clean",
                     "checking", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_rebuild_finished_clamps_mismatch_cnt(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        arr(&b, "md1", "raid1", 2, "UU", "sdc:0 sdd:1");
        sys(&s, "active", "0", "repair", "0");
        row(&o, &b, &s);
        sys(&s, "clean", "0", "idle", "5000000000");
        row(&n, &b, &s);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_int_equal(ev.v[0].value, UINT32_MAX);
        assert_string_equal(ev.v[0].text, "md1: repair finished, mismatch_cnt 5000000000");
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void progress_rows(struct md_array_row *o, struct md_array_row *n, unsigned old_permille,
                          unsigned new_permille)
{
        struct arr_b b;

        arr(&b, "md2", "raid6", 4, "UUUU", "sda:0 sdb:1 sdc:2 sdd:3");
        arr_sync(&b, MDSTAT_SYNC_RESYNC, old_permille);
        row(o, &b, NULL);
        arr_sync(&b, MDSTAT_SYNC_RESYNC, new_permille);
        row(n, &b, NULL);
}

static void test_diff_rebuild_progress_reports_highest_step(void **state)
{
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        progress_rows(&o, &n, 150, 634); /* 15.0% -> 63.4%: 20, 40 and 60 crossed */
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_REBUILD_PROGRESS, SRVH_HEALTH_OK, "md2", "resyncing",
                     "resyncing", 60);
        assert_string_equal(ev.v[0].text, "md2: resync passed 60%");
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_rebuild_progress_needs_a_crossed_step(void **state)
{
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        progress_rows(&o, &n, 410, 599);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 0);
        clear_rows(&o, 1);
        clear_rows(&n, 1);

        progress_rows(&o, &n, 599, 600); /* reaching the step counts */
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_int_equal(ev.v[0].value, 60);
        event_list_free(&ev);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_rebuild_progress_stops_before_100(void **state)
{
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        progress_rows(&o, &n, 950, 1000);
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 0);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

static void test_diff_rebuild_progress_off_with_step_zero(void **state)
{
        const struct md_diff_cfg off = {.rebuild_step = 0};
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        progress_rows(&o, &n, 100, 900);
        assert_int_equal(md_diff(&o, 1, &n, 1, &off, &ev), 0);
        assert_int_equal(ev.n, 0);
        clear_rows(&o, 1);
        clear_rows(&n, 1);
}

/* ---- order --------------------------------------------------------------------------------- */

static void test_diff_events_follow_array_index_then_kind(void **state)
{
        struct arr_b b;
        struct md_array_row o[2], n[2];
        struct event_list ev = {0};

        (void)state;
        /* old: md0 (index 1) healthy, md2 (index 3); new: md0 lost sdb and recovers onto sdc,
         * md1 (index 2) appeared, md2 gone. */
        raid1_pair(&o[0], "UU", "sda:0 sdb:1");
        arr(&b, "md2", "raid1", 2, "UU", "sde:0 sdf:1");
        row(&o[1], &b, NULL);
        arr(&b, "md0", "raid1", 2, "U_", "sda:0 sdb:1F sdc:2");
        arr_sync(&b, MDSTAT_SYNC_RECOVERY, 5);
        row(&n[0], &b, NULL);
        arr(&b, "md1", "raid1", 2, "UU", "sdg:0 sdh:1");
        row(&n[1], &b, NULL);
        assert_int_equal(event_add(&ev, 99, SRVH_HEALTH_OK, "x", "", "", 0, "earlier"), 0);

        assert_int_equal(md_diff(o, 2, n, 2, &step20, &ev), 0);
        assert_int_equal(ev.n, 6);
        assert_int_equal(ev.v[0].trap, 99); /* appended, the list's events are kept */
        assert_event(&ev.v[1], SRVH_TRAP_RAID_MEMBER_FAILED, SRVH_HEALTH_CRITICAL, "md0/sdb",
                     "faulty", "active", 0);
        assert_event(&ev.v[2], SRVH_TRAP_RAID_DEGRADED, SRVH_HEALTH_CRITICAL, "md0", "recovering",
                     "active", 0);
        assert_event(&ev.v[3], SRVH_TRAP_RAID_REBUILD_STARTED, SRVH_HEALTH_OK, "md0", "recovering",
                     "active", 0);
        assert_string_equal(ev.v[3].text, "md0: recover started");
        assert_event(&ev.v[4], SRVH_TRAP_RAID_ARRAY_APPEARED, SRVH_HEALTH_OK, "md1", "active", "",
                     0);
        assert_event(&ev.v[5], SRVH_TRAP_RAID_ARRAY_DISAPPEARED, SRVH_HEALTH_WARNING, "md2", "",
                     "active", 0);
        event_list_free(&ev);
        clear_rows(o, 2);
        clear_rows(n, 2);
}

/* ---- expected arrays and spares (mdadm.conf) ------------------------------------------------ */

/* The row md_expect makes for an expected array that is not running. */
static void missing_row(struct md_array_row *r, const char *name)
{
        memset(r, 0, sizeof(*r));
        snprintf(r->name, sizeof(r->name), "%s", name);
        r->index = md_array_index(name);
        r->state = MD_STATE_MISSING;
        r->health = SRVH_HEALTH_CRITICAL;
        r->expected = true;
        r->spares_expected = -1;
        snprintf(r->summary, sizeof(r->summary), "%s missing: mdadm.conf line 1 expects it", name);
}

static void test_diff_first_poll_raises_missing_expected_array(void **state)
{
        struct md_array_row r[1];
        struct event_list ev = {0};

        (void)state;
        missing_row(&r[0], "md1");
        assert_int_equal(md_diff(NULL, 0, r, 1, &step20, &ev), 0);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_ARRAY_MISSING, SRVH_HEALTH_CRITICAL, "md1", "missing",
                     "", 0);
        event_list_free(&ev);
}

static void test_diff_expected_array_that_stops_is_missing_not_disappeared(void **state)
{
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        raid1_pair(&o, "UU", "sda:0 sdb:1");
        o.expected = true;
        missing_row(&n, "md0");
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_ARRAY_MISSING, SRVH_HEALTH_CRITICAL, "md0", "missing",
                     "active", 0);
        event_list_free(&ev);
        clear_rows(&o, 1);
}

static void test_diff_missing_array_that_starts_is_found(void **state)
{
        struct md_array_row o, n;
        struct event_list ev = {0};

        (void)state;
        missing_row(&o, "md0");
        raid1_pair(&n, "UU", "sda:0 sdb:1");
        n.expected = true;
        diff1(&o, &n, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_ARRAY_FOUND, SRVH_HEALTH_OK, "md0", "active",
                     "missing", 0);
        event_list_free(&ev);
        clear_rows(&n, 1);
}

static void test_diff_missing_row_that_goes_away_is_found(void **state)
{
        struct md_array_row o;
        struct event_list ev = {0};

        (void)state;
        missing_row(&o, "md3"); /* mdadm.conf no longer lists it */
        assert_int_equal(md_diff(&o, 1, NULL, 0, &step20, &ev), 0);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_ARRAY_FOUND, SRVH_HEALTH_OK, "md3", "", "missing", 0);
        event_list_free(&ev);
}

static void test_diff_spares_missing_and_restored(void **state)
{
        struct md_array_row full, short_of_one;
        struct event_list ev = {0};

        (void)state;
        raid1_pair(&full, "UU", "sda:0 sdb:1 sdc:2S");
        full.expected = true;
        full.spares_expected = 1;
        raid1_pair(&short_of_one, "UU", "sda:0 sdb:1");
        short_of_one.expected = true;
        short_of_one.spares_expected = 1;
        short_of_one.spares_short = true;

        diff1(&full, &short_of_one, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_SPARES_MISSING, SRVH_HEALTH_WARNING, "md0", "active",
                     "active", 0);
        event_list_free(&ev);

        diff1(&short_of_one, &short_of_one, &ev);
        assert_int_equal(ev.n, 0); /* said once */

        diff1(&short_of_one, &full, &ev);
        assert_int_equal(ev.n, 1);
        assert_event(&ev.v[0], SRVH_TRAP_RAID_SPARES_RESTORED, SRVH_HEALTH_OK, "md0", "active",
                     "active", 1);
        event_list_free(&ev);
        clear_rows(&full, 1);
        clear_rows(&short_of_one, 1);
}

static void test_diff_first_poll_raises_spares_missing(void **state)
{
        struct md_array_row r;
        struct event_list ev = {0};

        (void)state;
        raid1_pair(&r, "UU", "sda:0 sdb:1");
        r.spares_expected = 1;
        r.spares_short = true;
        assert_int_equal(md_diff(NULL, 0, &r, 1, &step20, &ev), 0);
        assert_int_equal(ev.n, 1);
        assert_int_equal(ev.v[0].trap, SRVH_TRAP_RAID_SPARES_MISSING);
        event_list_free(&ev);
        clear_rows(&r, 1);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_diff_first_poll_only_raises_bad_arrays),
            cmocka_unit_test(test_diff_unchanged_arrays_give_no_events),
            cmocka_unit_test(test_diff_degraded_raises_once),
            cmocka_unit_test(test_diff_member_failed_is_critical_when_no_redundancy_left),
            cmocka_unit_test(test_diff_degraded_array_that_fails_raises_failed_only),
            cmocka_unit_test(test_diff_recovered_follows_degraded),
            cmocka_unit_test(test_diff_recovered_after_failed_without_degraded),
            cmocka_unit_test(test_diff_unknown_health_is_raised_and_cleared),
            cmocka_unit_test(test_diff_appeared_array_also_raises_degraded),
            cmocka_unit_test(test_diff_appeared_healthy_array_only_appears),
            cmocka_unit_test(test_diff_disappeared_array_is_warning),
            cmocka_unit_test(test_diff_rebuilding_member_that_fails_is_spare_failed),
            cmocka_unit_test(test_diff_idle_spare_that_fails_is_spare_failed),
            cmocka_unit_test(test_diff_new_faulty_member_is_member_failed),
            cmocka_unit_test(test_diff_spare_activated_when_rebuild_completes),
            cmocka_unit_test(test_diff_replacement_taking_over_is_spare_activated),
            cmocka_unit_test(test_diff_rebuild_started_names_action),
            cmocka_unit_test(test_diff_changed_action_starts_new_rebuild),
            cmocka_unit_test(test_diff_delayed_resync_that_runs_is_rebuild_started),
            cmocka_unit_test(test_diff_rebuild_finished_reports_mismatch_cnt),
            cmocka_unit_test(test_diff_rebuild_finished_without_mismatches_is_ok),
            cmocka_unit_test(test_diff_rebuild_finished_clamps_mismatch_cnt),
            cmocka_unit_test(test_diff_rebuild_progress_reports_highest_step),
            cmocka_unit_test(test_diff_rebuild_progress_needs_a_crossed_step),
            cmocka_unit_test(test_diff_rebuild_progress_stops_before_100),
            cmocka_unit_test(test_diff_rebuild_progress_off_with_step_zero),
            cmocka_unit_test(test_diff_events_follow_array_index_then_kind),
            cmocka_unit_test(test_diff_first_poll_raises_missing_expected_array),
            cmocka_unit_test(test_diff_expected_array_that_stops_is_missing_not_disappeared),
            cmocka_unit_test(test_diff_missing_array_that_starts_is_found),
            cmocka_unit_test(test_diff_missing_row_that_goes_away_is_found),
            cmocka_unit_test(test_diff_spares_missing_and_restored),
            cmocka_unit_test(test_diff_first_poll_raises_spares_missing),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
