/* Specification of the /proc/mdstat parser (md_parse_mdstat), one behaviour per test, on the
 * fixtures in tests/fixtures/mdstat/ (see the README there for what each one represents).
 * What it checks feeds srvhRaidArrayTable and srvhRaidMemberTable. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

#include "md/md_parse.h"

/* Reads <fixtures>/mdstat/<name> into a buffer of exactly its size (no NUL). */
static char *load_fixture(const char *name, size_t *ret_len)
{
        char rel[256];
        snprintf(rel, sizeof(rel), "mdstat/%s", name);
        return fixture_read(rel, ret_len);
}

static struct mdstat *parse_fixture(const char *name)
{
        size_t len;
        char *buf = load_fixture(name, &len);
        struct mdstat *m = NULL;

        assert_int_equal(md_parse_mdstat(buf, len, &m), 0);
        assert_non_null(m);
        free(buf);
        return m;
}

static const struct mdstat_array *array_named(const struct mdstat *m, const char *name)
{
        for (size_t i = 0; i < m->n_arrays; i++)
                if (strcmp(m->arrays[i].name, name) == 0)
                        return &m->arrays[i];
        fail_msg("no array %s", name);
        return NULL;
}

static const struct mdstat_member *member_named(const struct mdstat_array *a, const char *name)
{
        for (size_t i = 0; i < a->n_members; i++)
                if (strcmp(a->members[i].name, name) == 0)
                        return &a->members[i];
        fail_msg("no member %s in %s", name, a->name);
        return NULL;
}

static unsigned count_flag(const struct mdstat_array *a, unsigned flag)
{
        unsigned n = 0;

        for (size_t i = 0; i < a->n_members; i++)
                if (a->members[i].flags & flag)
                        n++;
        return n;
}

/* ---- healthy arrays and levels --------------------------------------------------------------- */

static void test_mdstat_healthy_raid1_has_two_in_sync_members(void **state)
{
        struct mdstat *m = parse_fixture("raid1-healthy.txt");
        const struct mdstat_array *a;

        (void)state;
        assert_int_equal(m->n_personalities, 1);
        assert_string_equal(m->personalities[0], "raid1");
        assert_int_equal(m->n_arrays, 1);
        a = &m->arrays[0];
        assert_string_equal(a->name, "md0");
        assert_int_equal(a->activity, MDSTAT_ACTIVE);
        assert_int_equal(a->ro, MDSTAT_RW);
        assert_string_equal(a->level, "raid1");
        assert_int_equal(a->n_members, 2);
        assert_string_equal(a->members[0].name, "sdb1");
        assert_int_equal(a->members[0].desc_nr, 1);
        assert_string_equal(a->members[1].name, "sda1");
        assert_int_equal(a->members[1].desc_nr, 0);
        assert_int_equal(a->members[0].flags | a->members[1].flags, 0);
        assert_int_equal(a->blocks_kib, 976630464);
        assert_string_equal(a->metadata, "1.2");
        assert_int_equal(a->raid_disks, 2);
        assert_int_equal(a->working_disks, 2);
        assert_string_equal(a->slot_map, "UU");
        assert_int_equal(a->chunk_kib, 0);
        assert_int_equal(a->sync, MDSTAT_SYNC_NONE);
        assert_true(a->has_bitmap);
        assert_int_equal(a->bitmap_pages_used, 0);
        assert_int_equal(a->bitmap_pages_total, 8);
        assert_int_equal(a->bitmap_chunk_bytes, 65536ull * 1024);
        mdstat_free(m);
}

static void test_mdstat_raid0_chunks_and_no_slot_status(void **state)
{
        struct mdstat *m = parse_fixture("raid0.txt");
        const struct mdstat_array *a = array_named(m, "md0");

        (void)state;
        assert_string_equal(a->level, "raid0");
        assert_int_equal(a->n_members, 3);
        assert_int_equal(a->chunk_kib, 64);
        assert_int_equal(a->blocks_kib, 5860147200ull);
        assert_int_equal(a->raid_disks, -1);
        assert_int_equal(a->working_disks, -1);
        assert_string_equal(a->slot_map, "");
        assert_false(a->has_bitmap);
        mdstat_free(m);
}

static void test_mdstat_raid4_level_chunk_algorithm_line(void **state)
{
        struct mdstat *m = parse_fixture("raid4.txt");
        const struct mdstat_array *a = array_named(m, "md0");

        (void)state;
        assert_string_equal(a->level, "raid4");
        assert_int_equal(a->chunk_kib, 64);
        assert_int_equal(a->raid_disks, 3);
        assert_int_equal(a->working_disks, 3);
        assert_string_equal(a->slot_map, "UUU");
        assert_int_equal(a->blocks_kib, 41908224);
        mdstat_free(m);
}

static void test_mdstat_raid10_near_copies_upper_case_chunk(void **state)
{
        struct mdstat *m = parse_fixture("raid10-near.txt");
        const struct mdstat_array *a = array_named(m, "md10");

        (void)state;
        assert_string_equal(a->level, "raid10");
        assert_int_equal(a->chunk_kib, 512);
        assert_int_equal(a->raid_disks, 4);
        assert_int_equal(a->working_disks, 4);
        assert_string_equal(a->slot_map, "UUUU");
        assert_true(a->has_bitmap);
        assert_int_equal(a->bitmap_pages_total, 30);
        mdstat_free(m);
}

static void test_mdstat_raid10_far_and_offset_layouts(void **state)
{
        struct mdstat *m = parse_fixture("raid10-far-offset.txt");
        const struct mdstat_array *far, *off;

        (void)state;
        assert_int_equal(m->n_arrays, 2);
        far = array_named(m, "md11");
        off = array_named(m, "md12");
        assert_int_equal(far->chunk_kib, 512);
        assert_int_equal(far->raid_disks, 2);
        assert_string_equal(far->slot_map, "UU");
        assert_int_equal(off->chunk_kib, 64);
        assert_int_equal(off->raid_disks, 3);
        assert_int_equal(off->working_disks, 3);
        assert_string_equal(off->slot_map, "UUU");
        assert_int_equal(off->blocks_kib, 146383872);
        mdstat_free(m);
}

static void test_mdstat_linear_rounding_is_not_a_chunk(void **state)
{
        struct mdstat *m = parse_fixture("linear.txt");
        const struct mdstat_array *a = array_named(m, "md7");

        (void)state;
        assert_string_equal(a->level, "linear");
        assert_int_equal(a->n_members, 2);
        assert_int_equal(a->blocks_kib, 3907025920ull);
        assert_int_equal(a->chunk_kib, 0);
        assert_int_equal(a->raid_disks, -1);
        mdstat_free(m);
}

static void test_mdstat_multipath_without_super_token(void **state)
{
        struct mdstat *m = parse_fixture("multipath.txt");
        const struct mdstat_array *a = array_named(m, "md5");

        (void)state;
        assert_string_equal(m->personalities[0], "multipath");
        assert_string_equal(a->level, "multipath");
        assert_string_equal(a->metadata, "");
        assert_int_equal(a->raid_disks, 2);
        assert_int_equal(a->working_disks, 2);
        assert_string_equal(a->slot_map, "UU");
        mdstat_free(m);
}

/* ---- degraded and failed members ------------------------------------------------------------- */

static void test_mdstat_degraded_raid1_keeps_failed_member_listed(void **state)
{
        struct mdstat *m = parse_fixture("raid1-degraded-failed.txt");
        const struct mdstat_array *a = array_named(m, "md0");
        const struct mdstat_member *sdb1;

        (void)state;
        assert_int_equal(a->raid_disks, 2);
        assert_int_equal(a->working_disks, 1);
        assert_string_equal(a->slot_map, "U_");
        sdb1 = member_named(a, "sdb1");
        assert_int_equal(sdb1->desc_nr, 1);
        assert_int_equal(sdb1->flags, MDSTAT_MF_FAULTY);
        assert_int_equal(member_named(a, "sda1")->flags, 0);
        assert_false(a->has_bitmap);
        assert_int_equal(a->sync, MDSTAT_SYNC_NONE);
        mdstat_free(m);
}

static void test_mdstat_failed_spare_counts_as_failed(void **state)
{
        struct mdstat *m = parse_fixture("failed-spare-full-status.txt");
        const struct mdstat_array *a = array_named(m, "md4");

        (void)state;
        assert_int_equal(a->n_members, 7);
        assert_int_equal(a->raid_disks, 5);
        assert_int_equal(a->working_disks, 5);
        assert_string_equal(a->slot_map, "UUUUU");
        assert_int_equal(count_flag(a, MDSTAT_MF_FAULTY), 1);
        assert_int_equal(count_flag(a, MDSTAT_MF_SPARE), 1);
        assert_int_equal(member_named(a, "sdf1")->flags, MDSTAT_MF_FAULTY);
        assert_int_equal(member_named(a, "sdf1")->desc_nr, 5);
        assert_int_equal(member_named(a, "sdg1")->flags, MDSTAT_MF_SPARE);
        assert_int_equal(member_named(a, "sdg1")->desc_nr, 6);
        mdstat_free(m);
}

static void test_mdstat_broken_raid0_is_broken_with_level(void **state)
{
        struct mdstat *m = parse_fixture("raid0-broken.txt");
        const struct mdstat_array *a = array_named(m, "md0");

        (void)state;
        assert_int_equal(a->activity, MDSTAT_BROKEN);
        assert_string_equal(a->level, "raid0");
        assert_int_equal(a->n_members, 2);
        assert_int_equal(a->chunk_kib, 512);
        assert_int_equal(a->blocks_kib, 1953260544ull);
        mdstat_free(m);
}

static void test_mdstat_member_flags_write_mostly_journal_replacement(void **state)
{
        struct mdstat *m = parse_fixture("member-flags-wjr.txt");
        const struct mdstat_array *md0 = array_named(m, "md0");
        const struct mdstat_array *md1 = array_named(m, "md1");
        const struct mdstat_array *md2 = array_named(m, "md2");

        (void)state;
        assert_int_equal(m->n_arrays, 3);
        assert_int_equal(member_named(md0, "sdh1")->flags,
                         MDSTAT_MF_WRITEMOSTLY | MDSTAT_MF_FAULTY);
        assert_int_equal(member_named(md0, "sdb1")->flags, MDSTAT_MF_WRITEMOSTLY);
        assert_int_equal(member_named(md0, "sda1")->flags, 0);
        assert_string_equal(md0->slot_map, "UU_");
        assert_int_equal(member_named(md1, "nvme0n1p1")->flags, MDSTAT_MF_JOURNAL);
        assert_int_equal(member_named(md1, "nvme0n1p1")->desc_nr, 4);
        assert_int_equal(count_flag(md1, MDSTAT_MF_JOURNAL), 1);
        assert_int_equal(md1->raid_disks, 3);
        assert_int_equal(member_named(md2, "sdk1")->flags, MDSTAT_MF_REPLACEMENT);
        assert_int_equal(md2->sync, MDSTAT_SYNC_RECOVERY);
        assert_int_equal(md2->sync_permille, 119);
        mdstat_free(m);
}

/* ---- resync status lines --------------------------------------------------------------------- */

static void test_mdstat_recovery_progress_onto_rebuilding_spare(void **state)
{
        struct mdstat *m = parse_fixture("raid5-recovery-spare.txt");
        const struct mdstat_array *a = array_named(m, "md0");

        (void)state;
        assert_string_equal(a->level, "raid5");
        assert_int_equal(a->chunk_kib, 512);
        assert_int_equal(a->raid_disks, 4);
        assert_int_equal(a->working_disks, 3);
        assert_string_equal(a->slot_map, "UUU_");
        assert_int_equal(a->blocks_kib, 5860147200ull);
        assert_int_equal(a->sync, MDSTAT_SYNC_RECOVERY);
        assert_int_equal(a->sync_permille, 425);
        assert_int_equal(a->sync_done_kib, 830187520ull);
        assert_int_equal(a->sync_total_kib, 1953382400ull);
        assert_int_equal(a->sync_finish_tenth_min, 1213);
        assert_int_equal(a->sync_speed_kib, 154321);
        /* the rebuilding member has no flag and a desc_nr beyond raid_disks */
        assert_int_equal(member_named(a, "sdd1")->flags, 0);
        assert_int_equal(member_named(a, "sdd1")->desc_nr, 4);
        assert_int_equal(member_named(a, "sde1")->flags, MDSTAT_MF_SPARE);
        assert_int_equal(a->bitmap_pages_used, 2);
        assert_int_equal(a->bitmap_pages_total, 15);
        mdstat_free(m);
}

static void test_mdstat_resync_progress_has_two_spaces_after_equals(void **state)
{
        struct mdstat *m = parse_fixture("raid6-resync.txt");
        const struct mdstat_array *a = array_named(m, "md2");

        (void)state;
        assert_string_equal(a->level, "raid6");
        assert_int_equal(a->n_members, 6);
        assert_int_equal(a->raid_disks, 6);
        assert_string_equal(a->slot_map, "UUUUUU");
        assert_int_equal(a->sync, MDSTAT_SYNC_RESYNC);
        assert_int_equal(a->sync_permille, 85);
        assert_int_equal(a->sync_done_kib, 334038784ull);
        assert_int_equal(a->sync_total_kib, 3906887168ull);
        assert_int_equal(a->sync_finish_tenth_min, 3871);
        assert_int_equal(a->sync_speed_kib, 153812);
        assert_int_equal(a->bitmap_pages_used, 28);
        mdstat_free(m);
}

static void test_mdstat_check_is_reported_as_check(void **state)
{
        struct mdstat *m = parse_fixture("raid1-check.txt");
        const struct mdstat_array *a = array_named(m, "md1");

        (void)state;
        assert_int_equal(a->sync, MDSTAT_SYNC_CHECK);
        assert_int_equal(a->sync_permille, 612);
        assert_int_equal(a->sync_done_kib, 2391020032ull);
        assert_int_equal(a->sync_total_kib, 3906886464ull);
        assert_int_equal(a->sync_finish_tenth_min, 1347);
        assert_int_equal(a->sync_speed_kib, 187544);
        assert_string_equal(a->slot_map, "UU");
        mdstat_free(m);
}

static void test_mdstat_repair_verb_of_new_kernels(void **state)
{
        struct mdstat *m = parse_fixture("raid1-repair.txt");
        const struct mdstat_array *a = array_named(m, "md1");

        (void)state;
        assert_int_equal(a->sync, MDSTAT_SYNC_REPAIR);
        assert_int_equal(a->sync_permille, 29);
        assert_int_equal(a->sync_done_kib, 14617600);
        assert_int_equal(a->sync_total_kib, 487253824);
        assert_int_equal(a->sync_finish_tenth_min, 53);
        assert_int_equal(a->sync_speed_kib, 1461760);
        assert_string_equal(member_named(a, "nvme0n1p2")->name, "nvme0n1p2");
        mdstat_free(m);
}

static void test_mdstat_reshape_with_super_091(void **state)
{
        struct mdstat *m = parse_fixture("raid5-reshape-super091.txt");
        const struct mdstat_array *a = array_named(m, "md0");

        (void)state;
        assert_string_equal(a->metadata, "0.91");
        assert_int_equal(a->n_members, 5);
        assert_int_equal(a->raid_disks, 5);
        assert_int_equal(a->working_disks, 5);
        assert_int_equal(a->chunk_kib, 64);
        assert_int_equal(a->sync, MDSTAT_SYNC_RESHAPE);
        assert_int_equal(a->sync_permille, 224);
        assert_int_equal(a->sync_done_kib, 218825728);
        assert_int_equal(a->sync_total_kib, 976759936);
        assert_int_equal(a->sync_speed_kib, 21003);
        assert_int_equal(a->sync_finish_tenth_min, 6014);
        mdstat_free(m);
}

static void test_mdstat_resync_delayed_on_shared_disks(void **state)
{
        struct mdstat *m = parse_fixture("resync-delayed-two-arrays.txt");
        const struct mdstat_array *md1 = array_named(m, "md1");
        const struct mdstat_array *md0 = array_named(m, "md0");

        (void)state;
        assert_int_equal(m->n_arrays, 2);
        assert_string_equal(m->arrays[0].name, "md1"); /* file order */
        assert_int_equal(md1->sync, MDSTAT_SYNC_DELAYED);
        assert_int_equal(md1->sync_permille, 0);
        assert_true(md1->has_bitmap);
        assert_int_equal(md1->bitmap_pages_used, 4);
        assert_int_equal(md0->sync, MDSTAT_SYNC_RESYNC);
        assert_int_equal(md0->sync_permille, 379);
        assert_int_equal(md0->sync_done_kib, 379264);
        assert_int_equal(md0->sync_total_kib, 999872);
        assert_int_equal(md0->sync_finish_tenth_min, 1);
        assert_false(md0->has_bitmap);
        mdstat_free(m);
}

static void test_mdstat_resync_pending_on_auto_read_only(void **state)
{
        struct mdstat *m = parse_fixture("resync-pending-auto-read-only.txt");
        const struct mdstat_array *a = array_named(m, "md127");

        (void)state;
        assert_int_equal(a->activity, MDSTAT_ACTIVE);
        assert_int_equal(a->ro, MDSTAT_READ_AUTO);
        assert_string_equal(a->level, "raid1");
        assert_int_equal(a->n_members, 2);
        assert_int_equal(a->sync, MDSTAT_SYNC_PENDING);
        assert_int_equal(a->bitmap_pages_used, 15);
        assert_int_equal(a->bitmap_pages_total, 15);
        mdstat_free(m);
}

static void test_mdstat_cluster_remote_recovery_and_resync(void **state)
{
        struct mdstat *m = parse_fixture("cluster-remote.txt");

        (void)state;
        assert_int_equal(m->n_arrays, 2);
        assert_int_equal(array_named(m, "md0")->sync, MDSTAT_SYNC_REMOTE);
        assert_string_equal(array_named(m, "md0")->slot_map, "U_");
        assert_int_equal(array_named(m, "md1")->sync, MDSTAT_SYNC_REMOTE);
        assert_true(array_named(m, "md1")->has_bitmap);
        mdstat_free(m);
}

static void test_mdstat_stalled_recovery_huge_finish_zero_speed(void **state)
{
        struct mdstat *m = parse_fixture("stalled-huge-finish.txt");
        const struct mdstat_array *a = array_named(m, "md2");

        (void)state;
        assert_int_equal(a->sync, MDSTAT_SYNC_RECOVERY);
        assert_int_equal(a->sync_permille, 0);
        assert_int_equal(a->sync_done_kib, 128);
        assert_int_equal(a->sync_total_kib, 3906886464ull);
        assert_int_equal(a->sync_finish_tenth_min, 251761615013ull);
        assert_int_equal(a->sync_speed_kib, 0);
        assert_int_equal(a->bitmap_pages_used, 30);
        mdstat_free(m);
}

/* ---- array states ---------------------------------------------------------------------------- */

static void test_mdstat_inactive_array_has_no_level(void **state)
{
        struct mdstat *m = parse_fixture("inactive-array.txt");
        const struct mdstat_array *a = array_named(m, "md127");

        (void)state;
        assert_int_equal(m->n_personalities, 0);
        assert_int_equal(a->activity, MDSTAT_INACTIVE);
        assert_string_equal(a->level, "");
        assert_int_equal(a->n_members, 2);
        assert_string_equal(a->members[0].name, "sdb");
        assert_int_equal(a->members[0].flags, MDSTAT_MF_SPARE);
        assert_int_equal(count_flag(a, MDSTAT_MF_SPARE), 2);
        assert_int_equal(a->blocks_kib, 3906526048ull);
        assert_string_equal(a->metadata, "1.2");
        assert_int_equal(a->raid_disks, -1);
        assert_int_equal(a->working_disks, -1);
        assert_int_equal(a->sync, MDSTAT_SYNC_NONE);
        mdstat_free(m);
}

static void test_mdstat_read_only_array(void **state)
{
        struct mdstat *m = parse_fixture("read-only.txt");
        const struct mdstat_array *a = array_named(m, "md3");

        (void)state;
        assert_int_equal(a->activity, MDSTAT_ACTIVE);
        assert_int_equal(a->ro, MDSTAT_READONLY);
        assert_string_equal(a->level, "raid1");
        assert_int_equal(a->n_members, 2);
        assert_int_equal(a->blocks_kib, 104790016);
        mdstat_free(m);
}

/* ---- metadata and containers ----------------------------------------------------------------- */

static void test_mdstat_imsm_container_and_member_volume(void **state)
{
        struct mdstat *m = parse_fixture("imsm-container-volume.txt");
        const struct mdstat_array *vol = array_named(m, "md126");
        const struct mdstat_array *cont = array_named(m, "md127");

        (void)state;
        assert_string_equal(vol->metadata, "external:/md127/0");
        assert_string_equal(vol->level, "raid1");
        assert_string_equal(vol->slot_map, "UU");
        assert_int_equal(cont->activity, MDSTAT_INACTIVE);
        assert_string_equal(cont->metadata, "external:imsm");
        assert_int_equal(cont->blocks_kib, 5288);
        assert_int_equal(count_flag(cont, MDSTAT_MF_SPARE), 2);
        mdstat_free(m);
}

static void test_mdstat_ddf_container_with_raid5_volume(void **state)
{
        struct mdstat *m = parse_fixture("ddf-container.txt");
        const struct mdstat_array *vol = array_named(m, "md126");
        const struct mdstat_array *cont = array_named(m, "md127");

        (void)state;
        assert_string_equal(vol->metadata, "external:/md127/0");
        assert_int_equal(vol->chunk_kib, 64);
        assert_int_equal(vol->raid_disks, 3);
        assert_string_equal(cont->metadata, "external:ddf");
        assert_int_equal(cont->activity, MDSTAT_INACTIVE);
        assert_int_equal(cont->n_members, 3);
        mdstat_free(m);
}

static void test_mdstat_nested_md_member(void **state)
{
        struct mdstat *m = parse_fixture("nested-md.txt");
        const struct mdstat_array *md61 = array_named(m, "md61");
        const struct mdstat_array *md60 = array_named(m, "md60");

        (void)state;
        assert_int_equal(m->n_personalities, 2);
        assert_string_equal(member_named(md61, "md60")->name, "md60");
        assert_int_equal(member_named(md61, "md60")->desc_nr, 0);
        assert_int_equal(member_named(md61, "sdc1")->desc_nr, 1);
        assert_string_equal(md60->level, "raid0");
        assert_int_equal(md60->chunk_kib, 512);
        mdstat_free(m);
}

static void test_mdstat_metadata_090_prints_no_super(void **state)
{
        struct mdstat *m = parse_fixture("metadata-090.txt");
        const struct mdstat_array *md1 = array_named(m, "md1");
        const struct mdstat_array *md0 = array_named(m, "md0");

        (void)state;
        assert_string_equal(md1->metadata, "");
        assert_string_equal(md0->metadata, "");
        assert_int_equal(md1->chunk_kib, 64);
        assert_int_equal(md1->blocks_kib, 39085952);
        assert_string_equal(member_named(md1, "hda3")->name, "hda3");
        assert_int_equal(md0->blocks_kib, 104320);
        assert_int_equal(md0->raid_disks, 2);
        mdstat_free(m);
}

static void test_mdstat_bitmap_file_and_byte_chunk(void **state)
{
        struct mdstat *m = parse_fixture("bitmap-file.txt");
        const struct mdstat_array *md0 = array_named(m, "md0");
        const struct mdstat_array *md1 = array_named(m, "md1");

        (void)state;
        assert_string_equal(md0->metadata, "1.0");
        assert_true(md0->has_bitmap);
        assert_int_equal(md0->bitmap_pages_used, 1);
        assert_int_equal(md0->bitmap_pages_total, 1);
        assert_int_equal(md0->bitmap_chunk_bytes, 512);
        assert_int_equal(md1->bitmap_pages_used, 3);
        assert_int_equal(md1->bitmap_chunk_bytes, 67108864ull);
        mdstat_free(m);
}

static void test_mdstat_member_names_and_desc_nr_beyond_raid_disks(void **state)
{
        struct mdstat *m = parse_fixture("member-names.txt");
        const struct mdstat_array *md3 = array_named(m, "md3");
        const struct mdstat_array *md9 = array_named(m, "md9");
        const struct mdstat_array *d0 = array_named(m, "md_d0");

        (void)state;
        assert_int_equal(md3->raid_disks, 3);
        assert_int_equal(member_named(md3, "dm-15")->desc_nr, 7);
        assert_int_equal(member_named(md3, "xvdb")->desc_nr, 5);
        assert_int_equal(member_named(md3, "nvme0n1p3")->desc_nr, 0);
        assert_int_equal(member_named(md9, "loop0")->desc_nr, 10);
        assert_int_equal(member_named(md9, "loop1")->desc_nr, 12);
        assert_string_equal(md9->metadata, "non-persistent");
        assert_int_equal(d0->n_members, 2);
        assert_string_equal(d0->members[0].name, "nvme10n1p3");
        mdstat_free(m);
}

static void test_mdstat_over_long_member_name_is_truncated(void **state)
{
        struct mdstat *m = parse_fixture("member-names.txt");
        const struct mdstat_array *d0 = array_named(m, "md_d0");

        (void)state;
        assert_int_equal(strlen(d0->members[1].name), MD_NAME_MAX - 1);
        assert_memory_equal(d0->members[1].name, "averyveryveryverylongdevicename", 31);
        assert_int_equal(d0->members[1].desc_nr, 0);
        mdstat_free(m);
}

/* ---- whole-file shapes ----------------------------------------------------------------------- */

static void test_mdstat_no_arrays_is_valid(void **state)
{
        struct mdstat *m = parse_fixture("empty-none.txt");

        (void)state;
        assert_int_equal(m->n_arrays, 0);
        assert_int_equal(m->n_personalities, 0);
        assert_null(m->arrays);
        mdstat_free(m);
}

static void test_mdstat_lost_trailing_whitespace_and_newline(void **state)
{
        struct mdstat *m = parse_fixture("lost-trailing-whitespace.txt");
        const struct mdstat_array *md1 = array_named(m, "md1");
        const struct mdstat_array *md0 = array_named(m, "md0");

        (void)state;
        assert_int_equal(m->n_personalities, 4);
        assert_string_equal(m->personalities[3], "raid4");
        assert_int_equal(m->n_arrays, 2);
        assert_string_equal(md1->slot_map, "UUUU");
        assert_int_equal(md1->chunk_kib, 512);
        assert_string_equal(md0->slot_map, "_U");
        assert_int_equal(md0->working_disks, 1);
        mdstat_free(m);
}

static void test_mdstat_crlf_line_endings(void **state)
{
        struct mdstat *m = parse_fixture("crlf.txt");
        const struct mdstat_array *a = array_named(m, "md0");

        (void)state;
        assert_string_equal(m->personalities[0], "raid1");
        assert_string_equal(a->level, "raid1");
        assert_string_equal(a->slot_map, "U_");
        assert_int_equal(a->sync, MDSTAT_SYNC_RECOVERY);
        assert_int_equal(a->sync_permille, 49);
        assert_int_equal(a->sync_speed_kib, 171402);
        assert_int_equal(a->sync_finish_tenth_min, 1804);
        assert_int_equal(a->bitmap_chunk_bytes, 67108864ull);
        mdstat_free(m);
}

static void test_mdstat_garbage_is_einval(void **state)
{
        size_t len;
        char *buf = load_fixture("garbage.txt", &len);
        struct mdstat *m = (struct mdstat *)(uintptr_t)1;

        (void)state;
        assert_int_equal(md_parse_mdstat(buf, len, &m), -EINVAL);
        assert_ptr_equal(m, (struct mdstat *)(uintptr_t)1); /* untouched on error */
        free(buf);
}

static void test_mdstat_truncated_file_keeps_partial_array(void **state)
{
        struct mdstat *m = parse_fixture("truncated-mid-array.txt");
        const struct mdstat_array *md1 = array_named(m, "md1");

        (void)state;
        assert_int_equal(m->n_arrays, 2);
        assert_string_equal(array_named(m, "md0")->slot_map, "UU");
        assert_int_equal(md1->n_members, 2);
        assert_int_equal(md1->blocks_kib, 48826368);
        assert_int_equal(md1->raid_disks, 2);
        assert_string_equal(md1->slot_map, "");
        mdstat_free(m);
}

static void test_mdstat_unknown_lines_between_arrays_are_skipped(void **state)
{
        struct mdstat *m = parse_fixture("unknown-line-between.txt");

        (void)state;
        assert_int_equal(m->n_arrays, 2);
        assert_string_equal(m->arrays[0].name, "md0");
        assert_string_equal(m->arrays[1].name, "md1");
        assert_int_equal(m->arrays[1].blocks_kib, 8388544);
        assert_int_equal(m->arrays[1].n_members, 2);
        mdstat_free(m);
}

static void test_mdstat_unused_devices_list_is_not_an_array(void **state)
{
        struct mdstat *m = parse_fixture("unused-devices-list.txt");

        (void)state;
        assert_int_equal(m->n_arrays, 1);
        assert_string_equal(m->arrays[0].metadata, "1.0");
        assert_int_equal(m->arrays[0].blocks_kib, 524224);
        mdstat_free(m);
}

static void test_mdstat_busy_server_all_arrays(void **state)
{
        struct mdstat *m = parse_fixture("busy-server.txt");
        const struct mdstat_array *md3 = array_named(m, "md3");
        const struct mdstat_array *md4 = array_named(m, "md4");

        (void)state;
        assert_int_equal(m->n_personalities, 8);
        assert_string_equal(m->personalities[7], "raid10");
        assert_int_equal(m->n_arrays, 5);
        assert_int_equal(md4->sync, MDSTAT_SYNC_CHECK);
        assert_int_equal(md4->sync_permille, 599);
        assert_int_equal(md3->n_members, 8);
        assert_int_equal(md3->working_disks, 5);
        assert_string_equal(md3->slot_map, "UU_UUU");
        assert_int_equal(member_named(md3, "sdc")->desc_nr, 8);
        assert_int_equal(member_named(md3, "sdg")->flags, MDSTAT_MF_FAULTY);
        assert_int_equal(member_named(md3, "sdh")->flags, MDSTAT_MF_SPARE);
        assert_int_equal(md3->sync, MDSTAT_SYNC_RECOVERY);
        assert_int_equal(md3->sync_permille, 9);
        assert_int_equal(member_named(array_named(m, "md2"), "nvme0n1p3")->flags,
                         MDSTAT_MF_WRITEMOSTLY);
        assert_string_equal(array_named(m, "md0")->metadata, "1.0");
        mdstat_free(m);
}

/* ---- edges ----------------------------------------------------------------------------------- */

static void test_mdstat_empty_buffer_is_einval(void **state)
{
        struct mdstat *m = NULL;
        char c = 'x';

        (void)state;
        assert_int_equal(md_parse_mdstat(&c, 0, &m), -EINVAL);
        assert_int_equal(md_parse_mdstat(NULL, 0, &m), -EINVAL);
        assert_null(m);
}

static void test_mdstat_personalities_without_trailing_space(void **state)
{
        static const char text[] = "Personalities :\nunused devices: <none>";
        struct mdstat *m = NULL;

        (void)state;
        assert_int_equal(md_parse_mdstat(text, sizeof(text) - 1, &m), 0);
        assert_int_equal(m->n_personalities, 0);
        assert_int_equal(m->n_arrays, 0);
        mdstat_free(m);
}

static void test_mdstat_percent_above_hundred_is_clamped(void **state)
{
        static const char text[] = "md0 : active raid1 sdb[1] sda[0]\n"
                                   "      100 blocks [2/2] [UU]\n"
                                   "      [=====================]  resync =100.7% (101/100) "
                                   "finish=0.0min speed=1K/sec\n";
        struct mdstat *m = NULL;

        (void)state;
        assert_int_equal(md_parse_mdstat(text, sizeof(text) - 1, &m), 0);
        assert_int_equal(m->arrays[0].sync, MDSTAT_SYNC_RESYNC);
        assert_int_equal(m->arrays[0].sync_permille, 1000);
        mdstat_free(m);
}

static void test_mdstat_unreadable_header_skips_only_that_array(void **state)
{
        static const char text[] = "Personalities : [raid1] \n"
                                   "md9 : exploding raid1 sda[0]\n"
                                   "      100 blocks [1/1] [U]\n"
                                   "md0 : active raid1 sdb[1] sda[0]\n"
                                   "      100 blocks [2/2] [UU]\n";
        struct mdstat *m = NULL;

        (void)state;
        assert_int_equal(md_parse_mdstat(text, sizeof(text) - 1, &m), 0);
        assert_int_equal(m->n_arrays, 1);
        assert_string_equal(m->arrays[0].name, "md0");
        assert_int_equal(m->arrays[0].raid_disks, 2);
        mdstat_free(m);
}

static void test_mdstat_old_kernel_resync_without_bar(void **state)
{
        static const char text[] = "md0 : active raid1 hdb1[1] hda1[0]\n"
                                   "      104320 blocks [2/2] [UU]\n"
                                   "      resync=12.5% finish=3.1min\n";
        struct mdstat *m = NULL;

        (void)state;
        assert_int_equal(md_parse_mdstat(text, sizeof(text) - 1, &m), 0);
        assert_int_equal(m->arrays[0].sync, MDSTAT_SYNC_RESYNC);
        assert_int_equal(m->arrays[0].sync_permille, 125);
        assert_int_equal(m->arrays[0].sync_finish_tenth_min, 31);
        mdstat_free(m);
}

static void test_mdstat_slot_map_truncated_at_64(void **state)
{
        char text[512];
        int n;
        struct mdstat *m = NULL;
        char map[101];

        (void)state;
        memset(map, 'U', 100);
        map[100] = '\0';
        n = snprintf(text, sizeof(text),
                     "md0 : active raid1 sda[0]\n      1 blocks [100/100] [%s]\n", map);
        assert_int_equal(md_parse_mdstat(text, (size_t)n, &m), 0);
        assert_int_equal(m->arrays[0].raid_disks, 100);
        assert_int_equal(strlen(m->arrays[0].slot_map), 64);
        mdstat_free(m);
}

static void test_mdstat_every_prefix_of_big_fixture_parses_safely(void **state)
{
        size_t len;
        char *buf = load_fixture("busy-server.txt", &len);

        (void)state;
        for (size_t n = 0; n <= len; n++) {
                char *copy = malloc(n ? n : 1);
                struct mdstat *m = NULL;
                int r;

                assert_non_null(copy);
                memcpy(copy, buf, n);
                r = md_parse_mdstat(copy, n, &m);
                if (n >= strlen("Personalities :"))
                        assert_int_equal(r, 0);
                if (r == 0) {
                        assert_non_null(m);
                        assert_true(m->n_arrays <= 5);
                        mdstat_free(m);
                } else {
                        assert_null(m);
                }
                free(copy);
        }
        free(buf);
}

static void test_mdstat_every_prefix_of_crlf_fixture_parses_safely(void **state)
{
        size_t len;
        char *buf = load_fixture("crlf.txt", &len);

        (void)state;
        for (size_t n = 0; n <= len; n++) {
                char *copy = malloc(n ? n : 1);
                struct mdstat *m = NULL;

                assert_non_null(copy);
                memcpy(copy, buf, n);
                if (md_parse_mdstat(copy, n, &m) == 0)
                        mdstat_free(m);
                free(copy);
        }
        free(buf);
}

/* ---- lines told by content, not indentation -------------------------------------------- */

static void assert_same_array(const struct mdstat_array *a, const struct mdstat_array *b)
{
        assert_string_equal(a->name, b->name);
        assert_int_equal(a->activity, b->activity);
        assert_int_equal(a->ro, b->ro);
        assert_string_equal(a->level, b->level);
        assert_int_equal(a->n_members, b->n_members);
        for (size_t i = 0; i < a->n_members; i++) {
                assert_string_equal(a->members[i].name, b->members[i].name);
                assert_int_equal(a->members[i].desc_nr, b->members[i].desc_nr);
                assert_int_equal(a->members[i].flags, b->members[i].flags);
        }
        assert_int_equal(a->blocks_kib, b->blocks_kib);
        assert_string_equal(a->metadata, b->metadata);
        assert_int_equal(a->raid_disks, b->raid_disks);
        assert_int_equal(a->working_disks, b->working_disks);
        assert_string_equal(a->slot_map, b->slot_map);
        assert_int_equal(a->chunk_kib, b->chunk_kib);
        assert_int_equal(a->sync, b->sync);
        assert_int_equal(a->sync_permille, b->sync_permille);
        assert_int_equal(a->sync_done_kib, b->sync_done_kib);
        assert_int_equal(a->sync_total_kib, b->sync_total_kib);
        assert_int_equal(a->sync_finish_tenth_min, b->sync_finish_tenth_min);
        assert_int_equal(a->sync_speed_kib, b->sync_speed_kib);
        assert_int_equal(a->has_bitmap, b->has_bitmap);
        assert_int_equal(a->bitmap_pages_used, b->bitmap_pages_used);
        assert_int_equal(a->bitmap_pages_total, b->bitmap_pages_total);
        assert_int_equal(a->bitmap_chunk_bytes, b->bitmap_chunk_bytes);
}

static void test_mdstat_reindented_copy_parses_like_the_original(void **state)
{
        struct mdstat *orig = parse_fixture("busy-server.txt");
        struct mdstat *copy = parse_fixture("reindented-copy.txt");

        (void)state;
        assert_int_equal(copy->n_personalities, orig->n_personalities);
        assert_int_equal(copy->n_arrays, 5);
        assert_int_equal(copy->n_arrays, orig->n_arrays);
        for (size_t i = 0; i < orig->n_arrays; i++)
                assert_same_array(&copy->arrays[i], &orig->arrays[i]);
        mdstat_free(orig);
        mdstat_free(copy);
}

static void test_mdstat_indented_header_starts_an_array(void **state)
{
        static const char text[] = "Personalities : [raid1] \n"
                                   "   md0 : active raid1 sdb[1] sda[0]\n"
                                   "100 blocks super 1.2 [2/1] [U_]\n";
        struct mdstat *m = NULL;

        (void)state;
        assert_int_equal(md_parse_mdstat(text, sizeof(text) - 1, &m), 0);
        assert_int_equal(m->n_arrays, 1);
        assert_string_equal(m->arrays[0].name, "md0");
        assert_int_equal(m->arrays[0].blocks_kib, 100);
        assert_int_equal(m->arrays[0].working_disks, 1);
        mdstat_free(m);
}

static void test_mdstat_unreadable_header_inside_a_block_keeps_its_lines_out(void **state)
{
        static const char text[] = "md0 : active raid1 sdb[1] sda[0]\n"
                                   "      100 blocks [2/2] [UU]\n"
                                   "md9 : exploding raid1 sdc[0]\n"
                                   "      999 blocks [1/1] [U]\n"
                                   "      bitmap: 1/1 pages [4KB], 65536KB chunk\n";
        struct mdstat *m = NULL;

        (void)state;
        assert_int_equal(md_parse_mdstat(text, sizeof(text) - 1, &m), 0);
        assert_int_equal(m->n_arrays, 1);
        assert_int_equal(m->arrays[0].blocks_kib, 100);
        assert_int_equal(m->arrays[0].raid_disks, 2);
        assert_false(m->arrays[0].has_bitmap);
        mdstat_free(m);
}

static void test_mdstat_blank_line_ends_the_array_block(void **state)
{
        static const char text[] = "md0 : active raid1 sdb[1] sda[0]\n"
                                   "      100 blocks [2/2] [UU]\n"
                                   "      \n"
                                   "      bitmap: 1/1 pages [4KB], 65536KB chunk\n";
        struct mdstat *m = NULL;

        (void)state;
        assert_int_equal(md_parse_mdstat(text, sizeof(text) - 1, &m), 0);
        assert_int_equal(m->arrays[0].blocks_kib, 100);
        assert_false(m->arrays[0].has_bitmap);
        mdstat_free(m);
}

/* ---- text that cannot be placed ------------------------------------------------------------ */

/* Parses text (a string literal) and returns it parsed; the caller frees. */
static struct mdstat *parse_text(const char *text, size_t len)
{
        struct mdstat *m = NULL;

        assert_int_equal(md_parse_mdstat(text, len, &m), 0);
        return m;
}

#define PARSE(lit) parse_text((lit), sizeof(lit) - 1)

static void test_mdstat_unknown_line_inside_an_array_marks_it_unparsed(void **state)
{
        size_t len;
        char *buf = load_fixture("unplaced-line-in-array.txt", &len);
        struct mdstat *m = NULL;
        const struct mdstat_array *md1;
        static const char line[] = "      Consistency Policy : bitmap\n";

        (void)state;
        assert_int_equal(md_parse_mdstat(buf, len, &m), 0);
        md1 = array_named(m, "md1");
        assert_true(md1->unparsed);
        assert_true(md1->unparsed_offset + sizeof(line) - 1 <= len);
        assert_memory_equal(buf + md1->unparsed_offset, line, sizeof(line) - 1);
        assert_true(md1->has_bitmap); /* the lines around it still read */
        assert_int_equal(md1->bitmap_pages_total, 15);
        assert_false(array_named(m, "md0")->unparsed);
        mdstat_free(m);
        free(buf);
}

static void test_mdstat_stray_header_token_marks_the_array_unparsed(void **state)
{
        struct mdstat *m = PARSE("Personalities : [raid1] \n"
                                 "md0 : active raid1 sdb[1] sda[0] ???\n"
                                 "      100 blocks [2/2] [UU]\n");

        (void)state;
        assert_true(m->arrays[0].unparsed);
        assert_int_equal(m->arrays[0].unparsed_offset, strlen("Personalities : [raid1] \n"));
        assert_int_equal(m->arrays[0].n_members, 2);
        mdstat_free(m);
}

static void test_mdstat_second_level_word_marks_the_array_unparsed(void **state)
{
        struct mdstat *m = PARSE("md0 : active raid1 raid5 sdb[1] sda[0]\n"
                                 "      100 blocks [2/2] [UU]\n");

        (void)state;
        assert_true(m->arrays[0].unparsed);
        assert_string_equal(m->arrays[0].level, "raid1");
        mdstat_free(m);
}

static void test_mdstat_cut_slot_map_marks_the_array_unparsed(void **state)
{
        struct mdstat *m = parse_fixture("truncated-mid-array.txt");

        (void)state;
        assert_true(array_named(m, "md1")->unparsed);
        assert_false(array_named(m, "md0")->unparsed);
        mdstat_free(m);
}

static void test_mdstat_second_blocks_line_marks_unparsed_and_keeps_the_first(void **state)
{
        struct mdstat *m = PARSE("md0 : active raid1 sdb[1] sda[0]\n"
                                 "      100 blocks [2/2] [UU]\n"
                                 "      999 blocks [3/3] [UUU]\n");

        (void)state;
        assert_true(m->arrays[0].unparsed);
        assert_int_equal(m->arrays[0].unparsed_offset, strlen("md0 : active raid1 sdb[1] sda[0]\n"
                                                              "      100 blocks [2/2] [UU]\n"));
        assert_int_equal(m->arrays[0].blocks_kib, 100);
        assert_int_equal(m->arrays[0].raid_disks, 2);
        mdstat_free(m);
}

static void test_mdstat_status_line_without_percentage_marks_unparsed(void **state)
{
        struct mdstat *m = PARSE("md0 : active raid1 sdb[1] sda[0]\n"
                                 "      100 blocks [2/2] [UU]\n"
                                 "      [=>...]  recovery = ?% (1/100) finish=1.0min\n");

        (void)state;
        assert_true(m->arrays[0].unparsed);
        assert_int_equal(m->arrays[0].sync, MDSTAT_SYNC_NONE);
        mdstat_free(m);
}

static void test_mdstat_bitmap_line_without_page_counts_marks_unparsed(void **state)
{
        struct mdstat *m = PARSE("md0 : active raid1 sdb[1] sda[0]\n"
                                 "      100 blocks [2/2] [UU]\n"
                                 "      bitmap: lots of pages\n");

        (void)state;
        assert_true(m->arrays[0].unparsed);
        assert_false(m->arrays[0].has_bitmap);
        mdstat_free(m);
}

static void test_mdstat_array_line_after_the_blank_line_marks_that_array(void **state)
{
        struct mdstat *m = PARSE("md0 : active raid1 sdb[1] sda[0]\n"
                                 "\n"
                                 "      100 blocks [2/2] [UU]\n"
                                 "\n"
                                 "md1 : active raid1 sdd[1] sdc[0]\n"
                                 "      200 blocks [2/2] [UU]\n");

        (void)state;
        assert_true(m->arrays[0].unparsed);
        assert_int_equal(m->arrays[0].blocks_kib, 0); /* not guessed into place */
        assert_false(m->arrays[1].unparsed);
        mdstat_free(m);
}

static void test_mdstat_text_between_arrays_marks_no_array(void **state)
{
        struct mdstat *m = parse_fixture("unknown-line-between.txt");

        (void)state;
        assert_false(m->arrays[0].unparsed);
        assert_false(m->arrays[1].unparsed);
        mdstat_free(m);
}

static void test_mdstat_kernel_written_fixtures_have_nothing_unplaced(void **state)
{
        /* every fixture but the ones made to have unplaced text, or none at all */
        static const char *const skip[] = {"garbage.txt", "truncated-mid-array.txt",
                                           "unplaced-line-in-array.txt"};
        char dir[512];
        DIR *d;
        struct dirent *e;
        int n = 0;

        (void)state;
        snprintf(dir, sizeof(dir), "%s/mdstat", SRVH_FIXTURES);
        d = opendir(dir);
        assert_non_null(d);
        while ((e = readdir(d)) != NULL) {
                size_t l = strlen(e->d_name);
                bool skipped = false;
                struct mdstat *m;

                if (l < 4 || strcmp(e->d_name + l - 4, ".txt") != 0)
                        continue;
                for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
                        skipped = skipped || strcmp(e->d_name, skip[i]) == 0;
                if (skipped)
                        continue;
                m = parse_fixture(e->d_name);
                for (size_t i = 0; i < m->n_arrays; i++) {
                        if (m->arrays[i].unparsed || m->arrays[i].unparsed_offset != 0)
                                fail_msg("%s: %s has unplaced text at %zu", e->d_name,
                                         m->arrays[i].name, m->arrays[i].unparsed_offset);
                }
                mdstat_free(m);
                n++;
        }
        closedir(d);
        assert_true(n >= 30);
}

static void test_mdstat_nul_byte_anywhere_is_einval(void **state)
{
        static const char mid[] = "Personalities : [raid1] \n"
                                  "md0 : active raid1 sdb1[1]\0 sda1[0]\n"
                                  "      100 blocks [2/2] [UU]\n";
        static const char last[] = "Personalities : [raid1] \n\0";
        struct mdstat *m = (struct mdstat *)(uintptr_t)1;

        (void)state;
        assert_int_equal(md_parse_mdstat(mid, sizeof(mid) - 1, &m), -EINVAL);
        assert_int_equal(md_parse_mdstat(last, sizeof(last) - 1, &m), -EINVAL);
        assert_ptr_equal(m, (struct mdstat *)(uintptr_t)1);               /* untouched on error */
        assert_int_equal(md_parse_mdstat(last, sizeof(last) - 2, &m), 0); /* without it: fine */
        mdstat_free(m);
}

static void test_mdstat_free_accepts_null(void **state)
{
        (void)state;
        mdstat_free(NULL);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_mdstat_healthy_raid1_has_two_in_sync_members),
            cmocka_unit_test(test_mdstat_raid0_chunks_and_no_slot_status),
            cmocka_unit_test(test_mdstat_raid4_level_chunk_algorithm_line),
            cmocka_unit_test(test_mdstat_raid10_near_copies_upper_case_chunk),
            cmocka_unit_test(test_mdstat_raid10_far_and_offset_layouts),
            cmocka_unit_test(test_mdstat_linear_rounding_is_not_a_chunk),
            cmocka_unit_test(test_mdstat_multipath_without_super_token),
            cmocka_unit_test(test_mdstat_degraded_raid1_keeps_failed_member_listed),
            cmocka_unit_test(test_mdstat_failed_spare_counts_as_failed),
            cmocka_unit_test(test_mdstat_broken_raid0_is_broken_with_level),
            cmocka_unit_test(test_mdstat_member_flags_write_mostly_journal_replacement),
            cmocka_unit_test(test_mdstat_recovery_progress_onto_rebuilding_spare),
            cmocka_unit_test(test_mdstat_resync_progress_has_two_spaces_after_equals),
            cmocka_unit_test(test_mdstat_check_is_reported_as_check),
            cmocka_unit_test(test_mdstat_repair_verb_of_new_kernels),
            cmocka_unit_test(test_mdstat_reshape_with_super_091),
            cmocka_unit_test(test_mdstat_resync_delayed_on_shared_disks),
            cmocka_unit_test(test_mdstat_resync_pending_on_auto_read_only),
            cmocka_unit_test(test_mdstat_cluster_remote_recovery_and_resync),
            cmocka_unit_test(test_mdstat_stalled_recovery_huge_finish_zero_speed),
            cmocka_unit_test(test_mdstat_inactive_array_has_no_level),
            cmocka_unit_test(test_mdstat_read_only_array),
            cmocka_unit_test(test_mdstat_imsm_container_and_member_volume),
            cmocka_unit_test(test_mdstat_ddf_container_with_raid5_volume),
            cmocka_unit_test(test_mdstat_nested_md_member),
            cmocka_unit_test(test_mdstat_metadata_090_prints_no_super),
            cmocka_unit_test(test_mdstat_bitmap_file_and_byte_chunk),
            cmocka_unit_test(test_mdstat_member_names_and_desc_nr_beyond_raid_disks),
            cmocka_unit_test(test_mdstat_over_long_member_name_is_truncated),
            cmocka_unit_test(test_mdstat_no_arrays_is_valid),
            cmocka_unit_test(test_mdstat_lost_trailing_whitespace_and_newline),
            cmocka_unit_test(test_mdstat_crlf_line_endings),
            cmocka_unit_test(test_mdstat_garbage_is_einval),
            cmocka_unit_test(test_mdstat_truncated_file_keeps_partial_array),
            cmocka_unit_test(test_mdstat_unknown_lines_between_arrays_are_skipped),
            cmocka_unit_test(test_mdstat_unused_devices_list_is_not_an_array),
            cmocka_unit_test(test_mdstat_busy_server_all_arrays),
            cmocka_unit_test(test_mdstat_empty_buffer_is_einval),
            cmocka_unit_test(test_mdstat_personalities_without_trailing_space),
            cmocka_unit_test(test_mdstat_percent_above_hundred_is_clamped),
            cmocka_unit_test(test_mdstat_unreadable_header_skips_only_that_array),
            cmocka_unit_test(test_mdstat_old_kernel_resync_without_bar),
            cmocka_unit_test(test_mdstat_slot_map_truncated_at_64),
            cmocka_unit_test(test_mdstat_every_prefix_of_big_fixture_parses_safely),
            cmocka_unit_test(test_mdstat_every_prefix_of_crlf_fixture_parses_safely),
            cmocka_unit_test(test_mdstat_reindented_copy_parses_like_the_original),
            cmocka_unit_test(test_mdstat_indented_header_starts_an_array),
            cmocka_unit_test(test_mdstat_unreadable_header_inside_a_block_keeps_its_lines_out),
            cmocka_unit_test(test_mdstat_blank_line_ends_the_array_block),
            cmocka_unit_test(test_mdstat_unknown_line_inside_an_array_marks_it_unparsed),
            cmocka_unit_test(test_mdstat_stray_header_token_marks_the_array_unparsed),
            cmocka_unit_test(test_mdstat_second_level_word_marks_the_array_unparsed),
            cmocka_unit_test(test_mdstat_cut_slot_map_marks_the_array_unparsed),
            cmocka_unit_test(test_mdstat_second_blocks_line_marks_unparsed_and_keeps_the_first),
            cmocka_unit_test(test_mdstat_status_line_without_percentage_marks_unparsed),
            cmocka_unit_test(test_mdstat_bitmap_line_without_page_counts_marks_unparsed),
            cmocka_unit_test(test_mdstat_array_line_after_the_blank_line_marks_that_array),
            cmocka_unit_test(test_mdstat_text_between_arrays_marks_no_array),
            cmocka_unit_test(test_mdstat_kernel_written_fixtures_have_nothing_unplaced),
            cmocka_unit_test(test_mdstat_nul_byte_anywhere_is_einval),
            cmocka_unit_test(test_mdstat_free_accepts_null),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
