/* Specification of the md model (src/md/md_model.c): which state, health, counts, members and
 * sync figures a srvhRaidArrayTable row gets from /proc/mdstat and /sys/block/mdX/md texts.
 * Rows are built from hand-filled parser output and from tests/fixtures/mdstat captures. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include <dirent.h>

#include "md/md_model.h"

/* ---- builders ------------------------------------------------------------------------------ */

struct arr_b {
        struct mdstat_array a;
        struct mdstat_member m[16];
};

/* An active array as mdstat prints it; working disks are the 'U' in map. */
static void arr_init(struct arr_b *b, const char *name, const char *level, int raid_disks,
                     const char *map)
{
        memset(b, 0, sizeof(*b));
        snprintf(b->a.name, sizeof(b->a.name), "%s", name);
        snprintf(b->a.level, sizeof(b->a.level), "%s", level);
        snprintf(b->a.metadata, sizeof(b->a.metadata), "1.2");
        b->a.activity = MDSTAT_ACTIVE;
        b->a.raid_disks = raid_disks;
        b->a.working_disks = -1;
        if (map) {
                snprintf(b->a.slot_map, sizeof(b->a.slot_map), "%s", map);
                b->a.working_disks = 0;
                for (const char *p = map; *p; p++)
                        b->a.working_disks += *p == 'U';
        }
        b->a.blocks_kib = 1000;
        b->a.members = b->m;
}

static void arr_member(struct arr_b *b, const char *name, int desc_nr, unsigned flags)
{
        struct mdstat_member *m = &b->m[b->a.n_members++];

        snprintf(m->name, sizeof(m->name), "%s", name);
        m->desc_nr = desc_nr;
        m->flags = flags;
}

struct sys_b {
        struct md_sysfs_raw s;
        struct md_sysfs_member_raw m[16];
};

static void sys_init(struct sys_b *b, const char *array_state, const char *level,
                     const char *raid_disks, const char *degraded, const char *sync_action)
{
        memset(b, 0, sizeof(*b));
        b->s.array_state = array_state;
        b->s.level = level;
        b->s.raid_disks = raid_disks;
        b->s.degraded = degraded;
        b->s.sync_action = sync_action;
        b->s.sync_completed = "none\n";
        b->s.sync_speed = "none\n";
        b->s.mismatch_cnt = "0\n";
        b->s.array_size = "default\n";
        b->s.uuid = "3f1c2b4a-0d5e-4f60-8a71-92b3c4d5e6f7\n";
        b->s.metadata_version = "1.2\n";
        b->s.members = b->m;
}

static void sys_member(struct sys_b *b, const char *name, const char *state, const char *slot)
{
        struct md_sysfs_member_raw *m = &b->m[b->s.n_members++];

        m->name = name;
        m->state = state;
        m->slot = slot;
        m->errors = "0\n";
}

static void build(const struct arr_b *b, const struct sys_b *s, struct md_array_row *r)
{
        assert_int_equal(md_model_build(&b->a, s ? &s->s : NULL, r), 0);
}

/* Parse tests/fixtures/mdstat/<file> and build the row of array <name> (mdstat only). */
static void build_fixture(const char *file, const char *name, struct md_array_row *r)
{
        char rel[256], *buf;
        struct mdstat *m = NULL;
        size_t len, i;

        snprintf(rel, sizeof(rel), "mdstat/%s", file);
        buf = fixture_read(rel, &len);
        assert_int_equal(md_parse_mdstat(buf, len, &m), 0);
        free(buf);
        for (i = 0; i < m->n_arrays; i++)
                if (strcmp(m->arrays[i].name, name) == 0)
                        break;
        assert_true(i < m->n_arrays);
        assert_int_equal(md_model_build(&m->arrays[i], NULL, r), 0);
        mdstat_free(m);
}

static const struct md_member_row *member(const struct md_array_row *r, const char *device)
{
        for (size_t i = 0; i < r->n_members; i++)
                if (strcmp(r->members[i].device, device) == 0)
                        return &r->members[i];
        fail_msg("no member %s", device);
        return NULL;
}

/* ---- index --------------------------------------------------------------------------------- */

static void test_model_index_follows_md_name(void **state)
{
        (void)state;
        assert_int_equal(md_array_index("md0"), 1);
        assert_int_equal(md_array_index("md127"), 128);
        assert_int_equal(md_array_index("md_d0"), 0x100001);
        assert_int_equal(md_array_index("md_d3"), 0x100004);
        assert_int_equal(md_array_index("md1048574"), 0xfffff);
        assert_int_equal(md_array_index("md_d1048574"), 0x1fffff);
}

static void test_model_index_is_zero_for_other_names(void **state)
{
        (void)state;
        assert_int_equal(md_array_index("md"), 0);
        assert_int_equal(md_array_index("md01"), 0); /* would collide with md1 */
        assert_int_equal(md_array_index("md1a"), 0);
        assert_int_equal(md_array_index("sda"), 0);
        assert_int_equal(md_array_index("md1048575"), 0); /* would enter the md_dN range */
        assert_int_equal(md_array_index("md_d1048575"), 0); /* would enter the collector's range */
        assert_int_equal(md_array_index("md99999999999"), 0);
        assert_int_equal(md_array_index(NULL), 0);
}

/* ---- state and health ---------------------------------------------------------------------- */

static void test_model_clean_raid1_from_sysfs_is_ok(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md0", "raid1", 2, "UU");
        arr_member(&b, "sdb1", 1, 0);
        arr_member(&b, "sda1", 0, 0);
        sys_init(&s, "clean\n", "raid1\n", "2\n", "0\n", "idle\n");
        sys_member(&s, "sda1", "in_sync\n", "0\n");
        sys_member(&s, "sdb1", "in_sync\n", "1\n");
        build(&b, &s, &r);
        assert_int_equal(r.index, 1);
        assert_int_equal(r.state, MD_STATE_CLEAN);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        assert_int_equal(r.total, 2);
        assert_int_equal(r.active, 2);
        assert_int_equal(r.working, 2);
        assert_int_equal(r.failed, 0);
        assert_int_equal(r.spare, 0);
        assert_int_equal(r.sync_action, MD_SYNC_IDLE);
        assert_int_equal(r.sync_progress, -1);
        assert_int_equal(r.sync_eta_s, -1);
        assert_true(r.has_sysfs);
        assert_string_equal(r.uuid, "3f1c2b4a-0d5e-4f60-8a71-92b3c4d5e6f7");
        assert_string_equal(r.summary, "md0 raid1 clean");
        assert_int_equal(r.n_members, 2);
        assert_int_equal(r.members[0].index, 1); /* sorted by index, not mdstat order */
        assert_string_equal(r.members[0].device, "sda1");
        assert_int_equal(r.members[0].slot, 0);
        assert_int_equal(r.members[0].role, MD_ROLE_ACTIVE);
        assert_string_equal(r.members[0].state, "in_sync");
        assert_int_equal(r.last_change, 0);
        md_array_row_clear(&r);
}

static void test_model_mdstat_only_running_array_is_active(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("raid1-healthy.txt", "md0", &r);
        assert_int_equal(r.state, MD_STATE_ACTIVE); /* mdstat cannot tell clean from active */
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        assert_false(r.has_sysfs);
        assert_string_equal(r.uuid, "");
        assert_string_equal(r.metadata, "1.2");
        assert_int_equal(r.total, 2);
        assert_int_equal(r.active, 2);
        assert_string_equal(r.members[0].state, "in_sync");
        md_array_row_clear(&r);
}

static void test_model_raid1_with_faulty_member_is_degraded_critical(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        /* What the guest showed after mdadm --fail: mdstat [2/1] [U_], sysfs clean, degraded 1 */
        arr_init(&b, "md0", "raid1", 2, "U_");
        arr_member(&b, "sdd", 1, MDSTAT_MF_FAULTY);
        arr_member(&b, "sdc", 0, 0);
        sys_init(&s, "clean\n", "raid1\n", "2\n", "1\n", "idle\n");
        sys_member(&s, "sdd", "faulty\n", "none\n");
        sys_member(&s, "sdc", "in_sync\n", "0\n");
        build(&b, &s, &r);
        assert_int_equal(r.state, MD_STATE_DEGRADED);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL); /* one copy left */
        assert_int_equal(r.active, 1);
        assert_int_equal(r.working, 1);
        assert_int_equal(r.failed, 1);
        assert_string_equal(r.summary, "md0 raid1 degraded: 1 of 2 working, sdd faulty");
        md_array_row_clear(&r);
}

static void test_model_three_way_raid1_one_missing_is_warning(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("member-flags-wjr.txt", "md0", &r);
        assert_int_equal(r.state, MD_STATE_DEGRADED);
        assert_int_equal(r.health, SRVH_HEALTH_WARNING); /* two copies left */
        assert_int_equal(r.total, 3);
        assert_int_equal(r.active, 2);
        assert_int_equal(r.failed, 1);
        md_array_row_clear(&r);
}

static void test_model_raid5_one_missing_is_critical(void **state)
{
        struct arr_b b;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md1", "raid5", 4, "UU_U");
        arr_member(&b, "sda1", 0, 0);
        arr_member(&b, "sdb1", 1, 0);
        arr_member(&b, "sdd1", 3, 0);
        build(&b, NULL, &r);
        assert_int_equal(r.state, MD_STATE_DEGRADED);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL);
        assert_string_equal(r.summary, "md1 raid5 degraded: 3 of 4 working, 1 missing");
        md_array_row_clear(&r);
}

static void test_model_raid5_two_missing_is_failed(void **state)
{
        struct arr_b b;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md1", "raid5", 4, "U_U_");
        arr_member(&b, "sda1", 0, 0);
        arr_member(&b, "sdb1", 1, MDSTAT_MF_FAULTY);
        arr_member(&b, "sdc1", 2, 0);
        arr_member(&b, "sdd1", 3, MDSTAT_MF_FAULTY);
        build(&b, NULL, &r);
        assert_int_equal(r.state, MD_STATE_FAILED);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL);
        assert_string_equal(r.summary,
                            "md1 raid5 failed: 2 of 4 working, sdb1 faulty, sdd1 faulty");
        md_array_row_clear(&r);
}

static void test_model_raid6_health_follows_missing_count(void **state)
{
        struct arr_b b;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md2", "raid6", 6, "UUUUU_");
        build(&b, NULL, &r);
        assert_int_equal(r.state, MD_STATE_DEGRADED);
        assert_int_equal(r.health, SRVH_HEALTH_WARNING);
        md_array_row_clear(&r);

        arr_init(&b, "md2", "raid6", 6, "UUUU__");
        build(&b, NULL, &r);
        assert_int_equal(r.state, MD_STATE_DEGRADED);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL);
        md_array_row_clear(&r);

        arr_init(&b, "md2", "raid6", 6, "UUU___");
        build(&b, NULL, &r);
        assert_int_equal(r.state, MD_STATE_FAILED);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL);
        md_array_row_clear(&r);
}

static void test_model_raid10_fails_only_past_half_missing(void **state)
{
        struct arr_b b;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md3", "raid10", 4, "U_U_"); /* may have survived: the kernel allowed it */
        build(&b, NULL, &r);
        assert_int_equal(r.state, MD_STATE_DEGRADED);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL);
        md_array_row_clear(&r);

        arr_init(&b, "md3", "raid10", 4, "U___");
        build(&b, NULL, &r);
        assert_int_equal(r.state, MD_STATE_FAILED);
        md_array_row_clear(&r);
}

static void test_model_raid0_broken_is_failed(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("raid0-broken.txt", "md0", &r);
        assert_int_equal(r.state, MD_STATE_FAILED);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL);
        assert_int_equal(r.total, 2);
        md_array_row_clear(&r);
}

static void test_model_raid0_with_faulty_member_is_failed(void **state)
{
        struct arr_b b;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md0", "raid0", -1, NULL);
        arr_member(&b, "sdb", 1, MDSTAT_MF_FAULTY);
        arr_member(&b, "sda", 0, 0);
        build(&b, NULL, &r);
        assert_int_equal(r.state, MD_STATE_FAILED);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL);
        assert_int_equal(r.total, 2);
        assert_int_equal(r.active, 1);
        md_array_row_clear(&r);
}

static void test_model_raid0_healthy_counts_members(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("raid0.txt", "md0", &r);
        assert_int_equal(r.state, MD_STATE_ACTIVE);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        assert_int_equal(r.total, 3);
        assert_int_equal(r.active, 3);
        assert_int_equal(r.sync_action, MD_SYNC_IDLE);
        md_array_row_clear(&r);
}

static void test_model_recovering_degraded_array_reports_recovering(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;
        const struct md_member_row *m;

        (void)state;
        /* The guest during recovery: sync_completed 8192 / 129024, rebuilding member "spare"
         * in slot 1. */
        arr_init(&b, "md0", "raid1", 2, "U_");
        arr_member(&b, "sdd", 2, 0);
        arr_member(&b, "sdc", 0, 0);
        sys_init(&s, "clean\n", "raid1\n", "2\n", "1\n", "recover\n");
        s.s.sync_completed = "8192 / 129024\n";
        s.s.sync_speed = "1000\n";
        sys_member(&s, "sdd", "spare\n", "1\n");
        sys_member(&s, "sdc", "in_sync\n", "0\n");
        build(&b, &s, &r);
        assert_int_equal(r.state, MD_STATE_RECOVERING);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL); /* still one copy until done */
        assert_int_equal(r.sync_action, MD_SYNC_RECOVER);
        assert_int_equal(r.sync_progress, 634);
        assert_int_equal(r.sync_speed_kib, 1000);
        assert_int_equal(r.sync_eta_s, 60); /* (129024 - 8192) sectors / 2 / 1000 KiB/s */
        assert_int_equal(r.active, 1);
        assert_int_equal(r.spare, 1);
        assert_int_equal(r.working, 2);
        m = member(&r, "sdd");
        assert_int_equal(m->role, MD_ROLE_REBUILDING);
        assert_int_equal(m->slot, 1);
        assert_int_equal(r.n_members, 2); /* slot 1 is being filled: not missing */
        assert_string_equal(
            r.summary, "md0 raid1 recovering 6.34% (eta 1 min): 1 of 2 working, sdd rebuilding");
        md_array_row_clear(&r);
}

static void test_model_mdstat_recovery_gives_progress_speed_eta(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("raid5-recovery-spare.txt", "md0", &r);
        assert_int_equal(r.state, MD_STATE_RECOVERING);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL);
        assert_int_equal(r.sync_action, MD_SYNC_RECOVER);
        assert_int_equal(r.sync_progress, 4250);
        assert_int_equal(r.sync_speed_kib, 154321);
        assert_int_equal(r.sync_eta_s, 7278); /* finish=121.3min */
        assert_int_equal(r.total, 4);
        assert_int_equal(r.active, 3);
        assert_int_equal(r.working, 5);
        assert_int_equal(r.spare, 1);
        assert_int_equal(member(&r, "sde1")->role, MD_ROLE_SPARE);
        /* Without sysfs the member being rebuilt cannot be told from an in-sync one. */
        assert_int_equal(member(&r, "sdd1")->role, MD_ROLE_ACTIVE);
        assert_int_equal(r.size_bytes, 5860147200ull * 1024);
        md_array_row_clear(&r);
}

static void test_model_resync_on_full_array_is_ok(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("raid6-resync.txt", "md2", &r);
        assert_int_equal(r.state, MD_STATE_RESYNCING);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        assert_int_equal(r.sync_progress, 850);
        assert_int_equal(r.sync_eta_s, 3871 * 6);
        assert_string_equal(r.summary, "md2 raid6 resyncing 8.50% (eta 388 min)");
        md_array_row_clear(&r);
}

static void test_model_check_on_full_array_is_checking_ok(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("raid1-check.txt", "md1", &r);
        assert_int_equal(r.state, MD_STATE_CHECKING);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        assert_int_equal(r.sync_action, MD_SYNC_CHECK);
        assert_int_equal(r.sync_progress, 6120);
        md_array_row_clear(&r);
}

static void test_model_resync_delayed_is_ok_without_progress(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("resync-delayed-two-arrays.txt", "md1", &r);
        assert_int_equal(r.state, MD_STATE_RESYNC_DELAYED);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        assert_int_equal(r.sync_action, MD_SYNC_RESYNC);
        assert_int_equal(r.sync_progress, -1);
        assert_int_equal(r.sync_speed_kib, 0);
        md_array_row_clear(&r);
}

static void test_model_sysfs_delayed_sync_completed_is_resync_delayed(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md1", "raid1", 2, "UU");
        sys_init(&s, "active\n", "raid1\n", "2\n", "0\n", "resync\n");
        s.s.sync_completed = "delayed\n";
        build(&b, &s, &r);
        assert_int_equal(r.state, MD_STATE_RESYNC_DELAYED);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        md_array_row_clear(&r);
}

static void test_model_resync_pending_on_auto_read_only_is_ok(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("resync-pending-auto-read-only.txt", "md127", &r);
        assert_int_equal(r.state, MD_STATE_RESYNC_PENDING);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        assert_int_equal(r.sync_progress, -1);
        md_array_row_clear(&r);
}

static void test_model_stalled_recovery_has_no_eta(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("stalled-huge-finish.txt", "md2", &r);
        assert_int_equal(r.state, MD_STATE_RECOVERING);
        assert_int_equal(r.sync_progress, 0);
        assert_int_equal(r.sync_speed_kib, 0);
        assert_int_equal(r.sync_eta_s, -1); /* speed 0: finish=25176161501.3min means nothing */
        md_array_row_clear(&r);
}

static void test_model_failed_spare_counts_as_failed(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("failed-spare-full-status.txt", "md4", &r);
        assert_int_equal(r.state, MD_STATE_ACTIVE);
        assert_int_equal(r.health, SRVH_HEALTH_OK); /* all 5 slots in sync */
        assert_int_equal(r.total, 5);
        assert_int_equal(r.active, 5);
        assert_int_equal(r.working, 6);
        assert_int_equal(r.failed, 1);
        assert_int_equal(r.spare, 1);
        assert_int_equal(member(&r, "sdf1")->role, MD_ROLE_FAULTY);
        assert_string_equal(member(&r, "sdf1")->state, "faulty");
        assert_int_equal(member(&r, "sdg1")->role, MD_ROLE_SPARE);
        assert_string_equal(member(&r, "sdg1")->state, "spare");
        assert_int_equal(r.n_members, 7); /* no slot missing */
        md_array_row_clear(&r);
}

static void test_model_imsm_container_is_inactive_and_ok(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("imsm-container-volume.txt", "md127", &r);
        assert_int_equal(r.state, MD_STATE_INACTIVE);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        assert_string_equal(r.level, "");
        assert_string_equal(r.metadata, "external:imsm");
        assert_int_equal(r.total, 2);
        assert_int_equal(r.spare, 2);
        assert_string_equal(r.summary, "md127 container inactive");
        md_array_row_clear(&r);

        build_fixture("imsm-container-volume.txt", "md126", &r);
        assert_int_equal(r.state, MD_STATE_ACTIVE);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        assert_string_equal(r.metadata, "external:/md127/0");
        md_array_row_clear(&r);
}

static void test_model_inactive_array_is_warning(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("inactive-array.txt", "md127", &r);
        assert_int_equal(r.state, MD_STATE_INACTIVE);
        assert_int_equal(r.health, SRVH_HEALTH_WARNING);
        assert_int_equal(r.total, 2);
        assert_int_equal(r.active, 0);
        assert_int_equal(r.sync_action, MD_SYNC_IDLE);
        assert_int_equal(r.n_members, 2); /* no missing rows for an array that does not run */
        md_array_row_clear(&r);
}

static void test_model_read_only_words_map_to_states(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        build_fixture("read-only.txt", "md3", &r);
        assert_int_equal(r.state, MD_STATE_READONLY);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        md_array_row_clear(&r);

        arr_init(&b, "md5", "raid1", 2, "UU");
        sys_init(&s, "read-auto\n", "raid1\n", "2\n", "0\n", "idle\n");
        build(&b, &s, &r);
        assert_int_equal(r.state, MD_STATE_READ_AUTO);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        md_array_row_clear(&r);
}

static void test_model_degraded_beats_read_only(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md5", "raid1", 3, "UU_");
        sys_init(&s, "readonly\n", "raid1\n", "3\n", "1\n", "idle\n");
        build(&b, &s, &r);
        assert_int_equal(r.state, MD_STATE_DEGRADED);
        assert_int_equal(r.health, SRVH_HEALTH_WARNING);
        md_array_row_clear(&r);
}

static void test_model_suspended_array_is_unknown(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md5", "raid1", 2, "UU");
        sys_init(&s, "suspended\n", "raid1\n", "2\n", "0\n", "idle\n");
        build(&b, &s, &r);
        assert_int_equal(r.state, MD_STATE_UNKNOWN);
        assert_int_equal(r.health, SRVH_HEALTH_UNKNOWN);
        md_array_row_clear(&r);
}

/* ---- sysfs versus mdstat ------------------------------------------------------------------- */

static void test_model_sysfs_garbage_falls_back_to_mdstat(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md1", "raid5", 4, "UU_U");
        arr_member(&b, "sda1", 0, 0);
        arr_member(&b, "sdb1", 1, 0);
        arr_member(&b, "sdc1", 2, MDSTAT_MF_FAULTY);
        arr_member(&b, "sdd1", 3, 0);
        sys_init(&s, "on fire\n", "\n", "many\n", "-1\n", "Rebuild!\n");
        s.s.sync_completed = "12 of 40\n";
        s.s.mismatch_cnt = "lots\n";
        s.s.uuid = "\x01\x02";
        s.s.metadata_version = "";
        sys_member(&s, "sdc1", "burning\xff,,\n", "slot two\n");
        build(&b, &s, &r);
        assert_true(r.has_sysfs);
        assert_string_equal(r.level, "raid5");
        assert_int_equal(r.state, MD_STATE_DEGRADED);
        assert_int_equal(r.health, SRVH_HEALTH_CRITICAL);
        assert_int_equal(r.total, 4);
        assert_int_equal(r.active, 3);
        assert_int_equal(r.failed, 1);
        assert_int_equal(r.sync_action, MD_SYNC_IDLE);
        assert_int_equal(r.mismatch_cnt, 0);
        assert_string_equal(r.metadata, "1.2");
        assert_int_equal(member(&r, "sdc1")->slot, -1);
        md_array_row_clear(&r);
}

static void test_model_sysfs_wins_where_both_speak(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md2", "raid1", 2, "UU");
        arr_member(&b, "sda", 0, 0);
        arr_member(&b, "sdb", 1, 0);
        sys_init(&s, "active\n", "raid1\n", "2\n", "0\n", "check\n");
        s.s.sync_completed = "500 / 1000\n";
        s.s.sync_speed = "250\n";
        s.s.mismatch_cnt = "128\n";
        s.s.array_size = "2048\n";
        s.s.metadata_version = "1.0\n";
        sys_member(&s, "sda", "in_sync\n", "0\n");
        sys_member(&s, "sdb", "in_sync,write_mostly\n", "1\n");
        s.m[1].errors = "17\n";
        b.a.sync = MDSTAT_SYNC_RESYNC; /* read a moment earlier: sysfs is current */
        b.a.sync_permille = 100;
        build(&b, &s, &r);
        assert_int_equal(r.state, MD_STATE_CHECKING);
        assert_int_equal(r.sync_action, MD_SYNC_CHECK);
        assert_int_equal(r.sync_progress, 5000);
        assert_int_equal(r.sync_speed_kib, 250);
        assert_int_equal(r.sync_eta_s, 1); /* 500 sectors / 2 / 250 KiB/s */
        assert_int_equal(r.mismatch_cnt, 128);
        assert_int_equal(r.size_bytes, 2048 * 1024);
        assert_string_equal(r.metadata, "1.0");
        assert_int_equal(member(&r, "sdb")->role, MD_ROLE_WRITE_MOSTLY);
        assert_int_equal(member(&r, "sdb")->errors, 17);
        assert_string_equal(member(&r, "sdb")->state, "in_sync,write_mostly");
        md_array_row_clear(&r);
}

static void test_model_numeric_sysfs_level_becomes_a_name(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md3", "", -1, NULL);
        sys_init(&s, "clean\n", "5\n", "3\n", "0\n", "idle\n");
        build(&b, &s, &r);
        assert_string_equal(r.level, "raid5");
        assert_int_equal(r.total, 3);
        md_array_row_clear(&r);
}

static void test_model_reshape_total_is_new_raid_disks(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md4", "raid5", 5, "UUUUU");
        sys_init(&s, "active\n", "raid5\n", "5 (4)\n", "0\n", "reshape\n");
        s.s.sync_completed = "1 / 4\n";
        build(&b, &s, &r);
        assert_int_equal(r.total, 5);
        assert_int_equal(r.state, MD_STATE_RESHAPING);
        assert_int_equal(r.sync_progress, 2500);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        md_array_row_clear(&r);
}

static void test_model_huge_sync_counts_do_not_overflow(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md4", "raid1", 2, "UU");
        sys_init(&s, "active\n", "raid1\n", "2\n", "0\n", "resync\n");
        s.s.sync_completed = "4611686018427387904 / 9223372036854775808\n";
        s.s.array_size = "18446744073709551615\n"; /* KiB: too big for bytes, mdstat's is used */
        build(&b, &s, &r);
        assert_int_equal(r.sync_progress, 5000);
        assert_int_equal(r.size_bytes, 1000 * 1024);
        md_array_row_clear(&r);
}

static void test_model_metadata_090_when_mdstat_prints_none(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("metadata-090.txt", "md0", &r);
        assert_string_equal(r.metadata, "0.90");
        md_array_row_clear(&r);
}

/* ---- members ------------------------------------------------------------------------------- */

static void test_model_missing_slots_from_sysfs_slots(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        /* After mdadm --remove of the faulty member: nothing left in slot 2 */
        arr_init(&b, "md1", "raid5", 4, "UU_U");
        arr_member(&b, "sda1", 0, 0);
        arr_member(&b, "sdb1", 1, 0);
        arr_member(&b, "sdd1", 3, 0);
        sys_init(&s, "clean\n", "raid5\n", "4\n", "1\n", "idle\n");
        sys_member(&s, "sda1", "in_sync\n", "0\n");
        sys_member(&s, "sdb1", "in_sync\n", "1\n");
        sys_member(&s, "sdd1", "in_sync\n", "3\n");
        build(&b, &s, &r);
        assert_int_equal(r.n_members, 4);
        assert_int_equal(r.members[3].index, MD_MISSING_INDEX_BASE + 2 + 1);
        assert_int_equal(r.members[3].role, MD_ROLE_MISSING);
        assert_int_equal(r.members[3].slot, 2);
        assert_string_equal(r.members[3].device, "");
        md_array_row_clear(&r);
}

static void test_model_missing_slots_from_mdstat_slot_map(void **state)
{
        struct arr_b b;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md1", "raid6", 5, "U_U_U");
        arr_member(&b, "sda1", 0, 0);
        arr_member(&b, "sdc1", 2, 0);
        arr_member(&b, "sde1", 4, 0);
        arr_member(&b, "sdf1", 5, MDSTAT_MF_FAULTY);
        build(&b, NULL, &r);
        assert_int_equal(r.n_members, 6);
        assert_int_equal(r.members[4].index, MD_MISSING_INDEX_BASE + 2);
        assert_int_equal(r.members[4].slot, 1);
        assert_int_equal(r.members[5].index, MD_MISSING_INDEX_BASE + 4);
        assert_int_equal(r.members[5].slot, 3);
        assert_int_equal(r.members[5].role, MD_ROLE_MISSING);
        md_array_row_clear(&r);
}

static void test_model_member_roles_from_mdstat_flags(void **state)
{
        struct md_array_row r;

        (void)state;
        build_fixture("member-flags-wjr.txt", "md0", &r);
        assert_int_equal(member(&r, "sdh1")->role, MD_ROLE_FAULTY); /* (W)(F): faulty wins */
        assert_int_equal(member(&r, "sdb1")->role, MD_ROLE_WRITE_MOSTLY);
        assert_string_equal(member(&r, "sdb1")->state, "in_sync,write_mostly");
        assert_int_equal(member(&r, "sda1")->role, MD_ROLE_ACTIVE);
        md_array_row_clear(&r);

        build_fixture("member-flags-wjr.txt", "md1", &r);
        assert_int_equal(member(&r, "nvme0n1p1")->role, MD_ROLE_JOURNAL);
        assert_string_equal(member(&r, "nvme0n1p1")->state, "journal");
        assert_int_equal(r.total, 3);
        assert_int_equal(r.health, SRVH_HEALTH_OK);
        md_array_row_clear(&r);

        build_fixture("member-flags-wjr.txt", "md2", &r);
        assert_int_equal(member(&r, "sdk1")->role, MD_ROLE_REPLACEMENT);
        assert_int_equal(r.state, MD_STATE_RECOVERING);
        assert_int_equal(r.health, SRVH_HEALTH_OK); /* copying to a replacement, nothing lost */
        md_array_row_clear(&r);
}

static void test_model_sysfs_replacement_beats_rebuilding(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md2", "raid1", 2, "UU");
        arr_member(&b, "sdk1", 2, MDSTAT_MF_REPLACEMENT);
        arr_member(&b, "sdj1", 1, 0);
        arr_member(&b, "sdi1", 0, 0);
        sys_init(&s, "clean\n", "raid1\n", "2\n", "0\n", "recover\n");
        sys_member(&s, "sdk1", "spare,replacement\n", "1\n");
        sys_member(&s, "sdj1", "in_sync,want_replacement\n", "1\n");
        sys_member(&s, "sdi1", "in_sync\n", "0\n");
        build(&b, &s, &r);
        assert_int_equal(member(&r, "sdk1")->role, MD_ROLE_REPLACEMENT);
        assert_int_equal(member(&r, "sdj1")->role, MD_ROLE_ACTIVE);
        assert_int_equal(r.active, 2);
        assert_int_equal(r.n_members, 3);
        md_array_row_clear(&r);
}

static void test_model_sysfs_only_member_is_not_listed(void **state)
{
        struct arr_b b;
        struct sys_b s;
        struct md_array_row r;

        (void)state;
        arr_init(&b, "md0", "raid1", 2, "UU");
        arr_member(&b, "sda", 0, 0);
        arr_member(&b, "sdb", 1, 0);
        sys_init(&s, "clean\n", "raid1\n", "2\n", "0\n", "idle\n");
        sys_member(&s, "sda", "in_sync\n", "0\n");
        sys_member(&s, "sdb", "in_sync\n", "1\n");
        sys_member(&s, "sdz", "spare\n", "none\n"); /* added between the two reads */
        build(&b, &s, &r);
        assert_int_equal(r.n_members, 2);
        assert_int_equal(r.spare, 0);
        md_array_row_clear(&r);
}

/* Every array of every parsable fixture makes a row that keeps the table's invariants. */
static void test_model_every_fixture_array_builds_a_sorted_row(void **state)
{
        char path[512];
        struct dirent *d;
        size_t n_rows = 0;
        DIR *dir;

        (void)state;
        snprintf(path, sizeof(path), "%s/mdstat", SRVH_FIXTURES);
        dir = opendir(path);
        assert_non_null(dir);
        while ((d = readdir(dir))) {
                struct mdstat *m = NULL;
                size_t len;
                char rel[300], *text;
                int parsed;

                if (!strstr(d->d_name, ".txt"))
                        continue;
                snprintf(rel, sizeof(rel), "mdstat/%s", d->d_name);
                text = fixture_read(rel, &len);
                parsed = md_parse_mdstat(text, len, &m);
                free(text);
                if (parsed < 0)
                        continue; /* garbage.txt */
                for (size_t i = 0; i < m->n_arrays; i++) {
                        struct md_array_row r;

                        assert_int_equal(md_model_build(&m->arrays[i], NULL, &r), 0);
                        assert_int_equal(r.index, md_array_index(m->arrays[i].name));
                        assert_int_equal(strncmp(r.summary, r.name, strlen(r.name)), 0);
                        assert_true(r.working + r.failed >= r.active);
                        for (size_t k = 1; k < r.n_members; k++)
                                assert_true(r.members[k - 1].index < r.members[k].index);
                        md_array_row_clear(&r);
                        n_rows++;
                }
                mdstat_free(m);
        }
        closedir(dir);
        assert_true(n_rows >= 40);
}

/* ---- API edges ----------------------------------------------------------------------------- */

static void test_model_null_array_is_einval(void **state)
{
        struct md_array_row r;

        (void)state;
        memset(&r, 0x5a, sizeof(r));
        assert_int_equal(md_model_build(NULL, NULL, &r), -EINVAL);
        assert_int_equal(r.index, 0x5a5a5a5a); /* untouched */
}

static void test_model_row_clear_accepts_zeroed_row(void **state)
{
        struct md_array_row r;

        (void)state;
        memset(&r, 0, sizeof(r));
        md_array_row_clear(&r);
        md_array_row_clear(NULL);
        build_fixture("raid1-healthy.txt", "md0", &r);
        md_array_row_clear(&r);
        assert_null(r.members);
        assert_int_equal(r.n_members, 0);
}

static void test_model_carry_last_change_keeps_unchanged_rows(void **state)
{
        struct md_array_row old[3], new_rows[3];

        (void)state;
        memset(old, 0, sizeof(old));
        memset(new_rows, 0, sizeof(new_rows));
        old[0] = (struct md_array_row){
            .index = 1, .state = MD_STATE_CLEAN, .health = SRVH_HEALTH_OK, .last_change = 100};
        old[1] = (struct md_array_row){
            .index = 2, .state = MD_STATE_CLEAN, .health = SRVH_HEALTH_OK, .last_change = 200};
        old[2] = (struct md_array_row){
            .index = 4, .state = MD_STATE_CLEAN, .health = SRVH_HEALTH_OK, .last_change = 300};
        new_rows[0] =
            (struct md_array_row){.index = 1, .state = MD_STATE_CLEAN, .health = SRVH_HEALTH_OK};
        new_rows[1] = (struct md_array_row){
            .index = 2, .state = MD_STATE_DEGRADED, .health = SRVH_HEALTH_WARNING};
        new_rows[2] =
            (struct md_array_row){.index = 3, .state = MD_STATE_CLEAN, .health = SRVH_HEALTH_OK};
        md_carry_last_change(old, 3, new_rows, 3, 999);
        assert_int_equal(new_rows[0].last_change, 100);
        assert_int_equal(new_rows[1].last_change, 999);
        assert_int_equal(new_rows[2].last_change, 999);

        md_carry_last_change(NULL, 0, new_rows, 3, 1000);
        assert_int_equal(new_rows[0].last_change, 1000);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_model_index_follows_md_name),
            cmocka_unit_test(test_model_index_is_zero_for_other_names),
            cmocka_unit_test(test_model_clean_raid1_from_sysfs_is_ok),
            cmocka_unit_test(test_model_mdstat_only_running_array_is_active),
            cmocka_unit_test(test_model_raid1_with_faulty_member_is_degraded_critical),
            cmocka_unit_test(test_model_three_way_raid1_one_missing_is_warning),
            cmocka_unit_test(test_model_raid5_one_missing_is_critical),
            cmocka_unit_test(test_model_raid5_two_missing_is_failed),
            cmocka_unit_test(test_model_raid6_health_follows_missing_count),
            cmocka_unit_test(test_model_raid10_fails_only_past_half_missing),
            cmocka_unit_test(test_model_raid0_broken_is_failed),
            cmocka_unit_test(test_model_raid0_with_faulty_member_is_failed),
            cmocka_unit_test(test_model_raid0_healthy_counts_members),
            cmocka_unit_test(test_model_recovering_degraded_array_reports_recovering),
            cmocka_unit_test(test_model_mdstat_recovery_gives_progress_speed_eta),
            cmocka_unit_test(test_model_resync_on_full_array_is_ok),
            cmocka_unit_test(test_model_check_on_full_array_is_checking_ok),
            cmocka_unit_test(test_model_resync_delayed_is_ok_without_progress),
            cmocka_unit_test(test_model_sysfs_delayed_sync_completed_is_resync_delayed),
            cmocka_unit_test(test_model_resync_pending_on_auto_read_only_is_ok),
            cmocka_unit_test(test_model_stalled_recovery_has_no_eta),
            cmocka_unit_test(test_model_failed_spare_counts_as_failed),
            cmocka_unit_test(test_model_imsm_container_is_inactive_and_ok),
            cmocka_unit_test(test_model_inactive_array_is_warning),
            cmocka_unit_test(test_model_read_only_words_map_to_states),
            cmocka_unit_test(test_model_degraded_beats_read_only),
            cmocka_unit_test(test_model_suspended_array_is_unknown),
            cmocka_unit_test(test_model_sysfs_garbage_falls_back_to_mdstat),
            cmocka_unit_test(test_model_sysfs_wins_where_both_speak),
            cmocka_unit_test(test_model_numeric_sysfs_level_becomes_a_name),
            cmocka_unit_test(test_model_reshape_total_is_new_raid_disks),
            cmocka_unit_test(test_model_huge_sync_counts_do_not_overflow),
            cmocka_unit_test(test_model_metadata_090_when_mdstat_prints_none),
            cmocka_unit_test(test_model_missing_slots_from_sysfs_slots),
            cmocka_unit_test(test_model_missing_slots_from_mdstat_slot_map),
            cmocka_unit_test(test_model_member_roles_from_mdstat_flags),
            cmocka_unit_test(test_model_sysfs_replacement_beats_rebuilding),
            cmocka_unit_test(test_model_sysfs_only_member_is_not_listed),
            cmocka_unit_test(test_model_every_fixture_array_builds_a_sorted_row),
            cmocka_unit_test(test_model_null_array_is_einval),
            cmocka_unit_test(test_model_row_clear_accepts_zeroed_row),
            cmocka_unit_test(test_model_carry_last_change_keeps_unchanged_rows),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
