/* Specification of the /sys/block/mdX/md/ attribute parsers (md_sysfs.c), on literal kernel
 * output and on the sysroot trees in tests/fixtures/md-sysfs/, checked against the /proc/mdstat
 * of the same tree. Feeds srvhRaidArrayTable and srvhRaidMemberTable. */
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

#include "md/md_parse.h"

#define LIT(s) (s), (sizeof(s) - 1)

/* Reads <fixtures>/md-sysfs/<name> into a buffer of exactly its size (no NUL). */
static char *load(const char *name, size_t *ret_len)
{
        char rel[256];
        snprintf(rel, sizeof(rel), "md-sysfs/%s", name);
        return fixture_read(rel, ret_len);
}

/* Path of an attribute of md0 in scenario sc. */
static const char *attr(const char *sc, const char *name)
{
        static char rel[256];

        snprintf(rel, sizeof(rel), "%s/sys/block/md0/md/%s", sc, name);
        return rel;
}

static enum md_array_state tree_array_state(const char *sc)
{
        size_t len;
        char *b = load(attr(sc, "array_state"), &len);
        enum md_array_state s;

        assert_int_equal(md_parse_array_state(b, len, &s), 0);
        free(b);
        return s;
}

static enum md_sync_action tree_sync_action(const char *sc)
{
        size_t len;
        char *b = load(attr(sc, "sync_action"), &len);
        enum md_sync_action a;

        assert_int_equal(md_parse_sync_action(b, len, &a), 0);
        free(b);
        return a;
}

static struct md_sync_completed tree_sync_completed(const char *sc)
{
        size_t len;
        char *b = load(attr(sc, "sync_completed"), &len);
        struct md_sync_completed c;

        assert_int_equal(md_parse_sync_completed(b, len, &c), 0);
        free(b);
        return c;
}

static uint64_t tree_u64(const char *sc, const char *name, bool *ret_none)
{
        size_t len;
        char *b = load(attr(sc, name), &len);
        uint64_t v;

        assert_int_equal(md_parse_u64_or_none(b, len, &v, ret_none), 0);
        free(b);
        return v;
}

static void tree_word(const char *sc, const char *name, char *out, size_t outsz)
{
        size_t len;
        char *b = load(attr(sc, name), &len);

        assert_int_equal(md_parse_word(b, len, out, outsz), 0);
        free(b);
}

static void tree_raid_disks(const char *sc, int *n, int *o)
{
        size_t len;
        char *b = load(attr(sc, "raid_disks"), &len);

        assert_int_equal(md_parse_raid_disks(b, len, n, o), 0);
        free(b);
}

static unsigned tree_member_state(const char *sc, const char *dev)
{
        char name[64];
        size_t len;
        char *b;
        unsigned f;

        snprintf(name, sizeof(name), "dev-%s/state", dev);
        b = load(attr(sc, name), &len);
        assert_int_equal(md_parse_member_state(b, len, &f), 0);
        free(b);
        return f;
}

static int tree_member_slot(const char *sc, const char *dev)
{
        char name[64];
        size_t len;
        char *b;
        int slot;

        snprintf(name, sizeof(name), "dev-%s/slot", dev);
        b = load(attr(sc, name), &len);
        assert_int_equal(md_parse_slot(b, len, &slot), 0);
        free(b);
        return slot;
}

static uint64_t tree_member_errors(const char *sc, const char *dev)
{
        char name[64];
        bool none;

        snprintf(name, sizeof(name), "dev-%s/errors", dev);
        return tree_u64(sc, name, &none);
}

static struct mdstat *tree_mdstat(const char *sc)
{
        char rel[128];
        size_t len;
        char *b;
        struct mdstat *m = NULL;

        snprintf(rel, sizeof(rel), "%s/proc/mdstat", sc);
        b = load(rel, &len);
        assert_int_equal(md_parse_mdstat(b, len, &m), 0);
        free(b);
        return m;
}

/* Every file of every tree, with the value the collector must get from it. */
struct tree_member_want {
        const char *dev;
        unsigned state;
        int slot;
        uint64_t errors;
};

struct tree_want {
        const char *scenario;
        enum md_array_state array_state;
        const char *level;
        int raid_disks, raid_disks_old;
        uint64_t degraded;
        enum md_sync_action sync_action;
        bool sync_none;
        uint64_t sync_done, sync_total;
        uint64_t sync_speed; /* 0 with "none" */
        uint64_t mismatch_cnt, component_size;
        const char *uuid, *metadata;
        struct tree_member_want members[12];
};

static const struct tree_want trees[] = {
    {"healthy",
     MD_STATE_CLEAN,
     "raid1",
     2,
     2,
     0,
     MD_SYNC_IDLE,
     true,
     0,
     0,
     0,
     0,
     1953260928ull,
     "3f1c9a2e-5b7d-4c10-9e21-7a4f0d8b6c35",
     "1.2",
     {{"sda1", MD_MS_IN_SYNC, 0, 0}, {"sdb1", MD_MS_IN_SYNC, 1, 0}}},
    {"degraded",
     MD_STATE_CLEAN,
     "raid1",
     2,
     2,
     1,
     MD_SYNC_IDLE,
     true,
     0,
     0,
     0,
     0,
     41908224ull,
     "a41d77c0-12e9-4b3a-8f5d-0c6e2b9d1f48",
     "1.2",
     {{"sda1", MD_MS_IN_SYNC, 0, 0}, {"sdb1", MD_MS_FAULTY, -1, 17}}},
    {"recovering",
     MD_STATE_CLEAN,
     "raid5",
     4,
     4,
     1,
     MD_SYNC_RECOVER,
     false,
     1660375040ull,
     3906764800ull,
     154321,
     0,
     3906764800ull,
     "6b0e5d12-9a3c-4f71-b2d8-e15c4a7f9036",
     "1.2",
     {{"sda1", MD_MS_IN_SYNC, 0, 0},
      {"sdb1", MD_MS_IN_SYNC, 1, 0},
      {"sdc1", MD_MS_IN_SYNC, 2, 0},
      {"sdd1", MD_MS_SPARE, 3, 0},
      {"sde1", MD_MS_SPARE, -1, 0}}},
    {"reshape",
     MD_STATE_ACTIVE,
     "raid6",
     11,
     10,
     0,
     MD_SYNC_RESHAPE,
     false,
     714938368ull,
     3906764800ull,
     45210,
     0,
     3906764800ull,
     "c7e2f9a0-4d18-4b65-93ae-2f0b7d5c8e14",
     "1.2",
     {{"sda", MD_MS_IN_SYNC, 0, 0},
      {"sdb", MD_MS_IN_SYNC, 1, 0},
      {"sdc", MD_MS_IN_SYNC, 2, 0},
      {"sdd", MD_MS_IN_SYNC, 3, 0},
      {"sde", MD_MS_IN_SYNC, 4, 0},
      {"sdf", MD_MS_IN_SYNC, 5, 0},
      {"sdg", MD_MS_IN_SYNC, 6, 0},
      {"sdh", MD_MS_IN_SYNC, 7, 0},
      {"sdi", MD_MS_IN_SYNC, 8, 0},
      {"sdj", MD_MS_IN_SYNC, 9, 0},
      {"sdk", MD_MS_IN_SYNC, 10, 0}}},
};

static void test_sysfs_every_file_of_every_tree_parses_to_its_value(void **state)
{
        (void)state;
        for (size_t t = 0; t < sizeof(trees) / sizeof(trees[0]); t++) {
                const struct tree_want *w = &trees[t];
                const char *sc = w->scenario;
                struct md_sync_completed c;
                char word[MD_META_MAX];
                bool none;
                int n, o;

                assert_int_equal(tree_array_state(sc), w->array_state);
                tree_word(sc, "level", word, sizeof(word));
                assert_string_equal(word, w->level);
                tree_raid_disks(sc, &n, &o);
                assert_int_equal(n, w->raid_disks);
                assert_int_equal(o, w->raid_disks_old);
                assert_int_equal(tree_u64(sc, "degraded", &none), w->degraded);
                assert_false(none);
                assert_int_equal(tree_sync_action(sc), w->sync_action);
                c = tree_sync_completed(sc);
                assert_int_equal(c.none, w->sync_none);
                assert_false(c.delayed);
                assert_int_equal(c.done_sectors, w->sync_done);
                assert_int_equal(c.total_sectors, w->sync_total);
                assert_int_equal(tree_u64(sc, "sync_speed", &none), w->sync_speed);
                assert_int_equal(none, w->sync_none);
                assert_int_equal(tree_u64(sc, "mismatch_cnt", &none), w->mismatch_cnt);
                assert_int_equal(tree_u64(sc, "component_size", &none), w->component_size);
                tree_word(sc, "uuid", word, sizeof(word));
                assert_string_equal(word, w->uuid);
                tree_word(sc, "metadata_version", word, sizeof(word));
                assert_string_equal(word, w->metadata);
                for (size_t i = 0; i < 12 && w->members[i].dev; i++) {
                        const struct tree_member_want *mw = &w->members[i];

                        assert_int_equal(tree_member_state(sc, mw->dev), mw->state);
                        assert_int_equal(tree_member_slot(sc, mw->dev), mw->slot);
                        assert_int_equal(tree_member_errors(sc, mw->dev), mw->errors);
                }
        }
}

/* ---- the scenario trees ---------------------------------------------------------------------- */

static void test_sysfs_healthy_raid1_is_clean_and_idle(void **state)
{
        char word[MD_META_MAX];
        bool none;
        int n, o;
        struct mdstat *m;

        (void)state;
        assert_int_equal(tree_array_state("healthy"), MD_STATE_CLEAN);
        assert_int_equal(tree_sync_action("healthy"), MD_SYNC_IDLE);
        assert_true(tree_sync_completed("healthy").none);
        assert_int_equal(tree_u64("healthy", "sync_speed", &none), 0);
        assert_true(none);
        assert_int_equal(tree_u64("healthy", "degraded", &none), 0);
        assert_false(none);
        assert_int_equal(tree_u64("healthy", "mismatch_cnt", &none), 0);
        tree_word("healthy", "level", word, sizeof(word));
        assert_string_equal(word, "raid1");
        tree_word("healthy", "metadata_version", word, sizeof(word));
        assert_string_equal(word, "1.2");
        tree_word("healthy", "uuid", word, sizeof(word));
        assert_string_equal(word, "3f1c9a2e-5b7d-4c10-9e21-7a4f0d8b6c35");
        tree_raid_disks("healthy", &n, &o);
        assert_int_equal(n, 2);
        assert_int_equal(o, 2);
        assert_int_equal(tree_member_state("healthy", "sda1"), MD_MS_IN_SYNC);
        assert_int_equal(tree_member_state("healthy", "sdb1"), MD_MS_IN_SYNC);
        assert_int_equal(tree_member_slot("healthy", "sda1"), 0);
        assert_int_equal(tree_member_slot("healthy", "sdb1"), 1);
        assert_int_equal(tree_member_errors("healthy", "sdb1"), 0);
        /* component_size is in sectors: twice mdstat's KiB for raid1 */
        m = tree_mdstat("healthy");
        assert_int_equal(tree_u64("healthy", "component_size", &none), 2 * m->arrays[0].blocks_kib);
        assert_int_equal(m->arrays[0].raid_disks, n);
        mdstat_free(m);
}

static void test_sysfs_degraded_raid1_faulty_member_has_no_slot(void **state)
{
        bool none;
        struct mdstat *m;

        (void)state;
        assert_int_equal(tree_array_state("degraded"), MD_STATE_CLEAN);
        assert_int_equal(tree_sync_action("degraded"), MD_SYNC_IDLE);
        assert_int_equal(tree_u64("degraded", "degraded", &none), 1);
        assert_int_equal(tree_member_state("degraded", "sdb1"), MD_MS_FAULTY);
        assert_int_equal(tree_member_slot("degraded", "sdb1"), -1);
        assert_int_equal(tree_member_errors("degraded", "sdb1"), 17);
        assert_int_equal(tree_member_slot("degraded", "sda1"), 0);
        m = tree_mdstat("degraded");
        assert_int_equal(m->arrays[0].raid_disks - m->arrays[0].working_disks, 1);
        assert_int_equal(m->arrays[0].members[0].flags, MDSTAT_MF_FAULTY);
        mdstat_free(m);
}

static void test_sysfs_recovering_spare_has_slot_and_sectors_match_mdstat(void **state)
{
        struct md_sync_completed c;
        bool none;
        struct mdstat *m;
        const struct mdstat_array *a;

        (void)state;
        assert_int_equal(tree_array_state("recovering"), MD_STATE_CLEAN);
        assert_int_equal(tree_sync_action("recovering"), MD_SYNC_RECOVER);
        c = tree_sync_completed("recovering");
        assert_false(c.none);
        assert_false(c.delayed);
        assert_int_equal(c.done_sectors, 1660375040ull);
        assert_int_equal(c.total_sectors, 3906764800ull);
        assert_int_equal(tree_u64("recovering", "sync_speed", &none), 154321);
        assert_false(none);
        assert_int_equal(tree_u64("recovering", "degraded", &none), 1);
        assert_int_equal(tree_member_state("recovering", "sdd1"), MD_MS_SPARE);
        assert_int_equal(tree_member_slot("recovering", "sdd1"), 3);
        assert_int_equal(tree_member_state("recovering", "sde1"), MD_MS_SPARE);
        assert_int_equal(tree_member_slot("recovering", "sde1"), -1);
        m = tree_mdstat("recovering");
        a = &m->arrays[0];
        assert_int_equal(a->sync, MDSTAT_SYNC_RECOVERY);
        assert_int_equal(a->sync_permille, 425);
        assert_int_equal(c.done_sectors, 2 * a->sync_done_kib);
        assert_int_equal(c.total_sectors, 2 * a->sync_total_kib);
        assert_int_equal(tree_u64("recovering", "component_size", &none), c.total_sectors);
        assert_int_equal(a->sync_speed_kib, 154321);
        mdstat_free(m);
}

static void test_sysfs_reshape_raid_disks_new_and_old(void **state)
{
        int n, o;
        struct md_sync_completed c;
        struct mdstat *m;
        char level[MD_LEVEL_MAX];

        (void)state;
        tree_raid_disks("reshape", &n, &o);
        assert_int_equal(n, 11);
        assert_int_equal(o, 10);
        assert_int_equal(tree_array_state("reshape"), MD_STATE_ACTIVE);
        assert_int_equal(tree_sync_action("reshape"), MD_SYNC_RESHAPE);
        tree_word("reshape", "level", level, sizeof(level));
        assert_string_equal(level, "raid6");
        assert_int_equal(tree_member_slot("reshape", "sdk"), 10);
        assert_int_equal(tree_member_state("reshape", "sdk"), MD_MS_IN_SYNC);
        c = tree_sync_completed("reshape");
        m = tree_mdstat("reshape");
        assert_int_equal(m->arrays[0].sync, MDSTAT_SYNC_RESHAPE);
        assert_int_equal(m->arrays[0].sync_permille, 183);
        assert_int_equal(m->arrays[0].raid_disks, n);
        assert_int_equal(m->arrays[0].n_members, 11);
        assert_int_equal(c.done_sectors, 2 * m->arrays[0].sync_done_kib);
        assert_int_equal(c.total_sectors, 2 * m->arrays[0].sync_total_kib);
        mdstat_free(m);
}

/* ---- array_state ----------------------------------------------------------------------------- */

static void test_sysfs_array_state_every_kernel_word(void **state)
{
        static const struct {
                const char *text;
                enum md_array_state want;
        } cases[] = {
            {"clean\n", MD_STATE_CLEAN},         {"active-idle\n", MD_STATE_CLEAN},
            {"active\n", MD_STATE_ACTIVE},       {"write-pending\n", MD_STATE_ACTIVE},
            {"clear\n", MD_STATE_INACTIVE},      {"inactive\n", MD_STATE_INACTIVE},
            {"suspended\n", MD_STATE_UNKNOWN},   {"readonly\n", MD_STATE_READONLY},
            {"read-auto\n", MD_STATE_READ_AUTO}, {"broken\n", MD_STATE_FAILED},
            {"clean", MD_STATE_CLEAN},
        };

        (void)state;
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                enum md_array_state s = MD_STATE_MAX_;

                assert_int_equal(md_parse_array_state(cases[i].text, strlen(cases[i].text), &s), 0);
                assert_int_equal(s, cases[i].want);
        }
}

static void test_sysfs_array_state_unknown_word_is_einval_and_untouched(void **state)
{
        enum md_array_state s = MD_STATE_MAX_;

        (void)state;
        assert_int_equal(md_parse_array_state(LIT("degraded\n"), &s), -EINVAL);
        assert_int_equal(md_parse_array_state(LIT("\n"), &s), -EINVAL);
        assert_int_equal(md_parse_array_state(LIT("cleanx\n"), &s), -EINVAL);
        assert_int_equal(md_parse_array_state(LIT("clea"), &s), -EINVAL);
        assert_int_equal(s, MD_STATE_MAX_);
}

static void test_sysfs_array_state_reads_only_len_bytes(void **state)
{
        enum md_array_state s;

        (void)state;
        /* "active" cut to "activ" must not be read as "active" */
        assert_int_equal(md_parse_array_state("active\n", 5, &s), -EINVAL);
        assert_int_equal(md_parse_array_state("clean-ish", 5, &s), 0);
        assert_int_equal(s, MD_STATE_CLEAN);
}

/* ---- sync_action ----------------------------------------------------------------------------- */

static void test_sysfs_sync_action_every_kernel_word(void **state)
{
        static const struct {
                const char *text;
                enum md_sync_action want;
        } cases[] = {
            {"idle\n", MD_SYNC_IDLE},       {"resync\n", MD_SYNC_RESYNC},
            {"recover\n", MD_SYNC_RECOVER}, {"check\n", MD_SYNC_CHECK},
            {"repair\n", MD_SYNC_REPAIR},   {"reshape\n", MD_SYNC_RESHAPE},
            {"frozen\n", MD_SYNC_FROZEN},
        };

        (void)state;
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                enum md_sync_action a = MD_SYNC_MAX_;

                assert_int_equal(md_parse_sync_action(cases[i].text, strlen(cases[i].text), &a), 0);
                assert_int_equal(a, cases[i].want);
        }
}

static void test_sysfs_sync_action_future_word_is_unknown(void **state)
{
        enum md_sync_action a = MD_SYNC_MAX_;

        (void)state;
        assert_int_equal(md_parse_sync_action(LIT("scrub_fast\n"), &a), 0);
        assert_int_equal(a, MD_SYNC_UNKNOWN);
}

static void test_sysfs_sync_action_mdstat_spelling_is_not_sysfs(void **state)
{
        enum md_sync_action a = MD_SYNC_MAX_;

        (void)state;
        /* "recovery" is how mdstat says it; sysfs never prints it */
        assert_int_equal(md_parse_sync_action(LIT("recovery\n"), &a), 0);
        assert_int_equal(a, MD_SYNC_UNKNOWN);
        a = MD_SYNC_MAX_;
        assert_int_equal(md_parse_sync_action(LIT("\n"), &a), -EINVAL);
        assert_int_equal(md_parse_sync_action(LIT("re sync\n"), &a), -EINVAL);
        assert_int_equal(md_parse_sync_action(LIT("42\n"), &a), -EINVAL);
        assert_int_equal(a, MD_SYNC_MAX_);
}

/* ---- sync_completed -------------------------------------------------------------------------- */

static void test_sysfs_sync_completed_none_and_delayed(void **state)
{
        struct md_sync_completed c;

        (void)state;
        assert_int_equal(md_parse_sync_completed(LIT("none\n"), &c), 0);
        assert_true(c.none);
        assert_false(c.delayed);
        assert_int_equal(md_parse_sync_completed(LIT("delayed\n"), &c), 0);
        assert_false(c.none);
        assert_true(c.delayed);
        assert_int_equal(c.done_sectors, 0);
}

static void test_sysfs_sync_completed_sectors_with_spaced_slash(void **state)
{
        struct md_sync_completed c;

        (void)state;
        assert_int_equal(md_parse_sync_completed(LIT("8192 / 129024\n"), &c), 0);
        assert_int_equal(c.done_sectors, 8192);
        assert_int_equal(c.total_sectors, 129024);
        assert_int_equal(md_parse_sync_completed(LIT("1/2"), &c), 0);
        assert_int_equal(c.total_sectors, 2);
        assert_int_equal(md_parse_sync_completed(LIT("18446744073709551615 / 1\n"), &c), 0);
        assert_int_equal(c.done_sectors, UINT64_MAX);
}

static void test_sysfs_sync_completed_malformed_is_einval(void **state)
{
        struct md_sync_completed c = {.done_sectors = 7};

        (void)state;
        assert_int_equal(md_parse_sync_completed(LIT("\n"), &c), -EINVAL);
        assert_int_equal(md_parse_sync_completed(LIT("8192 /\n"), &c), -EINVAL);
        assert_int_equal(md_parse_sync_completed(LIT("8192 129024\n"), &c), -EINVAL);
        assert_int_equal(md_parse_sync_completed(LIT("18446744073709551616 / 1\n"), &c), -EINVAL);
        assert_int_equal(md_parse_sync_completed(LIT("1 / 2 / 3\n"), &c), -EINVAL);
        assert_int_equal(c.done_sectors, 7);
}

/* ---- numbers --------------------------------------------------------------------------------- */

static void test_sysfs_u64_number_none_and_default(void **state)
{
        uint64_t v = 5;
        bool none = true;

        (void)state;
        assert_int_equal(md_parse_u64_or_none(LIT("123456789012\n"), &v, &none), 0);
        assert_int_equal(v, 123456789012ull);
        assert_false(none);
        assert_int_equal(md_parse_u64_or_none(LIT("none\n"), &v, &none), 0);
        assert_int_equal(v, 0);
        assert_true(none);
        none = false;
        assert_int_equal(md_parse_u64_or_none(LIT("default\n"), &v, &none), 0);
        assert_true(none);
}

static void test_sysfs_u64_rejects_sign_garbage_and_overflow(void **state)
{
        uint64_t v = 5;
        bool none = false;

        (void)state;
        assert_int_equal(md_parse_u64_or_none(LIT("-1\n"), &v, &none), -EINVAL);
        assert_int_equal(md_parse_u64_or_none(LIT("12k\n"), &v, &none), -EINVAL);
        assert_int_equal(md_parse_u64_or_none(LIT("\n"), &v, &none), -EINVAL);
        assert_int_equal(md_parse_u64_or_none(LIT("99999999999999999999\n"), &v, &none), -EINVAL);
        assert_int_equal(v, 5);
}

static void test_sysfs_raid_disks_plain_empty_and_reshape(void **state)
{
        int n = 0, o = 0;

        (void)state;
        assert_int_equal(md_parse_raid_disks(LIT("4\n"), &n, &o), 0);
        assert_int_equal(n, 4);
        assert_int_equal(o, 4);
        assert_int_equal(md_parse_raid_disks(LIT("\n"), &n, &o), 0);
        assert_int_equal(n, -1);
        assert_int_equal(o, -1);
        assert_int_equal(md_parse_raid_disks(LIT("5 (4)\n"), &n, &o), 0);
        assert_int_equal(n, 5);
        assert_int_equal(o, 4);
        /* shrinking */
        assert_int_equal(md_parse_raid_disks(LIT("3 (4)"), &n, &o), 0);
        assert_int_equal(n, 3);
        assert_int_equal(o, 4);
}

static void test_sysfs_raid_disks_malformed_is_einval(void **state)
{
        int n = 9, o = 9;

        (void)state;
        assert_int_equal(md_parse_raid_disks(LIT("11 (\n"), &n, &o), -EINVAL);
        assert_int_equal(md_parse_raid_disks(LIT("11 10\n"), &n, &o), -EINVAL);
        assert_int_equal(md_parse_raid_disks(LIT("(10)\n"), &n, &o), -EINVAL);
        assert_int_equal(md_parse_raid_disks(LIT("99999999999\n"), &n, &o), -EINVAL);
        assert_int_equal(n, 9);
        assert_int_equal(o, 9);
}

/* ---- words ----------------------------------------------------------------------------------- */

static void test_sysfs_word_trims_and_keeps_external_metadata(void **state)
{
        char out[MD_META_MAX];

        (void)state;
        assert_int_equal(md_parse_word(LIT("external:/md127/0\n"), out, sizeof(out)), 0);
        assert_string_equal(out, "external:/md127/0");
        assert_int_equal(md_parse_word(LIT("  raid10 \n"), out, sizeof(out)), 0);
        assert_string_equal(out, "raid10");
        assert_int_equal(md_parse_word(LIT("\n"), out, sizeof(out)), 0);
        assert_string_equal(out, "");
}

static void test_sysfs_word_too_long_is_enametoolong(void **state)
{
        char out[8] = "keep";

        (void)state;
        assert_int_equal(md_parse_word(LIT("multipath\n"), out, sizeof(out)), -ENAMETOOLONG);
        assert_string_equal(out, "keep");
        assert_int_equal(md_parse_word(LIT("raid10\n"), out, 7), 0);
        assert_string_equal(out, "raid10");
        assert_int_equal(md_parse_word(LIT("raid10\n"), out, 6), -ENAMETOOLONG);
}

/* ---- members --------------------------------------------------------------------------------- */

static void test_sysfs_member_state_every_kernel_flag(void **state)
{
        static const char all[] = "faulty,in_sync,journal,write_mostly,blocked,spare,write_error,"
                                  "want_replacement,replacement,external_bbl,failfast\n";
        unsigned f = 0;

        (void)state;
        assert_int_equal(md_parse_member_state(LIT(all), &f), 0);
        assert_int_equal(f, 0x7ffu);
}

static void test_sysfs_member_state_accepts_writemostly_spelling(void **state)
{
        unsigned f = 0;

        (void)state;
        assert_int_equal(md_parse_member_state(LIT("in_sync,writemostly\n"), &f), 0);
        assert_int_equal(f, MD_MS_IN_SYNC | MD_MS_WRITE_MOSTLY);
}

static void test_sysfs_member_state_io_error_keeps_member_in_sync(void **state)
{
        unsigned f = 0;

        (void)state;
        /* 1.2 metadata with a bad-block log: an I/O error does not fail the member */
        assert_int_equal(md_parse_member_state(LIT("in_sync,write_error,want_replacement\n"), &f),
                         0);
        assert_int_equal(f, MD_MS_IN_SYNC | MD_MS_WRITE_ERROR | MD_MS_WANT_REPLACEMENT);
}

static void test_sysfs_member_state_empty_and_unknown_words(void **state)
{
        unsigned f = 99;

        (void)state;
        assert_int_equal(md_parse_member_state(LIT("\n"), &f), 0);
        assert_int_equal(f, 0);
        assert_int_equal(md_parse_member_state(LIT("in_sync,shiny_new_flag,,spare\n"), &f), 0);
        assert_int_equal(f, MD_MS_IN_SYNC | MD_MS_SPARE);
        assert_int_equal(md_parse_member_state(LIT("in_syncx\n"), &f), 0);
        assert_int_equal(f, 0);
}

static void test_sysfs_slot_number_and_none(void **state)
{
        int slot = 7;

        (void)state;
        assert_int_equal(md_parse_slot(LIT("none\n"), &slot), 0);
        assert_int_equal(slot, -1);
        assert_int_equal(md_parse_slot(LIT("12\n"), &slot), 0);
        assert_int_equal(slot, 12);
}

static void test_sysfs_slot_negative_or_garbage_is_einval(void **state)
{
        int slot = 7;

        (void)state;
        assert_int_equal(md_parse_slot(LIT("-1\n"), &slot), -EINVAL);
        assert_int_equal(md_parse_slot(LIT("\n"), &slot), -EINVAL);
        assert_int_equal(md_parse_slot(LIT("3 (2)\n"), &slot), -EINVAL);
        assert_int_equal(md_parse_slot(LIT("4294967296\n"), &slot), -EINVAL);
        assert_int_equal(slot, 7);
}

/* ---- edges ----------------------------------------------------------------------------------- */

static void test_sysfs_empty_input_is_einval_or_empty_value(void **state)
{
        enum md_array_state s;
        enum md_sync_action a;
        struct md_sync_completed c;
        uint64_t v;
        bool none;
        int n, o, slot;
        char w[4];
        unsigned f;

        (void)state;
        assert_int_equal(md_parse_array_state(NULL, 0, &s), -EINVAL);
        assert_int_equal(md_parse_sync_action(NULL, 0, &a), -EINVAL);
        assert_int_equal(md_parse_sync_completed(NULL, 0, &c), -EINVAL);
        assert_int_equal(md_parse_u64_or_none(NULL, 0, &v, &none), -EINVAL);
        assert_int_equal(md_parse_raid_disks(NULL, 0, &n, &o), 0);
        assert_int_equal(n, -1);
        assert_int_equal(md_parse_word(NULL, 0, w, sizeof(w)), 0);
        assert_string_equal(w, "");
        assert_int_equal(md_parse_member_state(NULL, 0, &f), 0);
        assert_int_equal(f, 0);
        assert_int_equal(md_parse_slot(NULL, 0, &slot), -EINVAL);
}

static void test_sysfs_no_nul_terminator_is_needed(void **state)
{
        static const char text[] = "1569888 / 2093056";
        char *exact = malloc(sizeof(text) - 1);
        struct md_sync_completed c;

        (void)state;
        assert_non_null(exact);
        memcpy(exact, text, sizeof(text) - 1);
        assert_int_equal(md_parse_sync_completed(exact, sizeof(text) - 1, &c), 0);
        assert_int_equal(c.done_sectors, 1569888);
        assert_int_equal(c.total_sectors, 2093056);
        free(exact);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_sysfs_every_file_of_every_tree_parses_to_its_value),
            cmocka_unit_test(test_sysfs_healthy_raid1_is_clean_and_idle),
            cmocka_unit_test(test_sysfs_degraded_raid1_faulty_member_has_no_slot),
            cmocka_unit_test(test_sysfs_recovering_spare_has_slot_and_sectors_match_mdstat),
            cmocka_unit_test(test_sysfs_reshape_raid_disks_new_and_old),
            cmocka_unit_test(test_sysfs_array_state_every_kernel_word),
            cmocka_unit_test(test_sysfs_array_state_unknown_word_is_einval_and_untouched),
            cmocka_unit_test(test_sysfs_array_state_reads_only_len_bytes),
            cmocka_unit_test(test_sysfs_sync_action_every_kernel_word),
            cmocka_unit_test(test_sysfs_sync_action_future_word_is_unknown),
            cmocka_unit_test(test_sysfs_sync_action_mdstat_spelling_is_not_sysfs),
            cmocka_unit_test(test_sysfs_sync_completed_none_and_delayed),
            cmocka_unit_test(test_sysfs_sync_completed_sectors_with_spaced_slash),
            cmocka_unit_test(test_sysfs_sync_completed_malformed_is_einval),
            cmocka_unit_test(test_sysfs_u64_number_none_and_default),
            cmocka_unit_test(test_sysfs_u64_rejects_sign_garbage_and_overflow),
            cmocka_unit_test(test_sysfs_raid_disks_plain_empty_and_reshape),
            cmocka_unit_test(test_sysfs_raid_disks_malformed_is_einval),
            cmocka_unit_test(test_sysfs_word_trims_and_keeps_external_metadata),
            cmocka_unit_test(test_sysfs_word_too_long_is_enametoolong),
            cmocka_unit_test(test_sysfs_member_state_every_kernel_flag),
            cmocka_unit_test(test_sysfs_member_state_accepts_writemostly_spelling),
            cmocka_unit_test(test_sysfs_member_state_io_error_keeps_member_in_sync),
            cmocka_unit_test(test_sysfs_member_state_empty_and_unknown_words),
            cmocka_unit_test(test_sysfs_slot_number_and_none),
            cmocka_unit_test(test_sysfs_slot_negative_or_garbage_is_einval),
            cmocka_unit_test(test_sysfs_empty_input_is_einval_or_empty_value),
            cmocka_unit_test(test_sysfs_no_nul_terminator_is_needed),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
