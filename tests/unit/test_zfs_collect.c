/* The ZFS collector (src/zfs/zfs_collect.c) and its notifications (zfs_diff.c), driven through
 * the real runner against tests/tools/zpool_replay.sh, which replays zpool output written from
 * the documented formats (tests/fixtures/zfs/), with a kstat tree as the sysroot. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "golden_walk.h"

#include "core/module.h"
#include "srvhealth/oids.h"
#include "zfs/zfs_config.h"
#include "zfs/zfs_model.h"

extern const struct module_ops zfs_module;

#define LIST_CMD "list -Hp -o " ZFS_LIST_COLUMNS

struct fixture {
        char dir[256];  /* bin/zpool, bin/replay/, root/ */
        char root[300]; /* the sysroot */
        struct zfs_config *cfg;
        struct module_ctx ctx;
        int64_t clock_ms;
};

static struct fixture *current;
static int64_t fake_now(void)
{
        return current->clock_ms;
}

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
        char cmd[2048];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(cmd, sizeof(cmd), fmt, ap);
        va_end(ap);
        assert_int_equal(system(cmd), 0);
}

/* replay NAME.out from a fixture file */
static void replay_fixture(struct fixture *f, const char *name, const char *rel)
{
        sh("cp '%s/zfs/%s' '%s/bin/replay/%s.out'", SRVH_FIXTURES, rel, f->dir, name);
}

static void replay_text(struct fixture *f, const char *file, const char *text)
{
        char path[512];
        snprintf(path, sizeof(path), "%s/bin/replay/%s", f->dir, file);
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        fputs(text, fp);
        fclose(fp);
}

static void set_token(struct fixture *f, const char *token, const char *args)
{
        char err[256];
        assert_int_equal(zfs_config_ops.parse(f->cfg, token, args, err, sizeof(err)), 0);
}

static void with_kstats(struct fixture *f)
{
        sh("mkdir -p '%s/proc/spl/kstat/zfs' && cp '%s/zfs/kstat/arcstats-2.1.txt' "
           "'%s/proc/spl/kstat/zfs/arcstats'",
           f->root, SRVH_FIXTURES, f->root);
}

static int setup(void **state)
{
        struct fixture *f = calloc(1, sizeof(*f));
        snprintf(f->dir, sizeof(f->dir), "/tmp/srvh-zfs-XXXXXX");
        if (!mkdtemp(f->dir))
                return -1;
        snprintf(f->root, sizeof(f->root), "%s/root", f->dir);
        char cmd[1024];
        snprintf(cmd, sizeof(cmd),
                 "mkdir -p '%s/bin/replay' '%s' && cp '%s/tests/tools/zpool_replay.sh' "
                 "'%s/bin/zpool'",
                 f->dir, f->root, SRVH_SOURCE_DIR, f->dir);
        if (system(cmd) != 0)
                return -1;
        snprintf(cmd, sizeof(cmd), "touch '%s/bin/replay/get.out'", f->dir);
        if (system(cmd) != 0)
                return -1; /* no dataset unless a test says otherwise */
        f->cfg = zfs_config_ops.new_config();
        char path[300], err[256];
        snprintf(path, sizeof(path), "%s/bin/zpool", f->dir);
        if (zfs_config_ops.parse(f->cfg, "zpoolPath", path, err, sizeof(err)) < 0 ||
            zfs_config_ops.parse(f->cfg, "zfsPath", path, err, sizeof(err)) < 0)
                return -1;
        f->ctx = (struct module_ctx){
            .sysroot = f->root, .config = f->cfg, .cancel_fd = -1, .wait_fd = -1};
        f->clock_ms = 1000000;
        current = f;
        *state = f;
        return zfs_module.init(&f->ctx);
}

static int teardown(void **state)
{
        struct fixture *f = *state;
        zfs_module.teardown(&f->ctx);
        char cmd[300];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
        if (system(cmd) != 0)
                return -1;
        zfs_config_ops.free_config(f->cfg);
        free(f);
        return 0;
}

#define POLL_TIME 1796000000 /* 2026-11-30 05:33:20 UTC */

static struct snap *poll_snap(struct fixture *f, int64_t when, int expect)
{
        struct snap *s = snap_new();
        assert_non_null(s);
        s->polled_at = when;
        int r = zfs_module.poll(&f->ctx, s);
        if (r != expect)
                fail_msg("poll returned %d (%s), expected %d", r, s->error_text, expect);
        return s;
}

static const struct zfs_pool_row *pool(const struct snap *s, const char *name)
{
        const struct zfs_data *d = s->data;
        for (size_t i = 0; i < d->n_pools; i++)
                if (strcmp(d->pools[i].list.name, name) == 0)
                        return &d->pools[i];
        fail_msg("no pool %s", name);
        return NULL;
}

static const struct zfs_vdev_row *vdev(const struct snap *s, const char *p, const char *name)
{
        const struct zfs_data *d = s->data;
        for (size_t i = 0; i < d->n_vdevs; i++)
                if (strcmp(d->vdevs[i].pool, p) == 0 && strcmp(d->vdevs[i].v.name, name) == 0)
                        return &d->vdevs[i];
        fail_msg("no vdev %s/%s", p, name);
        return NULL;
}

static int cell(const struct snap *s, size_t table, const void *row, unsigned col,
                struct mib_value *v)
{
        (void)s;
        return zfs_module.tables[table].get(row, col, v);
}

static int64_t int_cell(const struct snap *s, size_t table, const void *row, unsigned col)
{
        struct mib_value v;
        assert_int_equal(cell(s, table, row, col, &v), 0);
        return v.type == MIB_T_INTEGER ? v.i : (int64_t)v.u;
}

static void test_pools_vdevs_and_arc_are_served(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/modern.txt");
        replay_fixture(f, "status", "status/degraded-resilver-2.2.txt");
        struct snap *s = poll_snap(f, POLL_TIME, 0);
        const struct zfs_data *d = s->data;
        char err[256];
        assert_int_equal(mib_rows_check(&s->tables[0], "pools", err, sizeof(err)), 0);
        assert_int_equal(mib_rows_check(&s->tables[1], "vdevs", err, sizeof(err)), 0);
        assert_int_equal(s->tables[0].n, 3);
        /* string index: length first, so "tank" sorts before "backup" and "scratch" */
        const struct zfs_pool_row *first = s->tables[0].v[0].data;
        assert_string_equal(first->list.name, "tank");

        const struct zfs_pool_row *b = pool(s, "backup");
        assert_int_equal(int_cell(s, 0, b, SRVH_ZP_DEDUP_RATIO), 183);
        assert_int_equal(int_cell(s, 0, b, SRVH_ZP_HEALTH), ZFS_HEALTH_DEGRADED);
        assert_int_equal(int_cell(s, 0, b, SRVH_ZP_STATUS), SRVH_HEALTH_WARNING);
        assert_int_equal(int_cell(s, 0, b, SRVH_ZP_SIZE_MIB), 7971459301376ull >> 20);
        assert_int_equal(int_cell(s, 0, b, SRVH_ZP_CKSUM_ERRORS), 3);
        assert_int_equal(int_cell(s, 0, b, SRVH_ZP_READ_ERRORS), 12);
        assert_int_equal(int_cell(s, 0, b, SRVH_ZP_SCAN_STATE), ZFS_SCAN_RUNNING);
        assert_int_equal(int_cell(s, 0, b, SRVH_ZP_SCAN_FUNCTION), ZFS_SCAN_FUNC_RESILVER);
        assert_int_equal(int_cell(s, 0, b, SRVH_ZP_SCAN_PROGRESS), 2771);
        struct mib_value v;
        assert_int_equal(cell(s, 0, b, SRVH_ZP_SCAN_COMPLETED, &v), -ENOENT);
        assert_int_equal(cell(s, 0, b, SRVH_ZP_DDT_ENTRIES, &v), -ENOENT); /* no dedup line */

        /* FAULTED pool: "-" columns have no cell, and zpool status did not describe it */
        const struct zfs_pool_row *sc = pool(s, "scratch");
        assert_int_equal(cell(s, 0, sc, SRVH_ZP_SIZE_BYTES, &v), -ENOENT);
        assert_int_equal(cell(s, 0, sc, SRVH_ZP_DEDUP_RATIO, &v), -ENOENT);
        assert_int_equal(cell(s, 0, sc, SRVH_ZP_SCAN_STATE, &v), -ENOENT);
        assert_int_equal(int_cell(s, 0, sc, SRVH_ZP_STATUS), SRVH_HEALTH_CRITICAL);

        const struct zfs_vdev_row *sdb = vdev(s, "backup", "sdb");
        assert_int_equal(int_cell(s, 1, sdb, SRVH_ZV_CKSUM_ERRORS), 3);
        assert_int_equal(int_cell(s, 1, sdb, SRVH_ZV_STATE), ZFS_VDEV_ONLINE);
        /* index: "backup", class normal(1), "sdb" */
        const uint32_t want[] = {6, 'b', 'a', 'c', 'k', 'u', 'p', 1, 3, 's', 'd', 'b'};
        assert_int_equal(sdb->idx_len, sizeof(want) / sizeof(want[0]));
        assert_memory_equal(sdb->idx, want, sizeof(want));
        const struct zfs_vdev_row *sp = vdev(s, "backup", "sde");
        assert_int_equal(sp->v.cls, ZFS_CLASS_SPARE);
        assert_int_equal(cell(s, 1, sp, SRVH_ZV_READ_ERRORS, &v), -ENOENT);
        assert_int_equal(int_cell(s, 1, sp, SRVH_ZV_STATE), ZFS_VDEV_INUSE);

        assert_true(d->has_arc);
        assert_int_equal(s->tables[2].n, 1);
        assert_int_equal(int_cell(s, 2, d, SRVH_ARC_SIZE_BYTES), 8312285392ll);
        /* 118343029 / (118343029 + 3104732) = 97.443 % */
        assert_int_equal(int_cell(s, 2, d, SRVH_ARC_HIT_RATIO), 9744);

        assert_int_equal(s->health, SRVH_HEALTH_CRITICAL);
        assert_non_null(strstr(s->message, "pool scratch is faulted"));
        assert_non_null(strstr(s->message, "pool backup is degraded"));
        snap_free(s);
}

static void test_datasets_with_dedup_on_are_served(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/tank-online.txt");
        replay_fixture(f, "status", "status/tank-online.txt");
        replay_fixture(f, "get", "get/modern.txt");
        struct snap *s = poll_snap(f, POLL_TIME, 0);
        const struct zfs_data *d = s->data;
        char err[256];
        assert_int_equal(mib_rows_check(&s->tables[3], "datasets", err, sizeof(err)), 0);
        assert_int_equal(d->n_datasets, 3); /* tank itself has dedup off */
        /* index order: "tank/vm" (7) < "tank/home" (9) < "tank/vm/disk0" (13) */
        assert_string_equal(d->datasets[0].ds.name, "tank/vm");
        assert_string_equal(d->datasets[1].ds.name, "tank/home");
        assert_string_equal(d->datasets[2].ds.name, "tank/vm/disk0");
        struct mib_value v;
        assert_int_equal(zfs_module.tables[3].get(&d->datasets[2], SRVH_ZD_DEDUP, &v), 0);
        assert_memory_equal(mib_value_bytes(&v), "sha256,verify", v.len);
        assert_int_equal(int_cell(s, 3, &d->datasets[0], SRVH_ZD_COMPRESS_RATIO), 135);
        /* DDT figures of tank-online: 5371 entries x 1730 / 216 bytes */
        const struct zfs_pool_row *t = pool(s, "tank");
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_DDT_ENTRIES), 5371);
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_DDT_CORE_BYTES), 5371 * 216);
        snap_free(s);
}

static void test_zfs_get_failure_keeps_the_last_values(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/tank-online.txt");
        replay_fixture(f, "status", "status/tank-online.txt");
        replay_text(f, "get.out", "tank/vm\tdedup\n");
        struct snap *s = poll_snap(f, POLL_TIME, -EINVAL);
        assert_non_null(strstr(s->error_text, "zfs get -Hp printed text"));
        snap_free(s);
}

static void test_names_too_long_for_an_index_are_skipped_and_said(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        /* 33 bytes: one more than srvhZpoolName's SIZE(1..32) */
        replay_text(f, "list.out",
                    "tank\t100\t50\t50\t1\t50\t1.00\tONLINE\n"
                    "a23456789b123456789c123456789d123\t100\t50\t50\t1\t50\t1."
                    "00\tONLINE\n");
        replay_fixture(f, "status", "status/tank-online.txt");
        struct snap *s = poll_snap(f, POLL_TIME, 0);
        assert_int_equal(s->tables[0].n, 1);
        if (!strstr(s->note, "a23456789b123456789c123456789d123: name longer than 32"))
                fail_msg("note: %s", s->note);
        assert_int_equal(s->health, SRVH_HEALTH_OK);
        snap_free(s);
}

/* The lines of calls.log, the replaying zpool's record of its command lines, into want[] order. */
static void assert_calls(struct fixture *f, const char *const *want, size_t n)
{
        char path[512], line[256];
        snprintf(path, sizeof(path), "%s/bin/replay/calls.log", f->dir);
        FILE *fp = fopen(path, "r");
        assert_non_null(fp);
        for (size_t i = 0; i < n; i++) {
                assert_non_null(fgets(line, sizeof(line), fp));
                line[strcspn(line, "\n")] = '\0';
                assert_string_equal(line, want[i]);
        }
        assert_null(fgets(line, sizeof(line), fp));
        fclose(fp);
        assert_int_equal(unlink(path), 0);
}

/* Before 2.3 every -j is refused once; from then on only the text forms run, each once a poll. */
static void test_zpool_runs_once_per_poll_with_the_documented_arguments(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/modern.txt");
        replay_fixture(f, "status", "status/degraded-resilver-2.2.txt");
        struct snap *s = poll_snap(f, POLL_TIME, 0);
        static const char *const first[] = {"list -j -p -o " ZFS_LIST_COLUMNS, LIST_CMD,
                                            "status -p -D",
                                            "get -j -p -t filesystem,volume dedup,compressratio",
                                            "get -Hp -t filesystem,volume dedup,compressratio"};
        assert_calls(f, first, 5); /* no list -j: no status -j tried either */
        assert_non_null(strstr(s->note, "no JSON output"));
        snap_free(s);
        s = poll_snap(f, POLL_TIME + 60, 0);
        static const char *const next[] = {LIST_CMD, "status -p -D",
                                           "get -Hp -t filesystem,volume dedup,compressratio"};
        assert_calls(f, next, 3);
        assert_null(strstr(s->note, "JSON")); /* said once */
        snap_free(s);
}

static void test_json_list_is_used_where_zpool_has_it(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "listjson", "json/list-2.3.json");
        replay_text(f, "list.out", "garbage that the text parser would refuse\n");
        replay_fixture(f, "status", "status/tank-online.txt");
        struct snap *s = poll_snap(f, POLL_TIME, 0);
        const struct zfs_pool_row *t = pool(s, "tank");
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_DEDUP_RATIO), 183);
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_HEALTH), ZFS_HEALTH_DEGRADED);
        struct mib_value v;
        assert_int_equal(cell(s, 0, pool(s, "scratch"), SRVH_ZP_SIZE_BYTES, &v), -ENOENT);
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_DDT_ENTRIES), 5371); /* status still text */
        snap_free(s);
        /* once JSON worked, a broken JSON answer is an error, not a reason to go back to text */
        replay_text(f, "listjson.out", "{\"pools\": {\"tank\": ");
        s = poll_snap(f, POLL_TIME + 60, -EINVAL);
        assert_non_null(strstr(s->error_text, "not the JSON it documents"));
        snap_free(s);
}

static void test_no_zfs_on_host_is_empty_and_ok(void **state)
{
        struct fixture *f = *state;
        set_token(f, "zpoolPath", "/nonexistent/zpool");
        struct snap *s = poll_snap(f, POLL_TIME, 0);
        assert_int_equal(s->health, SRVH_HEALTH_OK);
        assert_int_equal(s->tables[0].n, 0);
        assert_int_equal(s->tables[1].n, 0);
        assert_int_equal(s->tables[2].n, 0);
        assert_non_null(strstr(s->note, "no ZFS on this host"));
        assert_string_equal(s->error_text, "");
        snap_free(s);
}

static void test_zpool_missing_while_module_loaded_is_an_error(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        set_token(f, "zpoolPath", "/nonexistent/zpool");
        struct snap *s = poll_snap(f, POLL_TIME, -ENOENT);
        assert_non_null(strstr(s->error_text, "/nonexistent/zpool not found"));
        assert_non_null(strstr(s->error_text, "zpoolPath"));
        snap_free(s);
}

static void test_hung_zpool_is_killed_before_the_deadline(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/modern.txt");
        replay_text(f, "list.sleep", "60\n");
        f->ctx.now_ms = fake_now;
        f->ctx.deadline_ms = f->clock_ms + 1000; /* the child gets 700 ms */
        struct snap *s = poll_snap(f, POLL_TIME, -ETIMEDOUT);
        assert_non_null(strstr(s->error_text, "zpool list did not finish within 700 ms"));
        assert_non_null(strstr(s->error_text, "killed"));
        snap_free(s);
}

static void test_hung_zpool_reason_names_a_suspended_pool(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/modern.txt");
        replay_fixture(f, "status", "status/degraded-resilver-2.2.txt");
        snap_free(poll_snap(f, POLL_TIME, 0));
        sh("mkdir -p '%s/proc/spl/kstat/zfs/tank' '%s/proc/spl/kstat/zfs/backup' && "
           "echo SUSPENDED >'%s/proc/spl/kstat/zfs/tank/state' && "
           "echo ONLINE >'%s/proc/spl/kstat/zfs/backup/state'",
           f->root, f->root, f->root, f->root);
        replay_text(f, "status.sleep", "60\n");
        f->ctx.now_ms = fake_now;
        f->ctx.deadline_ms = f->clock_ms + 1000;
        struct snap *s = poll_snap(f, POLL_TIME + 60, -ETIMEDOUT);
        assert_non_null(strstr(s->error_text, "zpool status did not finish"));
        assert_non_null(strstr(s->error_text, "the kernel says: tank SUSPENDED"));
        assert_null(strstr(s->error_text, "backup")); /* ONLINE pools are not named */
        snap_free(s);
}

static void test_truncated_status_is_refused_with_the_reason(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/modern.txt");
        replay_fixture(f, "status", "status/truncated.txt");
        struct snap *s = poll_snap(f, POLL_TIME, -EBADMSG);
        assert_non_null(strstr(s->error_text, "truncated"));
        snap_free(s);
}

static void test_garbage_list_and_failing_zpool_say_why(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_text(f, "list.out", "\x01\x02 garbage without tabs\n");
        struct snap *s = poll_snap(f, POLL_TIME, -EINVAL);
        assert_non_null(strstr(s->error_text, "not its tab-separated format"));
        snap_free(s);
        replay_text(f, "list.out", "");
        replay_text(f, "list.err", "internal error: Bad file descriptor\n");
        replay_text(f, "list.rc", "134\n");
        s = poll_snap(f, POLL_TIME, -EIO);
        assert_non_null(strstr(s->error_text, "exited with status 134"));
        assert_non_null(strstr(s->error_text, "internal error: Bad file descriptor"));
        snap_free(s);
}

/* ---- notifications --------------------------------------------------------------------------- */

static const struct srvh_event *find_event(const struct event_list *l, unsigned trap,
                                           const char *object)
{
        for (size_t i = 0; i < l->n; i++)
                if (l->v[i].trap == trap && strcmp(l->v[i].object, object) == 0)
                        return &l->v[i];
        return NULL;
}

static const char healthy_status[] = "  pool: tank\n"
                                     " state: ONLINE\n"
                                     "  scan: scrub in progress since Mon Nov 30 01:00:00 2026\n"
                                     "\t1T / 2T scanned at 1G/s, 1T / 2T issued at 1G/s\n"
                                     "\t0B repaired, 50.00% done, 00:10:00 to go\n"
                                     "config:\n\n"
                                     "\tNAME        STATE     READ WRITE CKSUM\n"
                                     "\ttank        ONLINE       0     0     0\n"
                                     "\t  sda       ONLINE       0     0     0\n\n"
                                     "errors: No known data errors\n";

static const char degraded_status[] =
    "  pool: tank\n"
    " state: DEGRADED\n"
    "  scan: scrub repaired 0B in 00:20:00 with 2 errors on Mon "
    "Nov 30 01:20:00 2026\n"
    "config:\n\n"
    "\tNAME        STATE     READ WRITE CKSUM\n"
    "\ttank        DEGRADED     0     0     0\n"
    "\t  sda       DEGRADED     0     0     5  too many errors\n\n"
    "errors: No known data errors\n";

static void test_diff_health_scan_and_vdev_errors(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_text(f, "list.out", "tank\t100\t50\t50\t1\t50\t1.00\tONLINE\n");
        replay_text(f, "status.out", healthy_status);
        struct snap *a = poll_snap(f, POLL_TIME, 0);
        struct event_list ev = {0};
        assert_int_equal(zfs_module.diff(NULL, a, f->cfg, &ev), 0);
        assert_int_equal(ev.n, 0); /* healthy at start: nothing to say */

        replay_text(f, "list.out", "tank\t100\t50\t50\t1\t50\t1.00\tDEGRADED\n");
        replay_text(f, "status.out", degraded_status);
        struct snap *b = poll_snap(f, POLL_TIME + 60, 0);
        assert_int_equal(zfs_module.diff(a, b, f->cfg, &ev), 0);
        const struct srvh_event *h = find_event(&ev, SRVH_TRAP_ZPOOL_HEALTH_CHANGED, "tank");
        assert_non_null(h);
        assert_string_equal(h->new_state, "degraded");
        assert_string_equal(h->old_state, "online");
        assert_int_equal(h->severity, SRVH_HEALTH_WARNING);
        const struct srvh_event *sf = find_event(&ev, SRVH_TRAP_ZPOOL_SCAN_FINISHED, "tank");
        assert_non_null(sf);
        assert_int_equal(sf->value, 2);
        assert_string_equal(sf->new_state, "scrub");
        assert_int_equal(sf->severity, SRVH_HEALTH_WARNING);
        const struct srvh_event *ve = find_event(&ev, SRVH_TRAP_ZFS_VDEV_ERRORS, "tank/sda");
        assert_non_null(ve);
        assert_int_equal(ve->value, 5);
        assert_int_equal(ev.n, 3);
        event_list_free(&ev);

        /* the same output again: nothing new */
        struct snap *c = poll_snap(f, POLL_TIME + 120, 0);
        assert_int_equal(zfs_module.diff(b, c, f->cfg, &ev), 0);
        assert_int_equal(ev.n, 0);

        /* back online: the clearing health event, ok severity */
        replay_text(f, "list.out", "tank\t100\t50\t50\t1\t50\t1.00\tONLINE\n");
        replay_text(f, "status.out", healthy_status);
        struct snap *d = poll_snap(f, POLL_TIME + 180, 0);
        assert_int_equal(zfs_module.diff(c, d, f->cfg, &ev), 0);
        h = find_event(&ev, SRVH_TRAP_ZPOOL_HEALTH_CHANGED, "tank");
        assert_non_null(h);
        assert_int_equal(h->severity, SRVH_HEALTH_OK);
        assert_string_equal(h->old_state, "degraded");
        event_list_free(&ev);
        snap_free(a);
        snap_free(b);
        snap_free(c);
        snap_free(d);
}

/* A scrub that starts, then data errors that rise: srvhZpoolScanStarted (ok) once, then
 * srvhZpoolDataErrorsIncreased (warning) with the new count; the same output again says
 * nothing. */
static void test_diff_scan_started_and_data_errors(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/tank-online.txt");
        replay_fixture(f, "status", "status/tank-online.txt"); /* a finished scrub */
        struct snap *a = poll_snap(f, POLL_TIME, 0);
        replay_text(f, "status.out", healthy_status); /* scrub in progress */
        struct snap *b = poll_snap(f, POLL_TIME + 60, 0);
        struct event_list ev = {0};
        assert_int_equal(zfs_module.diff(a, b, f->cfg, &ev), 0);
        const struct srvh_event *e = find_event(&ev, SRVH_TRAP_ZPOOL_SCAN_STARTED, "tank");
        assert_non_null(e);
        assert_string_equal(e->new_state, "scrub");
        assert_string_equal(e->old_state, "finished");
        assert_int_equal(e->severity, SRVH_HEALTH_OK);
        assert_null(find_event(&ev, SRVH_TRAP_ZPOOL_DATA_ERRORS, "tank"));
        event_list_free(&ev);

        char errs[sizeof(healthy_status) + 64];
        snprintf(errs, sizeof(errs), "%.*s",
                 (int)(strstr(healthy_status, "errors:") - healthy_status), healthy_status);
        strcat(errs, "errors: 4 data errors, use '-v' for a list\n");
        replay_text(f, "status.out", errs);
        struct snap *c = poll_snap(f, POLL_TIME + 120, 0);
        assert_int_equal(zfs_module.diff(b, c, f->cfg, &ev), 0);
        /* only this one: zpool still calls the pool ONLINE, so no health change is sent, while
         * srvhZpoolStatus turns warning */
        assert_int_equal(ev.n, 1);
        assert_int_equal(c->health, SRVH_HEALTH_WARNING);
        e = find_event(&ev, SRVH_TRAP_ZPOOL_DATA_ERRORS, "tank");
        assert_non_null(e);
        assert_int_equal(e->value, 4);
        assert_int_equal(e->severity, SRVH_HEALTH_WARNING);
        assert_non_null(strstr(e->text, "4 data errors (was 0)"));
        assert_null(
            find_event(&ev, SRVH_TRAP_ZPOOL_SCAN_STARTED, "tank")); /* still the same scan */
        event_list_free(&ev);
        struct snap *d = poll_snap(f, POLL_TIME + 180, 0);
        assert_int_equal(zfs_module.diff(c, d, f->cfg, &ev), 0);
        assert_int_equal(ev.n, 0);
        snap_free(a);
        snap_free(b);
        snap_free(c);
        snap_free(d);
}

static void test_diff_pools_appear_and_disappear(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/modern.txt");
        replay_fixture(f, "status", "status/degraded-resilver-2.2.txt");
        struct snap *a = poll_snap(f, POLL_TIME, 0);
        struct event_list ev = {0};
        assert_int_equal(zfs_module.diff(NULL, a, f->cfg, &ev), 0);
        /* at start: the pools that are not ok, no appeared events */
        assert_non_null(find_event(&ev, SRVH_TRAP_ZPOOL_HEALTH_CHANGED, "backup"));
        assert_non_null(find_event(&ev, SRVH_TRAP_ZPOOL_HEALTH_CHANGED, "scratch"));
        assert_null(find_event(&ev, SRVH_TRAP_ZPOOL_APPEARED, "tank"));
        assert_int_equal(ev.n, 2);
        event_list_free(&ev);

        replay_text(f, "list.out",
                    "tank\t3985729650688\t1838246227968\t2147483422720\t12\t46\t1."
                    "00\tONLINE\nnewpool\t100\t1\t99\t0\t1\t1.00\tONLINE\n");
        replay_text(f, "status.out", healthy_status);
        struct snap *b = poll_snap(f, POLL_TIME + 60, 0);
        assert_int_equal(zfs_module.diff(a, b, f->cfg, &ev), 0);
        assert_non_null(find_event(&ev, SRVH_TRAP_ZPOOL_DISAPPEARED, "backup"));
        assert_non_null(find_event(&ev, SRVH_TRAP_ZPOOL_DISAPPEARED, "scratch"));
        const struct srvh_event *ap = find_event(&ev, SRVH_TRAP_ZPOOL_APPEARED, "newpool");
        assert_non_null(ap);
        assert_string_equal(ap->new_state, "online");
        /* tank's resilver gave way to a scrub: that scrub started */
        const struct srvh_event *st = find_event(&ev, SRVH_TRAP_ZPOOL_SCAN_STARTED, "tank");
        assert_non_null(st);
        assert_string_equal(st->new_state, "scrub");
        assert_int_equal(ev.n, 4);
        event_list_free(&ev);
        snap_free(a);
        snap_free(b);
}

static void test_scrub_overdue_after_the_configured_age(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        set_token(f, "scrubMaxAge", "7");
        replay_text(f, "list.out", "tank\t100\t50\t50\t1\t50\t1.00\tDEGRADED\n");
        replay_text(f, "status.out", degraded_status);
        /* completion time as this host's mktime() reads it, so the test holds in any zone */
        struct tm tm = {.tm_year = 126,
                        .tm_mon = 10,
                        .tm_mday = 30,
                        .tm_hour = 1,
                        .tm_min = 20,
                        .tm_isdst = -1};
        int64_t done = (int64_t)mktime(&tm);
        struct snap *a = poll_snap(f, done + 7 * 86400, 0);
        const struct zfs_pool_row *p = pool(a, "tank");
        assert_int_equal(int_cell(a, 0, p, SRVH_ZP_SCAN_AGE), 7 * 86400);
        assert_int_equal(int_cell(a, 0, p, SRVH_ZP_SCRUB_OVERDUE), 2);
        struct mib_value v;
        assert_int_equal(cell(a, 0, p, SRVH_ZP_SCAN_COMPLETED, &v), 0);
        struct snap *b = poll_snap(f, done + 7 * 86400 + 1, 0);
        assert_int_equal(int_cell(b, 0, pool(b, "tank"), SRVH_ZP_SCRUB_OVERDUE), 1);
        struct event_list ev = {0};
        assert_int_equal(zfs_module.diff(a, b, f->cfg, &ev), 0);
        const struct srvh_event *o = find_event(&ev, SRVH_TRAP_ZPOOL_NO_RECENT_SCRUB, "tank");
        assert_non_null(o);
        assert_int_equal(o->value, 7);
        assert_int_equal(ev.n, 1);
        event_list_free(&ev);
        snap_free(a);
        snap_free(b);
}

static void write_kstat(struct fixture *f, const char *rel, const char *text)
{
        sh("mkdir -p \"$(dirname '%s/proc/spl/kstat/zfs/%s')\"", f->root, rel);
        char path[512];
        snprintf(path, sizeof(path), "%s/proc/spl/kstat/zfs/%s", f->root, rel);
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        fputs(text, fp);
        fclose(fp);
}

/* Between two zpool runs only the kstats are read: the pool's state kstat turning DEGRADED
 * changes srvhZpoolHealth and raises the notification at once, zpool is not run, and it runs
 * again when the scheduler's interval since its last run has passed. */
static void test_state_kstat_between_runs_raises_health_without_zpool(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        write_kstat(f, "tank/state", "ONLINE\n");
        replay_fixture(f, "list", "list/tank-online.txt");
        replay_fixture(f, "status", "status/tank-online.txt");
        set_token(f, "poolStateInterval", "5");
        f->ctx.now_ms = fake_now;
        f->ctx.interval_s = 60;
        struct snap *a = poll_snap(f, POLL_TIME, 0);
        static const char *const run[] = {"list -j -p -o " ZFS_LIST_COLUMNS, LIST_CMD,
                                          "status -p -D",
                                          "get -j -p -t filesystem,volume dedup,compressratio",
                                          "get -Hp -t filesystem,volume dedup,compressratio"};
        assert_calls(f, run, 5);
        assert_int_equal(f->ctx.next_wake_ms, f->clock_ms + 5000);
        const struct zfs_pool_row *t = pool(a, "tank");
        assert_int_equal(int_cell(a, 0, t, SRVH_ZP_KERNEL_STATE), ZFS_HEALTH_ONLINE);

        write_kstat(f, "tank/state", "DEGRADED\n");
        f->clock_ms += 5000;
        struct snap *b = poll_snap(f, POLL_TIME + 5, 0);
        char path[512];
        snprintf(path, sizeof(path), "%s/bin/replay/calls.log", f->dir);
        assert_int_equal(access(path, F_OK), -1); /* zpool did not run */
        t = pool(b, "tank");
        assert_int_equal(int_cell(b, 0, t, SRVH_ZP_HEALTH), ZFS_HEALTH_DEGRADED);
        assert_int_equal(int_cell(b, 0, t, SRVH_ZP_KERNEL_STATE), ZFS_HEALTH_DEGRADED);
        assert_int_equal(int_cell(b, 0, t, SRVH_ZP_DEDUP_RATIO), 183); /* the last run's values */
        assert_int_equal(b->health, SRVH_HEALTH_WARNING);
        struct event_list ev = {0};
        assert_int_equal(zfs_module.diff(a, b, f->cfg, &ev), 0);
        const struct srvh_event *h = find_event(&ev, SRVH_TRAP_ZPOOL_HEALTH_CHANGED, "tank");
        assert_non_null(h);
        assert_string_equal(h->new_state, "degraded");
        ev.n = 0;

        f->clock_ms += 55000; /* 60 s after the run: zpool is due */
        struct snap *c = poll_snap(f, POLL_TIME + 60, 0);
        static const char *const text[] = {LIST_CMD, "status -p -D",
                                           "get -Hp -t filesystem,volume dedup,compressratio"};
        assert_calls(f, text, 3);
        /* zpool still says ONLINE: its word wins at a run, and the change back is notified */
        assert_int_equal(int_cell(c, 0, pool(c, "tank"), SRVH_ZP_HEALTH), ZFS_HEALTH_ONLINE);
        assert_int_equal(zfs_module.diff(b, c, f->cfg, &ev), 0);
        assert_non_null(find_event(&ev, SRVH_TRAP_ZPOOL_HEALTH_CHANGED, "tank"));
        free(ev.v);
        snap_free(a);
        snap_free(b);
        snap_free(c);
}

/* The wake-up after a kstat-only poll is the next state read or the next zpool run, whichever
 * comes first, so a state interval that does not divide the poll interval delays no run. */
static void test_next_wake_is_the_earlier_of_state_read_and_run(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/tank-online.txt");
        replay_fixture(f, "status", "status/tank-online.txt");
        set_token(f, "poolStateInterval", "7");
        f->ctx.now_ms = fake_now;
        f->ctx.interval_s = 10;
        int64_t ran = f->clock_ms;
        snap_free(poll_snap(f, POLL_TIME, 0));
        assert_int_equal(f->ctx.next_wake_ms, ran + 7000);
        f->clock_ms = ran + 7000;
        snap_free(poll_snap(f, POLL_TIME + 7, 0)); /* kstat-only */
        assert_int_equal(f->ctx.next_wake_ms, ran + 10000);
        /* a reloaded config (another object) runs zpool at once */
        char path[512];
        snprintf(path, sizeof(path), "%s/bin/replay/calls.log", f->dir);
        assert_int_equal(unlink(path), 0);
        struct zfs_config *next = zfs_config_ops.new_config();
        memcpy(next, f->cfg, sizeof(*next));
        f->ctx.config = next;
        f->clock_ms = ran + 8000;
        snap_free(poll_snap(f, POLL_TIME + 8, 0));
        assert_int_equal(access(path, F_OK), 0);
        f->ctx.config = f->cfg;
        zfs_config_ops.free_config(next);
}

/* A failed zpool run is followed by another run, never by kstat-only polls serving old rows. */
static void test_failed_run_is_not_followed_by_kstat_only_polls(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/tank-online.txt");
        replay_fixture(f, "status", "status/tank-online.txt");
        f->ctx.now_ms = fake_now;
        f->ctx.interval_s = 60;
        snap_free(poll_snap(f, POLL_TIME, 0));
        replay_fixture(f, "status", "status/truncated.txt");
        f->clock_ms += 60000;
        snap_free(poll_snap(f, POLL_TIME + 60, -EBADMSG));
        replay_fixture(f, "status", "status/tank-online.txt");
        char path[512];
        snprintf(path, sizeof(path), "%s/bin/replay/calls.log", f->dir);
        unlink(path);
        f->clock_ms += 5000;
        snap_free(poll_snap(f, POLL_TIME + 65, 0));
        static const char *const text[] = {LIST_CMD, "status -p -D",
                                           "get -Hp -t filesystem,volume dedup,compressratio"};
        assert_calls(f, text, 3);
}

/* The DDT histogram rows and the ddt_stats kstat sums, in the tables. */
static void test_ddt_histogram_and_lookup_kstats_are_served(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        sh("mkdir -p '%s/proc/spl/kstat/zfs/tank' && cp '%s/zfs/kstat/ddt_stats_sha256.txt' "
           "'%s/proc/spl/kstat/zfs/tank/ddt_stats_sha256'",
           f->root, SRVH_FIXTURES, f->root);
        replay_fixture(f, "list", "list/tank-online.txt");
        replay_fixture(f, "status", "status/tank-online.txt");
        struct snap *s = poll_snap(f, POLL_TIME, 0);
        assert_int_equal(s->tables[4].n, 2);
        const struct zfs_ddt_row *r = s->tables[4].v[1].data;
        assert_string_equal(r->pool, "tank");
        assert_int_equal(r->b.refcnt, 2);
        assert_int_equal(int_cell(s, 4, r, SRVH_ZT_REF_DSIZE), 270ll << 20);
        assert_int_equal(int_cell(s, 4, r, SRVH_ZT_REF_DSIZE_MIB), 270);
        assert_int_equal(int_cell(s, 4, r, SRVH_ZT_ALLOC_BLOCKS), 105 * 1024 / 100);
        const struct zfs_pool_row *t = pool(s, "tank");
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_DDT_LOOKUPS), 1048576);
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_DDT_LOOKUP_HIT), 786432);
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_DDT_LOOKUP_NEW), 262144);
        struct mib_value v;
        assert_int_equal(cell(s, 0, t, SRVH_ZP_KERNEL_STATE, &v), -ENOENT); /* no state kstat */
        snap_free(s);
}

/* Where zpool and zfs have -j, all three JSON forms are read and the rows say so. */
static void test_json_status_and_get_are_used_where_zpool_has_them(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "listjson", "json/list-2.3.json");
        replay_fixture(f, "statusjson", "json/status-2.3.json");
        replay_fixture(f, "getjson", "json/get-2.3.json");
        replay_text(f, "status.out", "garbage the text parser would refuse\n");
        struct snap *s = poll_snap(f, POLL_TIME, 0);
        assert_non_null(strstr(s->note, "zpool status -j and zfs get -j"));
        const struct zfs_pool_row *t = pool(s, "tank");
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_SOURCE_FORM), ZFS_FORM_JSON);
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_CKSUM_ERRORS), 27);
        assert_int_equal(int_cell(s, 0, t, SRVH_ZP_DDT_ENTRIES), 5371);
        assert_int_equal(s->tables[4].n, 2);
        assert_int_equal(s->tables[3].n, 2); /* tank/vm and tank/vm/disk0: dedup on */
        const struct zfs_vdev_row *v = vdev(s, "tank", "sdb");
        assert_int_equal(int_cell(s, 1, v, SRVH_ZV_STATE), ZFS_VDEV_FAULTED);
        snap_free(s);
        /* a broken JSON answer once JSON worked: an error, not a silent fall back */
        replay_text(f, "statusjson.out", "{\"pools\": ");
        s = poll_snap(f, POLL_TIME + 60, -EINVAL);
        assert_non_null(strstr(s->error_text, "zpool status -j -p -D printed text that is not"));
        snap_free(s);
}

/* ---- golden walk ---------------------------------------------------------------------------- */

#define GOLDEN SRVH_FIXTURES "/golden/zfs-walk.txt"

/* The exact varbinds srvhealthd serves below srvhObjects for the ZFS fixtures: every table,
 * column and absent cell, in GETNEXT order, and each instance found again by GET. */
static void test_walk_matches_the_golden_file(void **state)
{
        struct fixture *f = *state;
        with_kstats(f);
        replay_fixture(f, "list", "list/modern.txt");
        replay_fixture(f, "status", "status/degraded-resilver-2.2.txt");
        replay_fixture(f, "get", "get/modern.txt");
        struct snap *s = poll_snap(f, POLL_TIME, 0);

        struct mib_table tables[5];
        const struct mib_table *tp[5];
        assert_int_equal(zfs_module.n_tables, 5);
        for (size_t t = 0; t < 5; t++) {
                tables[t] = zfs_module.tables[t];
                tables[t].rows = &s->tables[t];
                tp[t] = &tables[t];
        }
        mib_tables_sort(tp, 5);
        struct mib_tree tree = {tp, 5};
        char err[256];
        assert_int_equal(mib_tree_check(&tree, err, sizeof(err)), 0);

        golden_walk_check(
            &tree, GOLDEN,
            "GETNEXT walk of the ZFS fixtures (list/modern, status/degraded-resilver-2.2, "
            "get/modern, kstat/arcstats-2.1) below srvhObjects",
            101);
        snap_free(s);
}

static void test_config_tokens(void **state)
{
        (void)state;
        struct zfs_config *c = zfs_config_ops.new_config();
        char err[256];
        assert_string_equal(c->zpool_path, ZFS_DEFAULT_ZPOOL_PATH);
        assert_int_equal(c->scrub_max_age_days, 35);
        assert_int_equal(zfs_config_ops.parse(c, "zpoolPath", "sbin/zpool", err, sizeof(err)),
                         -EINVAL);
        assert_non_null(strstr(err, "absolute"));
        assert_int_equal(zfs_config_ops.parse(c, "zpoolPath", "/a /b", err, sizeof(err)), -EINVAL);
        assert_int_equal(zfs_config_ops.parse(c, "scrubMaxAge", "3651", err, sizeof(err)), -EINVAL);
        assert_int_equal(zfs_config_ops.parse(c, "scrubMaxAge", "0", err, sizeof(err)), 0);
        assert_int_equal(c->scrub_max_age_days, 0);
        assert_int_equal(zfs_config_ops.parse(c, "zpoolPath", "/sbin/zpool", err, sizeof(err)), 0);
        assert_string_equal(c->zpool_path, "/sbin/zpool");
        assert_int_equal(c->state_interval_s, ZFS_DEFAULT_STATE_INTERVAL);
        assert_int_equal(zfs_config_ops.parse(c, "poolStateInterval", "0", err, sizeof(err)), 0);
        assert_int_equal(c->state_interval_s, 0);
        assert_int_equal(zfs_config_ops.parse(c, "poolStateInterval", "3601", err, sizeof(err)),
                         -EINVAL);
        zfs_config_ops.free_config(c);
}

/* zpoolPath and zfsPath name programs the daemon runs as root: validate refuses one that is
 * group- or world-writable, or below such a directory, and puts the earlier path back. */
static void test_config_paths_are_checked_like_exec_commands(void **state)
{
        struct fixture *f = *state;
        struct zfs_config *c = zfs_config_ops.new_config();
        char err[512], path[600];
        snprintf(path, sizeof(path), "%s/bin/zpool", f->dir);
        assert_int_equal(zfs_config_ops.parse(c, "zpoolPath", path, err, sizeof(err)), 0);
        assert_int_equal(zfs_config_ops.validate(c, "zpoolPath", err, sizeof(err)), 0);

        sh("mkdir -m 0755 '%s/gw' && cp '%s' '%s/gw/zpool' && chmod 0775 '%s/gw/zpool'", f->dir,
           path, f->dir, f->dir);
        snprintf(path, sizeof(path), "%s/gw/zpool", f->dir);
        assert_int_equal(zfs_config_ops.parse(c, "zpoolPath", path, err, sizeof(err)), 0);
        assert_int_equal(zfs_config_ops.validate(c, "zpoolPath", err, sizeof(err)), -EINVAL);
        assert_non_null(strstr(err, "is writable by its group: refused"));
        assert_non_null(strstr(c->zpool_path, "/bin/zpool")); /* the earlier path is back */

        sh("chmod 0755 '%s/gw/zpool' && chmod 0777 '%s/gw'", f->dir, f->dir);
        assert_int_equal(zfs_config_ops.parse(c, "zfsPath", path, err, sizeof(err)), 0);
        assert_int_equal(zfs_config_ops.validate(c, "zfsPath", err, sizeof(err)), -EINVAL);
        assert_non_null(strstr(err, "/gw is writable by everyone"));
        assert_string_equal(c->zfs_path, ZFS_DEFAULT_ZFS_PATH);

        assert_int_equal(zfs_config_ops.parse(c, "zfsPath", "/nonexistent/zfs", err, sizeof(err)),
                         0);
        assert_int_equal(zfs_config_ops.validate(c, "zfsPath", err, sizeof(err)), -EINVAL);
        assert_non_null(strstr(err, "cannot resolve /nonexistent/zfs"));
        assert_int_equal(zfs_config_ops.validate(c, "scrubMaxAge", err, sizeof(err)), 0);
        zfs_config_ops.free_config(c);
}

int main(void)
{
        /* zpool prints local time: the walk's DateAndTime cells are the same in every zone */
        setenv("TZ", "UTC", 1);
        tzset();
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_pools_vdevs_and_arc_are_served, setup, teardown),
            cmocka_unit_test_setup_teardown(
                test_zpool_runs_once_per_poll_with_the_documented_arguments, setup, teardown),
            cmocka_unit_test_setup_teardown(test_names_too_long_for_an_index_are_skipped_and_said,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_datasets_with_dedup_on_are_served, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_zfs_get_failure_keeps_the_last_values, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_json_list_is_used_where_zpool_has_it, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_no_zfs_on_host_is_empty_and_ok, setup, teardown),
            cmocka_unit_test_setup_teardown(test_zpool_missing_while_module_loaded_is_an_error,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_hung_zpool_is_killed_before_the_deadline, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_hung_zpool_reason_names_a_suspended_pool, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_truncated_status_is_refused_with_the_reason, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_garbage_list_and_failing_zpool_say_why, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_diff_health_scan_and_vdev_errors, setup, teardown),
            cmocka_unit_test_setup_teardown(test_diff_scan_started_and_data_errors, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_diff_pools_appear_and_disappear, setup, teardown),
            cmocka_unit_test_setup_teardown(test_scrub_overdue_after_the_configured_age, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(
                test_state_kstat_between_runs_raises_health_without_zpool, setup, teardown),
            cmocka_unit_test_setup_teardown(test_next_wake_is_the_earlier_of_state_read_and_run,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_failed_run_is_not_followed_by_kstat_only_polls,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_ddt_histogram_and_lookup_kstats_are_served, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_json_status_and_get_are_used_where_zpool_has_them,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_walk_matches_the_golden_file, setup, teardown),
            cmocka_unit_test(test_config_tokens),
            cmocka_unit_test_setup_teardown(test_config_paths_are_checked_like_exec_commands, setup,
                                            teardown),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
