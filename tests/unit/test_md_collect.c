/* The md collector (src/md/md_collect.c) on sysroot trees: what it serves from mdstat and sysfs,
 * how it keeps indexes, how it fails; and a golden GET/GETNEXT walk of the demo dataset through
 * the generic walker, i.e. the exact varbinds srvhealthd answers for examples/demo/sysroot. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/module.h"
#include "golden_walk.h"
#include "core/mibtree.h"
#include "md/md_config.h"
#include "md/md_model.h"
#include "srvhealth/oids.h"

extern const struct module_ops md_module;

#define POLL_TIME 1764115200 /* 2025-11-26 00:00:00 UTC: fixed, so last-change cells are too */

struct fixture {
        char root[256];
        struct module_ctx ctx;
};

static void write_file(const struct fixture *f, const char *rel, const char *text)
{
        char path[512];
        snprintf(path, sizeof(path), "%s%s", f->root, rel);
        for (char *p = path + strlen(f->root) + 1; *p; p++) {
                if (*p == '/') {
                        *p = '\0';
                        mkdir(path, 0755);
                        *p = '/';
                }
        }
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        fputs(text, fp);
        fclose(fp);
}

static int setup(void **state)
{
        struct fixture *f = calloc(1, sizeof(*f));
        snprintf(f->root, sizeof(f->root), "/tmp/srvh-collect-XXXXXX");
        if (!mkdtemp(f->root))
                return -1;
        f->ctx.sysroot = f->root;
        f->ctx.wait_fd = -1;
        f->ctx.cancel_fd = -1; /* no daemon to stop */
        *state = f;
        return md_module.init(&f->ctx);
}

static int teardown(void **state)
{
        struct fixture *f = *state;
        md_module.teardown(&f->ctx);
        char cmd[300];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->root);
        if (system(cmd) != 0)
                return -1;
        free(f);
        return 0;
}

static struct snap *poll_ok(struct fixture *f)
{
        struct snap *s = snap_new();
        s->polled_at = POLL_TIME;
        assert_int_equal(md_module.poll(&f->ctx, s), 0);
        return s;
}

/* Read one cell of the array table (column col of the array with this index). */
static int64_t array_int(const struct snap *s, uint32_t index, unsigned col)
{
        for (size_t i = 0; i < s->tables[0].n; i++) {
                const struct mib_row *r = &s->tables[0].v[i];
                if (r->idx[0] != index)
                        continue;
                struct mib_value v;
                memset(&v, 0, sizeof(v));
                assert_int_equal(md_module.tables[0].get(r->data, col, &v), 0);
                return v.type == MIB_T_INTEGER ? v.i : (int64_t)v.u;
        }
        fail_msg("no array with index %u", index);
        return -1;
}

/* True when the array (table 0) or member (table 1) row with this index has no cell in col. */
static bool cell_absent(const struct snap *s, size_t table, uint32_t i0, uint32_t i1, unsigned col)
{
        for (size_t i = 0; i < s->tables[table].n; i++) {
                const struct mib_row *r = &s->tables[table].v[i];
                if (r->idx[0] != i0 || (table == 1 && r->idx[1] != i1))
                        continue;
                struct mib_value v;
                int ret = md_module.tables[table].get(r->data, col, &v);
                assert_true(ret == 0 || ret == -ENOENT);
                return ret == -ENOENT;
        }
        fail_msg("no row %u.%u in table %zu", i0, i1, table);
        return false;
}

static const char two_mirrors[] = "Personalities : [raid1] \n"
                                  "md5 : active raid1 sdd1[1] sdc1[0]\n"
                                  "      1048512 blocks super 1.2 [2/2] [UU]\n"
                                  "      \n"
                                  "md0 : active raid1 sdb1[1] sda1[0]\n"
                                  "      1048512 blocks super 1.2 [2/2] [UU]\n"
                                  "      \n"
                                  "unused devices: <none>\n";

static void test_collect_without_sysfs_serves_mdstat_alone(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat", two_mirrors);
        struct snap *s = poll_ok(f);
        assert_int_equal(s->tables[0].n, 2);
        assert_int_equal(array_int(s, 1, SRVH_RA_SOURCE), 1); /* mdstat only */
        assert_int_equal(array_int(s, 1, SRVH_RA_STATE), MD_STATE_ACTIVE);
        assert_int_equal(array_int(s, 6, SRVH_RA_TOTAL), 2);
        assert_int_equal(s->health, SRVH_HEALTH_OK);
        assert_string_equal(s->note, "");
        snap_free(s);
}

static void test_collect_rows_are_sorted_by_index_not_file_order(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat", two_mirrors);
        struct snap *s = poll_ok(f);
        assert_int_equal(s->tables[0].v[0].idx[0], 1); /* md0 */
        assert_int_equal(s->tables[0].v[1].idx[0], 6); /* md5 */
        /* members: (array, desc_nr + 1) */
        assert_int_equal(s->tables[1].n, 4);
        assert_int_equal(s->tables[1].v[0].idx[0], 1);
        assert_int_equal(s->tables[1].v[0].idx[1], 1);
        assert_int_equal(s->tables[1].v[3].idx[0], 6);
        assert_int_equal(s->tables[1].v[3].idx[1], 2);
        snap_free(s);
}

static void test_collect_keeps_indexes_when_arrays_come_and_go(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat", two_mirrors);
        snap_free(poll_ok(f));
        write_file(f, "/proc/mdstat",
                   "Personalities : [raid1] \n"
                   "md5 : active raid1 sdd1[1] sdc1[0]\n"
                   "      1048512 blocks super 1.2 [2/2] [UU]\n"
                   "      \n"
                   "unused devices: <none>\n");
        struct snap *s = poll_ok(f);
        assert_int_equal(s->tables[0].n, 1);
        assert_int_equal(s->tables[0].v[0].idx[0], 6);
        snap_free(s);
}

static void test_collect_gives_other_names_a_stable_private_index(void **state)
{
        struct fixture *f = *state;
        const char *text = "Personalities : [raid1] \n"
                           "md_d0 : active raid1 sdb1[1] sda1[0]\n"
                           "      1048512 blocks super 1.2 [2/2] [UU]\n"
                           "      \n"
                           "unused devices: <none>\n";
        write_file(f, "/proc/mdstat", text);
        struct snap *s = poll_ok(f);
        assert_int_equal(s->tables[0].v[0].idx[0], 0x100000 + 1);
        snap_free(s);
}

static void test_collect_gives_up_between_arrays_once_the_daemon_stops(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat", two_mirrors);
        int stop = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        assert_true(stop >= 0);
        f->ctx.cancel_fd = stop;
        struct snap *s = snap_new();
        s->polled_at = POLL_TIME;
        assert_int_equal(md_module.poll(&f->ctx, s), 0); /* not stopping: a normal poll */
        snap_free(s);
        uint64_t one = 1;
        assert_int_equal(write(stop, &one, sizeof(one)), sizeof(one));
        s = snap_new();
        assert_int_equal(md_module.poll(&f->ctx, s), -ECANCELED);
        assert_non_null(strstr(s->error_text, "stopping"));
        snap_free(s);
        f->ctx.cancel_fd = -1;
        close(stop);
}

static void test_collect_without_mdstat_reports_no_arrays_and_ok(void **state)
{
        struct fixture *f = *state;
        struct snap *s = poll_ok(f);
        assert_int_equal(s->tables[0].n, 0);
        assert_int_equal(s->health, SRVH_HEALTH_OK);
        snap_free(s);
}

static void test_collect_malformed_mdstat_fails_the_poll_with_a_reason(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat", "this is not a kernel status file\n\x01\x02\n");
        struct snap *s = snap_new();
        int r = md_module.poll(&f->ctx, s);
        assert_true(r < 0);
        assert_non_null(strstr(s->error_text, "/proc/mdstat"));
        assert_non_null(strstr(s->error_text, "keeping the last values"));
        snap_free(s);
}

static void test_collect_unreadable_sysfs_attribute_is_noted_and_mdstat_used(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat", two_mirrors);
        write_file(f, "/sys/block/md0/md/level", "raid1\n");
        /* a directory where a file should be: read() fails with EISDIR, as a broken sysfs might */
        char path[512];
        snprintf(path, sizeof(path), "%s/sys/block/md0/md/array_state", f->root);
        assert_int_equal(mkdir(path, 0755), 0);
        struct snap *s = poll_ok(f);
        assert_non_null(strstr(s->note, "md0: cannot read /sys/block/md0/md/array_state"));
        assert_int_equal(array_int(s, 1, SRVH_RA_SOURCE), 2);
        assert_int_equal(array_int(s, 1, SRVH_RA_STATE), MD_STATE_ACTIVE);
        snap_free(s);
}

static void test_collect_idle_array_has_no_sync_cells(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat", two_mirrors);
        struct snap *s = poll_ok(f);
        assert_true(cell_absent(s, 0, 1, 0, SRVH_RA_SYNC_PROGRESS));
        assert_true(cell_absent(s, 0, 1, 0, SRVH_RA_SYNC_SPEED));
        assert_true(cell_absent(s, 0, 1, 0, SRVH_RA_SYNC_ETA));
        assert_false(cell_absent(s, 0, 1, 0, SRVH_RA_SYNC_ACTION)); /* idle(1) is a value */
        snap_free(s);
}

static void test_collect_mdstat_only_has_no_sysfs_cells(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat", two_mirrors);
        struct snap *s = poll_ok(f);
        assert_true(cell_absent(s, 0, 1, 0, SRVH_RA_MISMATCH));
        assert_true(cell_absent(s, 0, 1, 0, SRVH_RA_UUID));
        assert_false(cell_absent(s, 0, 1, 0, SRVH_RA_SIZE_BYTES)); /* mdstat's block count */
        assert_true(cell_absent(s, 1, 1, 1, SRVH_RM_SLOT));
        assert_true(cell_absent(s, 1, 1, 1, SRVH_RM_ERRORS));
        assert_false(cell_absent(s, 1, 1, 1, SRVH_RM_ROLE));
        snap_free(s);
}

static void test_collect_running_rebuild_has_sync_cells(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat",
                   "Personalities : [raid1] \n"
                   "md0 : active raid1 sdb1[2] sda1[0]\n"
                   "      1048512 blocks super 1.2 [2/1] [U_]\n"
                   "      [=>...................]  recovery =  8.5% (89600/1048512) "
                   "finish=0.7min speed=0K/sec\n"
                   "      \n"
                   "unused devices: <none>\n");
        struct snap *s = poll_ok(f);
        assert_int_equal(array_int(s, 1, SRVH_RA_SYNC_PROGRESS), 850);
        /* a stalled rebuild: speed 0 is a real value, and no estimate follows from it */
        assert_int_equal(array_int(s, 1, SRVH_RA_SYNC_SPEED), 0);
        assert_true(cell_absent(s, 0, 1, 0, SRVH_RA_SYNC_ETA));
        snap_free(s);
}

/* The member cell col of array i0, member i1. */
static int64_t member_int(const struct snap *s, uint32_t i0, uint32_t i1, unsigned col)
{
        for (size_t i = 0; i < s->tables[1].n; i++) {
                const struct mib_row *r = &s->tables[1].v[i];
                if (r->idx[0] != i0 || r->idx[1] != i1)
                        continue;
                struct mib_value v;
                memset(&v, 0, sizeof(v));
                assert_int_equal(md_module.tables[1].get(r->data, col, &v), 0);
                return v.type == MIB_T_INTEGER ? v.i : (int64_t)v.u;
        }
        fail_msg("no member %u.%u", i0, i1);
        return -1;
}

static void test_collect_reads_member_slots_from_rd_links(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat",
                   "Personalities : [raid1] \n"
                   "md0 : active raid1 sdc1[2](S) sdb1[1] sda1[0]\n"
                   "      1048512 blocks super 1.2 [2/2] [UU]\n"
                   "      \n"
                   "unused devices: <none>\n");
        write_file(f, "/sys/block/md0/md/array_state", "clean\n");
        write_file(f, "/sys/block/md0/md/raid_disks", "2\n");
        /* no slot file in any dev-NAME (an older or trimmed sysfs): rdN links say who is where */
        write_file(f, "/sys/block/md0/md/dev-sda1/state", "in_sync\n");
        write_file(f, "/sys/block/md0/md/dev-sdb1/state", "in_sync\n");
        write_file(f, "/sys/block/md0/md/dev-sdc1/state", "spare\n");
        char path[512];
        snprintf(path, sizeof(path), "%s/sys/block/md0/md/rd0", f->root);
        assert_int_equal(symlink("dev-sdb1", path), 0);
        snprintf(path, sizeof(path), "%s/sys/block/md0/md/rd1", f->root);
        assert_int_equal(symlink("dev-sda1", path), 0);
        struct snap *s = poll_ok(f);
        assert_int_equal(member_int(s, 1, 1, SRVH_RM_SLOT), 1);  /* sda1 */
        assert_int_equal(member_int(s, 1, 2, SRVH_RM_SLOT), 0);  /* sdb1 */
        assert_int_equal(member_int(s, 1, 3, SRVH_RM_SLOT), -1); /* sdc1: the spare */
        assert_int_equal(array_int(s, 1, SRVH_RA_HEALTH), SRVH_HEALTH_OK);
        snap_free(s);
}

static void test_collect_unplaced_mdstat_text_makes_array_unknown_with_reason(void **state)
{
        struct fixture *f = *state;
        /* flush left by a paste, with a line of mdadm --detail caught inside md0's block */
        write_file(f, "/proc/mdstat",
                   "Personalities : [raid1]\n"
                   "md0 : active raid1 sdb1[1] sda1[0]\n"
                   "1048512 blocks super 1.2 [2/2] [UU]\n"
                   "Consistency Policy : bitmap\n"
                   "\n"
                   "unused devices: <none>\n");
        struct snap *s = poll_ok(f);
        assert_int_equal(array_int(s, 1, SRVH_RA_STATE), MD_STATE_UNKNOWN);
        assert_int_equal(array_int(s, 1, SRVH_RA_HEALTH), SRVH_HEALTH_UNKNOWN);
        assert_int_equal(s->health, SRVH_HEALTH_UNKNOWN);
        assert_non_null(strstr(s->message, "md0 raid1 unknown: /proc/mdstat has text"));
        snap_free(s);
}

/* ---- expected arrays (mdadm.conf) ---------------------------------------------------------- */

static int64_t array_int_by_name(const struct snap *s, const char *name, unsigned col)
{
        for (size_t i = 0; i < s->tables[0].n; i++) {
                const struct mib_row *r = &s->tables[0].v[i];
                struct mib_value v;
                memset(&v, 0, sizeof(v));
                assert_int_equal(md_module.tables[0].get(r->data, SRVH_RA_NAME, &v), 0);
                if (v.len != strlen(name) || memcmp(mib_value_bytes(&v), name, v.len) != 0)
                        continue;
                memset(&v, 0, sizeof(v));
                assert_int_equal(md_module.tables[0].get(r->data, col, &v), 0);
                return v.i;
        }
        fail_msg("no array named %s", name);
        return -1;
}

static void test_collect_no_md_at_all_but_two_expected_is_critical(void **state)
{
        struct fixture *f = *state;
        /* no /proc/mdstat: the md driver is not even loaded */
        write_file(f, "/etc/mdadm/mdadm.conf",
                   "ARRAY /dev/md0 UUID=3f1c2a7e:8b4d4c1e:9a526d0e:7b21c4f8\n"
                   "ARRAY /dev/md/data UUID=b7e94d10:25c34f6a:8e1d0a9c:53f2e6b4\n");
        struct snap *s = poll_ok(f);
        assert_int_equal(s->tables[0].n, 2);
        assert_int_equal(s->health, SRVH_HEALTH_CRITICAL);
        assert_int_equal(array_int(s, 1, SRVH_RA_STATE), MD_STATE_MISSING);
        assert_int_equal(array_int(s, 1, SRVH_RA_EXPECTED), 1);
        assert_true(cell_absent(s, 0, 1, 0, SRVH_RA_TOTAL)); /* no counts for what is not there */
        assert_true(cell_absent(s, 0, 1, 0, SRVH_RA_LEVEL));
        assert_int_equal(array_int_by_name(s, "/dev/md/data", SRVH_RA_STATE), MD_STATE_MISSING);
        assert_non_null(strstr(s->message, "md0 missing: mdadm.conf line 1 expects it"));
        assert_non_null(strstr(s->message, "/dev/md/data missing: mdadm.conf line 2"));
        snap_free(s);
}

static void test_collect_expected_array_found_through_its_md_link(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat", two_mirrors);
        write_file(f, "/etc/mdadm/mdadm.conf",
                   "ARRAY /dev/md/data UUID=3f1c2a7e:8b4d4c1e:9a526d0e:7b21c4f8 spares=1\n");
        char path[512];
        write_file(f, "/dev/md/.keep", ""); /* makes the directory */
        snprintf(path, sizeof(path), "%s/dev/md/data", f->root);
        assert_int_equal(symlink("../md5", path), 0);
        struct snap *s = poll_ok(f);
        assert_int_equal(s->tables[0].n, 2); /* no extra row: md5 is /dev/md/data */
        assert_int_equal(array_int(s, 6, SRVH_RA_EXPECTED), 1);
        assert_int_equal(array_int(s, 6, SRVH_RA_SPARES_WANTED), 1);
        assert_int_equal(array_int(s, 1, SRVH_RA_EXPECTED), 2); /* md0: not in mdadm.conf */
        assert_true(cell_absent(s, 0, 1, 0, SRVH_RA_SPARES_WANTED));
        /* md5 has no spare: warning, said in the message, array health unchanged */
        assert_int_equal(s->health, SRVH_HEALTH_WARNING);
        assert_int_equal(array_int(s, 6, SRVH_RA_HEALTH), SRVH_HEALTH_OK);
        assert_non_null(strstr(s->message, "md5 raid1 active; 0 of 1 spares mdadm.conf expects"));
        snap_free(s);
}

static void test_collect_configured_mdadm_conf_that_is_missing_is_unknown(void **state)
{
        struct fixture *f = *state;
        struct md_config mc = {.rebuild_step = 20, .mdadm_conf_given = true};
        snprintf(mc.mdadm_conf, sizeof(mc.mdadm_conf), "/etc/mdadm.conf");
        f->ctx.config = &mc;
        write_file(f, "/proc/mdstat", two_mirrors);
        struct snap *s = poll_ok(f);
        assert_int_equal(s->health, SRVH_HEALTH_UNKNOWN);
        assert_non_null(strstr(s->message, "cannot read /etc/mdadm.conf"));
        snap_free(s);
        /* mdadmConf none: nothing expected, nothing read */
        mc.mdadm_conf[0] = '\0';
        s = poll_ok(f);
        assert_int_equal(s->health, SRVH_HEALTH_OK);
        snap_free(s);
        f->ctx.config = NULL;
}

static void test_collect_default_mdadm_conf_absent_expects_nothing(void **state)
{
        struct fixture *f = *state;
        write_file(f, "/proc/mdstat", two_mirrors);
        struct snap *s = poll_ok(f);
        assert_int_equal(s->health, SRVH_HEALTH_OK);
        assert_int_equal(array_int(s, 1, SRVH_RA_EXPECTED), 2);
        snap_free(s);
}

/* ---- golden walk ------------------------------------------------------------------------ */

static void test_demo_walk_matches_the_golden_file(void **state)
{
        (void)state;
        struct module_ctx ctx = {
            .sysroot = SRVH_SOURCE_DIR "/examples/demo/sysroot", .cancel_fd = -1, .wait_fd = -1};
        assert_int_equal(md_module.init(&ctx), 0);
        struct snap *s = snap_new();
        s->polled_at = POLL_TIME;
        assert_int_equal(md_module.poll(&ctx, s), 0);

        struct mib_table tables[2];
        const struct mib_table *tp[2];
        for (size_t t = 0; t < 2; t++) {
                tables[t] = md_module.tables[t];
                tables[t].rows = &s->tables[t];
                tp[t] = &tables[t];
        }
        struct mib_tree tree = {tp, 2};

        golden_walk_check(&tree, SRVH_FIXTURES "/golden/demo-walk.txt",
                          "GETNEXT walk of examples/demo/sysroot below srvhObjects, polled at "
                          "2025-11-26 00:00:00 UTC",
                          101);
        snap_free(s);
        md_module.teardown(&ctx);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_collect_without_sysfs_serves_mdstat_alone, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_collect_rows_are_sorted_by_index_not_file_order,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_collect_keeps_indexes_when_arrays_come_and_go,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_collect_gives_other_names_a_stable_private_index,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(
                test_collect_gives_up_between_arrays_once_the_daemon_stops, setup, teardown),
            cmocka_unit_test_setup_teardown(test_collect_without_mdstat_reports_no_arrays_and_ok,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(
                test_collect_malformed_mdstat_fails_the_poll_with_a_reason, setup, teardown),
            cmocka_unit_test_setup_teardown(
                test_collect_unreadable_sysfs_attribute_is_noted_and_mdstat_used, setup, teardown),
            cmocka_unit_test_setup_teardown(test_collect_idle_array_has_no_sync_cells, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_collect_mdstat_only_has_no_sysfs_cells, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_collect_running_rebuild_has_sync_cells, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_collect_reads_member_slots_from_rd_links, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(
                test_collect_unplaced_mdstat_text_makes_array_unknown_with_reason, setup, teardown),
            cmocka_unit_test_setup_teardown(test_collect_no_md_at_all_but_two_expected_is_critical,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_collect_expected_array_found_through_its_md_link,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(
                test_collect_configured_mdadm_conf_that_is_missing_is_unknown, setup, teardown),
            cmocka_unit_test_setup_teardown(test_collect_default_mdadm_conf_absent_expects_nothing,
                                            setup, teardown),
            cmocka_unit_test(test_demo_walk_matches_the_golden_file),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
