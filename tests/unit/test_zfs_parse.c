/* The ZFS parsers (src/zfs/zpool_list.c, zpool_status.c, zfs_kstat.c) on the fixtures in
 * tests/fixtures/zfs/: every release generation and odd case the format notes list, and the
 * inputs that must be refused so the collector keeps its last good values. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "zfs/zfs_parse.h"

static struct zpool_list list_of(const char *rel)
{
        size_t len;
        char *buf = fixture_read(rel, &len);
        struct zpool_list l = {0};
        assert_int_equal(zfs_parse_zpool_list(buf, len, &l), 0);
        free(buf);
        return l;
}

static struct zpool_status status_of(const char *rel)
{
        size_t len;
        char *buf = fixture_read(rel, &len);
        struct zpool_status s = {0};
        assert_int_equal(zfs_parse_zpool_status(buf, len, &s), 0);
        free(buf);
        return s;
}

static const struct zpool_vdev *vdev(const struct zpool_status_pool *p, const char *name)
{
        for (size_t i = 0; i < p->n_vdevs; i++)
                if (strcmp(p->vdevs[i].name, name) == 0)
                        return &p->vdevs[i];
        fail_msg("no vdev %s in %s", name, p->name);
        return NULL;
}

/* ---- zpool list ------------------------------------------------------------------------------ */

static void test_list_modern_values_and_dash_columns(void **state)
{
        (void)state;
        struct zpool_list l = list_of("zfs/list/modern.txt");
        assert_int_equal(l.n, 3);
        assert_string_equal(l.v[0].name, "tank");
        assert_true(l.v[0].size == 3985729650688ull && l.v[0].alloc == 1838246227968ull);
        assert_int_equal(l.v[0].frag, 12);
        assert_int_equal(l.v[0].cap, 46);
        assert_int_equal(l.v[0].dedup, 100);
        assert_int_equal(l.v[0].health, ZFS_HEALTH_ONLINE);
        assert_int_equal(l.v[1].dedup, 183);
        assert_int_equal(l.v[1].health, ZFS_HEALTH_DEGRADED);
        assert_int_equal(l.v[2].health, ZFS_HEALTH_FAULTED);
        assert_false(l.v[2].has_size || l.v[2].has_alloc || l.v[2].has_free || l.v[2].has_frag ||
                     l.v[2].has_cap || l.v[2].has_dedup);
        zpool_list_free(&l);
}

static void test_list_old_percent_and_x_suffixes(void **state)
{
        (void)state;
        struct zpool_list l = list_of("zfs/list/old-suffixes.txt");
        assert_int_equal(l.n, 2);
        assert_int_equal(l.v[0].frag, 8);
        assert_int_equal(l.v[0].cap, 35);
        assert_int_equal(l.v[0].dedup, 183);
        assert_false(l.v[1].has_frag);
        assert_true(l.v[1].has_cap);
        assert_int_equal(l.v[1].dedup, 100);
        zpool_list_free(&l);
}

static void test_list_refuses_short_lines_and_garbage(void **state)
{
        (void)state;
        size_t len;
        char *buf = fixture_read("zfs/list/short-line.txt", &len);
        struct zpool_list l = {0};
        assert_int_equal(zfs_parse_zpool_list(buf, len, &l), -EINVAL);
        free(buf);
        const char junk[] = "The ZFS modules are not loaded.\n";
        assert_int_equal(zfs_parse_zpool_list(junk, sizeof(junk) - 1, &l), -EINVAL);
        const char bad[] = "tank\t1\t2\t3\t4\t5\t1.x\tONLINE\n";
        assert_int_equal(zfs_parse_zpool_list(bad, sizeof(bad) - 1, &l), -EINVAL);
        const char nul[] = "tank\t1\t2\t3\t4\t5\t1.00\tONL\0NE\n";
        assert_int_equal(zfs_parse_zpool_list(nul, sizeof(nul) - 1, &l), -EINVAL);
        assert_null(l.v);
}

static void test_list_empty_and_no_pools_are_zero_pools(void **state)
{
        (void)state;
        struct zpool_list l = list_of("zfs/list/empty.txt");
        assert_int_equal(l.n, 0);
        const char none[] = "no pools available\n";
        assert_int_equal(zfs_parse_zpool_list(none, sizeof(none) - 1, &l), 0);
        assert_int_equal(l.n, 0);
        zpool_list_free(&l);
}

static void test_list_unknown_health_word_is_unknown_not_an_error(void **state)
{
        (void)state;
        const char t[] = "tank\t1\t2\t3\t4\t5\t1.00\tTRANSITIONING";
        struct zpool_list l = {0};
        assert_int_equal(zfs_parse_zpool_list(t, sizeof(t) - 1, &l), 0);
        assert_int_equal(l.n, 1);
        assert_int_equal(l.v[0].health, ZFS_HEALTH_UNKNOWN);
        zpool_list_free(&l);
}

/* ---- zpool list -j --------------------------------------------------------------------------- */

static void test_list_json_strings_and_dashes(void **state)
{
        (void)state;
        size_t len;
        char *buf = fixture_read("zfs/json/list-2.3.json", &len);
        struct zpool_list l = {0};
        assert_int_equal(zfs_parse_zpool_list_json(buf, len, &l), 0);
        free(buf);
        assert_int_equal(l.n, 2);
        assert_string_equal(l.v[0].name, "tank");
        assert_true(l.v[0].size == 3985729650688ull && l.v[0].free == 2147483422720ull);
        assert_int_equal(l.v[0].frag, 12);
        assert_int_equal(l.v[0].dedup, 183);
        assert_int_equal(l.v[0].health, ZFS_HEALTH_DEGRADED);
        assert_string_equal(l.v[1].name, "scratch");
        assert_false(l.v[1].has_size || l.v[1].has_dedup);
        assert_int_equal(l.v[1].health, ZFS_HEALTH_UNAVAIL); /* from "state": no health given */
        zpool_list_free(&l);
}

static void test_list_json_int_and_no_pools(void **state)
{
        (void)state;
        size_t len;
        char *buf = fixture_read("zfs/json/list-int.json", &len);
        struct zpool_list l = {0};
        assert_int_equal(zfs_parse_zpool_list_json(buf, len, &l), 0);
        free(buf);
        assert_int_equal(l.n, 1);
        assert_true(l.v[0].size == 3985729650688ull);
        assert_int_equal(l.v[0].cap, 46);
        assert_int_equal(l.v[0].health, ZFS_HEALTH_ONLINE);
        zpool_list_free(&l);
        buf = fixture_read("zfs/json/list-nopools.json", &len);
        assert_int_equal(zfs_parse_zpool_list_json(buf, len, &l), 0);
        free(buf);
        assert_int_equal(l.n, 0);
}

static void test_list_json_refuses_broken_documents(void **state)
{
        (void)state;
        struct zpool_list l = {0};
        const char *bad[] = {
            "",
            "tank\t1\t2",
            "{\"pools\": {\"tank\": {\"name\": \"tank\"}}", /* unterminated */
            "{\"pools\": {\"tank\": {\"properties\": {\"size\": {\"value\": \"big\"}}}}}",
            "{\"pools\": {}} trailing",
            "{\"a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
            "{\"pools\": {\"t\": {\"name\": \"a\\q\"}}}", /* bad escape */
        };
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                if (zfs_parse_zpool_list_json(bad[i], strlen(bad[i]), &l) != -EINVAL)
                        fail_msg("accepted: %s", bad[i]);
        }
        const char esc[] = "{\"pools\": {\"k\": {\"name\": \"t\\u0061nk\", \"x\": [1, "
                           "true, null, {\"y\": -2.5e3}]}}}";
        assert_int_equal(zfs_parse_zpool_list_json(esc, sizeof(esc) - 1, &l), 0);
        assert_string_equal(l.v[0].name, "tank");
        assert_int_equal(l.v[0].health, ZFS_HEALTH_UNKNOWN);
        zpool_list_free(&l);
}

/* ---- zpool status ---------------------------------------------------------------------------- */

static void test_status_classes_and_finished_scrub(void **state)
{
        (void)state;
        struct zpool_status s = status_of("zfs/status/healthy-classes.txt");
        assert_int_equal(s.n, 1);
        const struct zpool_status_pool *p = &s.v[0];
        assert_string_equal(p->name, "tank");
        assert_int_equal(p->health, ZFS_HEALTH_ONLINE);
        assert_int_equal(p->scan.func, ZFS_SCAN_FUNC_SCRUB);
        assert_int_equal(p->scan.state, ZFS_SCAN_FINISHED);
        assert_true(p->scan.has_errors);
        assert_int_equal(p->scan.errors, 0);
        assert_true(p->scan.when.valid);
        assert_int_equal(p->scan.when.year, 2026);
        assert_int_equal(p->scan.when.mon, 10);
        assert_int_equal(p->scan.when.mday, 22);
        assert_int_equal(p->scan.when.hour, 3);
        assert_int_equal(p->scan.when.sec, 21);
        assert_int_equal(p->n_vdevs, 13);
        assert_int_equal(vdev(p, "mirror-0")->cls, ZFS_CLASS_NORMAL);
        assert_false(vdev(p, "mirror-0")->leaf);
        assert_string_equal(vdev(p, "ata-WDC_WD40EFRX_WD-2")->parent, "mirror-0");
        assert_int_equal(vdev(p, "ata-WDC_WD40EFRX_WD-2")->depth, 2);
        assert_true(vdev(p, "ata-WDC_WD40EFRX_WD-2")->leaf);
        assert_int_equal(vdev(p, "mirror-2")->cls, ZFS_CLASS_SPECIAL);
        assert_int_equal(vdev(p, "nvme1n1p2")->cls, ZFS_CLASS_SPECIAL);
        assert_int_equal(vdev(p, "nvme2n1")->cls, ZFS_CLASS_DEDUP);
        assert_int_equal(vdev(p, "nvme0n1p1")->cls, ZFS_CLASS_LOG);
        assert_int_equal(vdev(p, "nvme1n1p3")->cls, ZFS_CLASS_CACHE);
        const struct zpool_vdev *sp = vdev(p, "ata-WDC_WD40EFRX_WD-5");
        assert_int_equal(sp->cls, ZFS_CLASS_SPARE);
        assert_int_equal(sp->state, ZFS_VDEV_AVAIL);
        assert_false(sp->has_counters);
        assert_int_equal(p->data_errors, 0);
        zpool_status_free(&s);
}

static void test_status_resilver_2_2_layout_guid_device_and_errors(void **state)
{
        (void)state;
        struct zpool_status s = status_of("zfs/status/degraded-resilver-2.2.txt");
        assert_int_equal(s.n, 2);
        const struct zpool_status_pool *p = &s.v[0];
        assert_int_equal(p->health, ZFS_HEALTH_DEGRADED);
        assert_int_equal(p->scan.func, ZFS_SCAN_FUNC_RESILVER);
        assert_int_equal(p->scan.state, ZFS_SCAN_RUNNING);
        assert_true(p->scan.has_progress);
        assert_int_equal(p->scan.progress, 2771);
        assert_true(p->scan.has_eta);
        assert_int_equal(p->scan.eta_s, 5 * 3600 + 25 * 60 + 43);
        const struct zpool_vdev *g = vdev(p, "16876260487220383698");
        assert_int_equal(g->state, ZFS_VDEV_UNAVAIL);
        assert_string_equal(g->parent, "replacing-2");
        assert_int_equal(g->depth, 3);
        assert_string_equal(g->note, "was /dev/sdc1");
        assert_string_equal(g->guid, "16876260487220383698"); /* named by its GUID: it is one */
        assert_string_equal(vdev(p, "sdg")->guid, "");
        assert_string_equal(vdev(p, "sdg")->note, "(resilvering)");
        assert_int_equal(vdev(p, "sdb")->cksum, 3);
        assert_int_equal(vdev(p, "sdd")->read, 12);
        assert_string_equal(vdev(p, "sdd")->parent, "raidz2-0");
        const struct zpool_vdev *sp = vdev(p, "sde");
        assert_int_equal(sp->state, ZFS_VDEV_INUSE);
        assert_string_equal(sp->note, "currently in use");
        assert_int_equal(s.v[1].scan.state, ZFS_SCAN_CANCELED);
        assert_string_equal(s.v[1].name, "tank");
        zpool_status_free(&s);
}

static void test_status_progress_0_7_layout(void **state)
{
        (void)state;
        struct zpool_status s = status_of("zfs/status/scrub-progress-0.7.txt");
        const struct zfs_scan *sc = &s.v[0].scan;
        assert_int_equal(sc->state, ZFS_SCAN_RUNNING);
        assert_int_equal(sc->progress, 3398);
        assert_int_equal(sc->eta_s, 3 * 3600 + 41 * 60);
        assert_int_equal(sc->when.mday, 1);
        assert_int_equal(sc->when.mon, 5);
        zpool_status_free(&s);
}

static void test_status_progress_2_1_layout_with_days(void **state)
{
        (void)state;
        struct zpool_status s = status_of("zfs/status/scrub-progress-2.1.txt");
        const struct zfs_scan *sc = &s.v[0].scan;
        assert_int_equal(sc->progress, 2818);
        assert_int_equal(sc->eta_s, 86400 + 3600 + 23 * 60 + 45);
        zpool_status_free(&s);
}

static void test_status_errors_line_variants(void **state)
{
        (void)state;
        struct zpool_status s = status_of("zfs/status/faulted-errors.txt");
        assert_int_equal(s.n, 2);
        assert_int_equal(s.v[0].health, ZFS_HEALTH_UNAVAIL);
        assert_int_equal(s.v[0].data_errors, 3);
        assert_int_equal(s.v[0].scan.state, ZFS_SCAN_NONE);
        assert_int_equal(s.v[0].n_vdevs, 1);
        assert_string_equal(s.v[0].vdevs[0].note, "was /dev/sdh");
        assert_int_equal(s.v[1].data_errors, 2); /* two files listed */
        assert_int_equal(s.v[1].scan.errors, 2);
        assert_int_equal(s.v[1].scan.state, ZFS_SCAN_FINISHED);
        assert_int_equal(s.v[1].vdevs[0].cksum, 4);
        zpool_status_free(&s);
}

static void test_status_truncated_and_garbage_are_refused(void **state)
{
        (void)state;
        size_t len;
        char *buf = fixture_read("zfs/status/truncated.txt", &len);
        struct zpool_status s = {0};
        assert_int_equal(zfs_parse_zpool_status(buf, len, &s), -EBADMSG);
        free(buf);
        const char junk[] = "Segmentation fault\n";
        assert_int_equal(zfs_parse_zpool_status(junk, sizeof(junk) - 1, &s), -EINVAL);
        const char none[] = "no pools available\n";
        assert_int_equal(zfs_parse_zpool_status(none, sizeof(none) - 1, &s), 0);
        assert_int_equal(s.n, 0);
}

static void test_status_dedup_table_both_layouts(void **state)
{
        (void)state;
        struct zpool_status s = status_of("zfs/status/dedup-ddt.txt");
        assert_int_equal(s.n, 2);
        assert_true(s.v[0].has_ddt);
        assert_int_equal(s.v[0].ddt_entries, 5371);
        assert_int_equal(s.v[0].ddt_disk_per_entry, 1730); /* 1.69K, truncated */
        assert_int_equal(s.v[0].ddt_core_per_entry, 216);
        assert_int_equal(s.v[0].n_vdevs, 4);
        assert_true(s.v[1].has_ddt);
        assert_int_equal(s.v[1].ddt_entries, 0);
        zpool_status_free(&s);
        s = status_of("zfs/status/dedup-ddt-literal-old.txt");
        assert_int_equal(s.n, 1);
        assert_int_equal(s.v[0].ddt_entries, 5371);
        assert_int_equal(s.v[0].ddt_disk_per_entry, 1730);
        assert_int_equal(s.v[0].ddt_core_per_entry, 216);
        assert_int_equal(s.v[0].scan.state, ZFS_SCAN_NONE);
        zpool_status_free(&s);
        const char bad[] = "  pool: t\n state: ONLINE\nconfig:\n\n\tNAME STATE READ WRITE CKSUM\n"
                           "\tt ONLINE 0 0 0\n\n dedup: DDT entries many\n\nerrors: No known data "
                           "errors\n";
        assert_int_equal(zfs_parse_zpool_status(bad, sizeof(bad) - 1, &s), -EINVAL);
}

/* The histogram after the dedup line: one row per bucket, zfs_nicenum values 1024-based, the
 * header rules and the Total row not kept, a row of the wrong width refused. */
static void test_status_ddt_histogram_rows(void **state)
{
        (void)state;
        struct zpool_status s = status_of("zfs/status/dedup-ddt.txt");
        assert_int_equal(s.v[0].n_ddt_hist, 2);
        const struct zfs_ddt_bucket *b = &s.v[0].ddt_hist[0];
        assert_int_equal(b->refcnt, 1);
        assert_int_equal(b->alloc_blocks, 419 * 1024 / 100); /* 4.19K */
        assert_int_equal(b->alloc_lsize, 524ull << 20);
        assert_int_equal(b->alloc_psize, 498ull << 20);
        assert_int_equal(b->alloc_dsize, 499ull << 20);
        b = &s.v[0].ddt_hist[1];
        assert_int_equal(b->refcnt, 2);
        assert_int_equal(b->ref_blocks, 221 * 1024 / 100); /* 2.21K */
        assert_int_equal(b->ref_dsize, 270ull << 20);
        assert_int_equal(s.v[1].n_ddt_hist, 0); /* "no DDT entries" */
        zpool_status_free(&s);
        s = status_of("zfs/status/dedup-ddt-literal-old.txt");
        assert_int_equal(s.v[0].n_ddt_hist, 1);
        zpool_status_free(&s);
        const char bad[] =
            "  pool: t\n state: ONLINE\nconfig:\n\n\tNAME STATE READ WRITE CKSUM\n"
            "\tt ONLINE 0 0 0\n\nerrors: No known data errors\n\n dedup: DDT entries "
            "2, size 1K on disk, 2K in core\n\n     1    2    1M    1M\n";
        assert_int_equal(zfs_parse_zpool_status(bad, sizeof(bad) - 1, &s), -EINVAL);
        /* older releases print the dedup section after the errors line, as here */
        const char after[] =
            "  pool: t\n state: ONLINE\nconfig:\n\n\tNAME STATE READ WRITE CKSUM\n"
            "\tt ONLINE 0 0 0\n\nerrors: No known data errors\n\n dedup: DDT entries 2, size "
            "390 on disk, 302 in core\n\nbucket allocated referenced\n______ ______ ______\n"
            "refcnt blocks LSIZE PSIZE DSIZE blocks LSIZE PSIZE DSIZE\n------ ------ -----\n"
            "     1        2    256K    256K    256K        2    256K    256K    256K\n"
            " Total        2    256K    256K    256K        2    256K    256K    256K\n\n"
            "  pool: u\n state: ONLINE\nconfig:\n\n\tNAME STATE READ WRITE CKSUM\n"
            "\tu ONLINE 0 0 0\n\nerrors: No known data errors\n";
        assert_int_equal(zfs_parse_zpool_status(after, sizeof(after) - 1, &s), 0);
        assert_int_equal(s.n, 2);
        assert_int_equal(s.v[0].ddt_entries, 2);
        assert_int_equal(s.v[0].n_ddt_hist, 1);
        assert_int_equal(s.v[0].ddt_hist[0].alloc_lsize, 256 * 1024);
        assert_false(s.v[1].has_ddt);
        zpool_status_free(&s);
}

static struct zpool_status status_json_of(const char *rel)
{
        size_t len;
        char *buf = fixture_read(rel, &len);
        struct zpool_status s = {0};
        assert_int_equal(zfs_parse_zpool_status_json(buf, len, &s), 0);
        free(buf);
        return s;
}

/* 2.3's JSON: the root vdev's counters are the pool's, the tree below it, the class sections,
 * the finished scrub with its ctime, and the -D section with its histogram. */
static void test_status_json_tree_classes_scan_and_ddt(void **state)
{
        (void)state;
        struct zpool_status s = status_json_of("zfs/json/status-2.3.json");
        assert_int_equal(s.n, 1);
        const struct zpool_status_pool *p = &s.v[0];
        assert_string_equal(p->name, "tank");
        assert_int_equal(p->health, ZFS_HEALTH_DEGRADED);
        assert_int_equal(p->n_vdevs, 5);
        const struct zpool_vdev *v = vdev(p, "sdb");
        assert_int_equal(v->state, ZFS_VDEV_FAULTED);
        assert_int_equal(v->cksum, 27);
        assert_true(v->has_counters && v->leaf);
        assert_string_equal(v->parent, "mirror-0");
        assert_int_equal(v->depth, 2);
        assert_string_equal(v->guid, "16876260487220383698"); /* above 2^63 */
        assert_string_equal(v->path, "/dev/sdb1");
        assert_string_equal(v->type, "disk");
        assert_false(vdev(p, "mirror-0")->leaf);
        assert_string_equal(vdev(p, "mirror-0")->type, "mirror");
        assert_string_equal(vdev(p, "mirror-0")->path, "");
        assert_int_equal(vdev(p, "nvme0n1")->cls, ZFS_CLASS_LOG);
        v = vdev(p, "sdc");
        assert_int_equal(v->cls, ZFS_CLASS_SPARE);
        assert_int_equal(v->state, ZFS_VDEV_AVAIL);
        assert_false(v->has_counters);
        assert_int_equal(p->scan.func, ZFS_SCAN_FUNC_SCRUB);
        assert_int_equal(p->scan.state, ZFS_SCAN_FINISHED);
        assert_true(p->scan.when.valid);
        assert_int_equal(p->scan.when.hour, 3);
        assert_true(p->scan.has_errors);
        assert_int_equal(p->scan.errors, 0);
        assert_true(p->has_ddt);
        assert_int_equal(p->ddt_entries, 5371);
        assert_int_equal(p->ddt_disk_per_entry, 1730);
        assert_int_equal(p->ddt_core_per_entry, 216);
        assert_int_equal(p->n_ddt_hist, 2);
        assert_int_equal(p->ddt_hist[1].refcnt, 2);
        assert_int_equal(p->ddt_hist[1].ref_blocks, 2263);
        zpool_status_free(&s);
}

/* --json-int: numbers unquoted, times in seconds; a running scrub's progress from issued over
 * what is left to examine; the l2cache section; data errors from error_count. */
static void test_status_json_int_running_scrub(void **state)
{
        (void)state;
        struct zpool_status s = status_json_of("zfs/json/status-2.3-int.json");
        const struct zpool_status_pool *p = &s.v[0];
        assert_int_equal(p->scan.state, ZFS_SCAN_RUNNING);
        assert_true(p->scan.has_progress);
        assert_int_equal(p->scan.progress, 2500); /* 400G of 2000G - 400G skipped */
        assert_int_equal(p->scan.when.unix_time, 1796169600);
        assert_int_equal(p->write, 2);
        assert_int_equal(p->data_errors, 3);
        assert_int_equal(vdev(p, "nvme1n1")->cls, ZFS_CLASS_CACHE);
        assert_int_equal(vdev(p, "sdd")->write, 2);
        assert_true(p->has_ddt);
        assert_int_equal(p->ddt_entries, 0);
        zpool_status_free(&s);
        /* paused: scrub_pause holds when */
        const char paused[] = "{\"pools\": {\"t\": {\"state\": \"ONLINE\", \"scan_stats\": "
                              "{\"function\": \"SCRUB\", \"state\": \"SCANNING\", "
                              "\"scrub_pause\": \"Tue Dec  1 02:30:00 2026\"}}}}";
        assert_int_equal(zfs_parse_zpool_status_json(paused, sizeof(paused) - 1, &s), 0);
        assert_int_equal(s.v[0].scan.state, ZFS_SCAN_PAUSED);
        assert_string_equal(s.v[0].name, "t"); /* from the key when "name" is absent */
        zpool_status_free(&s);
        /* a vdev beside the root rather than below it is a top-level vdev, not the pool */
        const char beside[] = "{\"pools\": {\"t\": {\"state\": \"ONLINE\", \"vdevs\": {\"t\": "
                              "{\"vdev_type\": \"root\", \"read_errors\": \"1\"}, \"sdz\": "
                              "{\"vdev_type\": \"disk\", \"state\": \"ONLINE\", \"read_errors\": "
                              "\"0\", \"write_errors\": \"0\", \"checksum_errors\": \"9\"}}}}}";
        assert_int_equal(zfs_parse_zpool_status_json(beside, sizeof(beside) - 1, &s), 0);
        assert_int_equal(s.v[0].read, 1);
        assert_int_equal(s.v[0].n_vdevs, 1);
        assert_int_equal(s.v[0].vdevs[0].cksum, 9);
        assert_int_equal(s.v[0].vdevs[0].depth, 1);
        zpool_status_free(&s);
}

static void test_status_json_refuses_broken_documents(void **state)
{
        (void)state;
        struct zpool_status s = {0};
        static const char *const bad[] = {
            "",
            "[]",
            "{\"pools\": {\"tank\": {\"name\": \"tank\", \"state\": \"ONLINE\"",
            "{\"pools\": {\"tank\": {\"name\": \"tank\", \"state\": \"ONLINE\", \"vdevs\": 3}}}",
            "{\"pools\": {\"tank\": {\"name\": \"tank\", \"state\": \"ONLINE\", \"error_count\": "
            "\"many\"}}}",
            "{\"pools\": {}} trailing",
        };
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                if (zfs_parse_zpool_status_json(bad[i], strlen(bad[i]), &s) != -EINVAL)
                        fail_msg("accepted: %s", bad[i]);
        }
        const char nostate[] = "{\"pools\": {\"tank\": {\"name\": \"tank\"}}}";
        assert_int_equal(zfs_parse_zpool_status_json(nostate, sizeof(nostate) - 1, &s), -EBADMSG);
        const char none[] = "{\"output_version\": {\"command\": \"zpool status\"}}";
        assert_int_equal(zfs_parse_zpool_status_json(none, sizeof(none) - 1, &s), 0);
        assert_int_equal(s.n, 0);
        /* nesting past the limit */
        char deep[200];
        size_t k = 0;
        for (int i = 0; i < 40; i++)
                k += (size_t)snprintf(deep + k, sizeof(deep) - k, "{\"a\":");
        assert_int_equal(zfs_parse_zpool_status_json(deep, k, &s), -EINVAL);
}

static void test_zfs_get_json_datasets(void **state)
{
        (void)state;
        size_t len;
        char *buf = fixture_read("zfs/json/get-2.3.json", &len);
        struct zfs_datasets d = {0};
        assert_int_equal(zfs_parse_zfs_get_json(buf, len, &d), 0);
        free(buf);
        assert_int_equal(d.n, 3);
        assert_string_equal(d.v[2].name, "tank/vm/disk0");
        assert_string_equal(d.v[2].dedup, "sha256,verify");
        assert_int_equal(d.v[2].compressratio, 180);
        assert_string_equal(d.v[0].dedup, "off");
        zfs_datasets_free(&d);
        const char bad[] = "{\"datasets\": {\"t\": {\"properties\": {\"compressratio\": "
                           "{\"value\": \"fast\"}}}}}";
        assert_int_equal(zfs_parse_zfs_get_json(bad, sizeof(bad) - 1, &d), -EINVAL);
}

static void test_scan_line_variants(void **state)
{
        (void)state;
        struct zfs_scan sc;
        const char *l1 = "resilvered 1.25T in 0 days 04:11:12 with 0 errors on Tue Nov 24 "
                         "01:02:03 2026";
        assert_int_equal(zfs_parse_scan(l1, strlen(l1), NULL, 0, &sc), 0);
        assert_int_equal(sc.func, ZFS_SCAN_FUNC_RESILVER);
        assert_int_equal(sc.state, ZFS_SCAN_FINISHED);
        const char *l2 = "scrub paused since Mon Nov 30 10:00:00 2026";
        assert_int_equal(zfs_parse_scan(l2, strlen(l2), NULL, 0, &sc), 0);
        assert_int_equal(sc.state, ZFS_SCAN_PAUSED);
        const char *l3 = "resilver (draid1:2d:4c:1s-0) in progress since Mon Nov 30 10:00:00 2026";
        assert_int_equal(zfs_parse_scan(l3, strlen(l3), NULL, 0, &sc), 0);
        assert_int_equal(sc.func, ZFS_SCAN_FUNC_RESILVER);
        assert_int_equal(sc.state, ZFS_SCAN_RUNNING);
        const char *l4 = "error scrub canceled on Mon Nov 30 10:00:00 2026";
        assert_int_equal(zfs_parse_scan(l4, strlen(l4), NULL, 0, &sc), 0);
        assert_int_equal(sc.func, ZFS_SCAN_FUNC_ERROR_SCRUB);
        assert_int_equal(sc.state, ZFS_SCAN_CANCELED);
        const char *l5 = "scrub repaired 0B in 12h4m with 7 errors on Mon Nov 30 10:00:00 2026";
        assert_int_equal(zfs_parse_scan(l5, strlen(l5), NULL, 0, &sc), 0);
        assert_int_equal(sc.errors, 7);
        const char *l6 = "removal of vdev 3 copied 1G";
        assert_int_equal(zfs_parse_scan(l6, strlen(l6), NULL, 0, &sc), 0);
        assert_int_equal(sc.state, ZFS_SCAN_UNKNOWN);
        const char *l7 = "scrub in progress since Mon Nov 30 10:00:00 2026";
        const char *p7 = "\t1T scanned at 1G/s, 1T issued at 1G/s, 2T total\n"
                         "\t0B repaired, 96,19% done, no estimated completion time\n";
        assert_int_equal(zfs_parse_scan(l7, strlen(l7), p7, strlen(p7), &sc), 0);
        assert_int_equal(sc.progress, 9619);
        assert_false(sc.has_eta);
}

static void test_duration_forms(void **state)
{
        (void)state;
        uint32_t s;
        assert_int_equal(zfs_parse_duration("01:01:21", 8, &s), 0);
        assert_int_equal(s, 3681);
        assert_int_equal(zfs_parse_duration("55h33m", 6, &s), 0);
        assert_int_equal(s, 55 * 3600 + 33 * 60);
        assert_int_equal(zfs_parse_duration("3 days 00:00:01", 15, &s), 0);
        assert_int_equal(s, 3 * 86400 + 1);
        assert_int_equal(zfs_parse_duration("soon", 4, &s), -EINVAL);
        assert_int_equal(zfs_parse_duration("1:2:3", 5, &s), -EINVAL);
}

/* ---- zfs get ------------------------------------------------------------------------------- */

static void test_zfs_get_joins_properties_per_dataset(void **state)
{
        (void)state;
        size_t len;
        char *buf = fixture_read("zfs/get/modern.txt", &len);
        struct zfs_datasets d = {0};
        assert_int_equal(zfs_parse_zfs_get(buf, len, &d), 0);
        free(buf);
        assert_int_equal(d.n, 4);
        assert_string_equal(d.v[0].name, "tank");
        assert_string_equal(d.v[0].dedup, "off");
        assert_string_equal(d.v[2].name, "tank/vm/disk0");
        assert_string_equal(d.v[2].dedup, "sha256,verify");
        assert_int_equal(d.v[2].compressratio, 152);
        zfs_datasets_free(&d);
        buf = fixture_read("zfs/get/old-suffix.txt", &len);
        assert_int_equal(zfs_parse_zfs_get(buf, len, &d), 0);
        free(buf);
        assert_int_equal(d.n, 2);
        assert_int_equal(d.v[1].compressratio, 183);
        assert_string_equal(d.v[1].dedup, "verify");
        zfs_datasets_free(&d);
        const char bad[] = "tank\tdedup\ton\n";
        assert_int_equal(zfs_parse_zfs_get(bad, sizeof(bad) - 1, &d), -EINVAL);
        const char ratio[] = "tank\tcompressratio\thigh\t-\n";
        assert_int_equal(zfs_parse_zfs_get(ratio, sizeof(ratio) - 1, &d), -EINVAL);
        assert_null(d.v);
}

/* ---- kstats ---------------------------------------------------------------------------------- */

static void test_arcstats_2_1_figures_and_signed_type(void **state)
{
        (void)state;
        size_t len;
        char *buf = fixture_read("zfs/kstat/arcstats-2.1.txt", &len);
        struct zfs_kstat k = {0};
        assert_int_equal(zfs_parse_kstat(buf, len, &k), 0);
        const struct zfs_kstat_stat *m = zfs_kstat_find(&k, "memory_available_bytes");
        assert_non_null(m);
        assert_true(m->negative);
        assert_true(m->i == -922337203685477580ll);
        assert_true(zfs_kstat_find(&k, "evict_l2_cached")->u == 145310202998272ull);
        struct zfs_arc a;
        assert_int_equal(zfs_arc_from_kstat(&k, &a), 0);
        assert_true(a.size == 8312285392ull && a.target == 8340376576ull);
        assert_true(a.max == 16875255808ull && a.hits == 118343029 && a.misses == 3104732);
        assert_true(a.has_l2_size && a.l2_size == 64424509440ull);
        zfs_kstat_free(&k);
        free(buf);
}

static void test_arcstats_0_6_without_final_newline_or_l2(void **state)
{
        (void)state;
        size_t len;
        char *buf = fixture_read("zfs/kstat/arcstats-0.6-nonl.txt", &len);
        struct zfs_kstat k = {0};
        assert_int_equal(zfs_parse_kstat(buf, len, &k), 0);
        struct zfs_arc a;
        assert_int_equal(zfs_arc_from_kstat(&k, &a), 0);
        assert_true(a.size == 1000000000ull); /* the last line, unterminated */
        assert_false(a.has_l2_size || a.has_l2_hits);
        zfs_kstat_free(&k);
        free(buf);
}

static void test_kstat_string_keeps_double_spaces_and_dashed_names(void **state)
{
        (void)state;
        size_t len;
        char *buf = fixture_read("zfs/kstat/objset-string.txt", &len);
        struct zfs_kstat k = {0};
        assert_int_equal(zfs_parse_kstat(buf, len, &k), 0);
        const struct zfs_kstat_stat *d = zfs_kstat_find(&k, "dataset_name");
        assert_non_null(d);
        assert_int_equal(d->str_len, strlen("pool3/dataset with  space"));
        assert_memory_equal(buf + d->str_off, "pool3/dataset with  space", d->str_len);
        assert_non_null(zfs_kstat_find(&k, "erpt-dropped"));
        struct zfs_arc a;
        assert_int_equal(zfs_arc_from_kstat(&k, &a), -EINVAL);
        zfs_kstat_free(&k);
        free(buf);
}

static void test_pool_state_kstat_words(void **state)
{
        (void)state;
        char w[32];
        enum zfs_pool_health h;
        assert_int_equal(zfs_parse_pool_state("SUSPENDED\n", 10, w, sizeof(w), &h), 0);
        assert_string_equal(w, "SUSPENDED");
        assert_int_equal(h, ZFS_HEALTH_SUSPENDED);
        assert_int_equal(zfs_parse_pool_state("TRANSITIONING", 13, w, sizeof(w), &h), 0);
        assert_int_equal(h, ZFS_HEALTH_UNKNOWN);
        assert_int_equal(zfs_parse_pool_state("online\n", 7, w, sizeof(w), &h), -EINVAL);
        assert_int_equal(zfs_parse_pool_state("ONLINE\nX\n", 9, w, sizeof(w), &h), -EINVAL);
        assert_int_equal(zfs_parse_pool_state("", 0, w, sizeof(w), &h), -EINVAL);
}

static void test_kstat_refuses_bad_type_and_header(void **state)
{
        (void)state;
        struct zfs_kstat k = {0};
        const char t1[] = "1 1 0x01 1 1 1 1\nname type data\nhits 9 3\n";
        assert_int_equal(zfs_parse_kstat(t1, sizeof(t1) - 1, &k), -EINVAL);
        const char t2[] = "name type data\nhits 4 3\n";
        assert_int_equal(zfs_parse_kstat(t2, sizeof(t2) - 1, &k), -EINVAL);
        const char t3[] = "1 1 0x01 1 1 1 1\nname type data\nhits 4 -3\n";
        assert_int_equal(zfs_parse_kstat(t3, sizeof(t3) - 1, &k), -EINVAL);
        const char t4[] = "1 1 0x01 1 1 1 1\nname type data\nx 2 4294967296\n";
        assert_int_equal(zfs_parse_kstat(t4, sizeof(t4) - 1, &k), -EINVAL);
        assert_null(k.v);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_list_modern_values_and_dash_columns),
            cmocka_unit_test(test_list_old_percent_and_x_suffixes),
            cmocka_unit_test(test_list_refuses_short_lines_and_garbage),
            cmocka_unit_test(test_list_empty_and_no_pools_are_zero_pools),
            cmocka_unit_test(test_list_unknown_health_word_is_unknown_not_an_error),
            cmocka_unit_test(test_list_json_strings_and_dashes),
            cmocka_unit_test(test_list_json_int_and_no_pools),
            cmocka_unit_test(test_list_json_refuses_broken_documents),
            cmocka_unit_test(test_status_classes_and_finished_scrub),
            cmocka_unit_test(test_status_resilver_2_2_layout_guid_device_and_errors),
            cmocka_unit_test(test_status_progress_0_7_layout),
            cmocka_unit_test(test_status_progress_2_1_layout_with_days),
            cmocka_unit_test(test_status_errors_line_variants),
            cmocka_unit_test(test_status_truncated_and_garbage_are_refused),
            cmocka_unit_test(test_status_dedup_table_both_layouts),
            cmocka_unit_test(test_status_ddt_histogram_rows),
            cmocka_unit_test(test_status_json_tree_classes_scan_and_ddt),
            cmocka_unit_test(test_status_json_int_running_scrub),
            cmocka_unit_test(test_status_json_refuses_broken_documents),
            cmocka_unit_test(test_zfs_get_json_datasets),
            cmocka_unit_test(test_scan_line_variants),
            cmocka_unit_test(test_duration_forms),
            cmocka_unit_test(test_zfs_get_joins_properties_per_dataset),
            cmocka_unit_test(test_arcstats_2_1_figures_and_signed_type),
            cmocka_unit_test(test_arcstats_0_6_without_final_newline_or_l2),
            cmocka_unit_test(test_kstat_string_keeps_double_spaces_and_dashed_names),
            cmocka_unit_test(test_pool_state_kstat_words),
            cmocka_unit_test(test_kstat_refuses_bad_type_and_header),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
