/* The ZFS collector: runs `zpool list`, `zpool status -D` and `zfs get` through core/runner
 * (LC_ALL=C, no shell, group kill at the deadline, capped output), in their JSON forms where the
 * installed zpool has them (OpenZFS 2.3+, found out once) and their text forms otherwise; reads
 * arcstats and the pools' state and ddt_stats kstats below the sysroot, the state ones also
 * between two zpool runs; and publishes srvhZpoolTable, srvhZfsVdevTable, the srvhZfsArc
 * scalars, srvhZfsDatasetTable and srvhZfsDdtTable as one snapshot. Also the cell getters of
 * those tables and the diff hook. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/module.h"
#include "core/runner.h"
#include "core/strbuf.h"
#include "core/sysroot.h"
#include "srvhealth/oids.h"
#include "zfs/zfs_config.h"
#include "zfs/zfs_model.h"

#define ZFS_KSTAT_DIR     "/proc/spl/kstat/zfs"
#define ZFS_ARCSTATS      ZFS_KSTAT_DIR "/arcstats"
#define ZFS_OUT_MAX_BYTES (8u << 20) /* zpool status of hundreds of pools fits easily */
#define ZFS_OUT_MAX_LINES 200000u
#define ZFS_KILL_MARGIN_MS                                                                         \
        300 /* the child is killed this long before the poll's deadline, so                        \
             * our own reason wins over the watchdog's generic one */
#define ZFS_GRACE_MS       200
#define ZFS_NO_DEADLINE_MS 30000

static void zfs_data_free(void *p)
{
        struct zfs_data *d = p;
        if (!d)
                return;
        free(d->pools);
        free(d->vdevs);
        free(d->pool_rows);
        free(d->vdev_rows);
        free(d->datasets);
        free(d->dataset_rows);
        free(d->ddt);
        free(d->ddt_rows);
        free(d);
}

/* First line of a child's stderr, printable ASCII only, for an error text. */
static void first_line(const struct runner_output *o, char *out, size_t outsz)
{
        size_t k = 0;
        for (size_t i = 0; o->data && i < o->len && o->data[i] != '\n' && k + 1 < outsz; i++) {
                unsigned char c = (unsigned char)o->data[i];
                out[k++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
        }
        out[k] = '\0';
}

static bool kstat_dir_exists(const char *root)
{
        char path[4096];
        struct stat st;
        if (sysroot_path(root, ZFS_KSTAT_DIR, path, sizeof(path)) < 0)
                return false;
        return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Outcome of one zpool run beyond runner_run()'s own errors. RUN_BAD_OPTION: it exited non-zero
 * saying it does not know an option (an old zpool asked for -j). */
enum run_outcome { RUN_OK, RUN_MISSING, RUN_FAILED, RUN_BAD_OPTION };

/* Which form of an output the collector uses: JSON where zpool/zfs have -j (OpenZFS 2.3+),
 * found out by trying it at the first poll that reaches the command. */
enum out_form { FORM_PROBE, FORM_JSON, FORM_TEXT };

/* Slack when deciding whether a zpool run is due: a wake-up a little early still counts. */
#define ZFS_DUE_SLACK_MS 500

/* Collector state kept between polls. Owner: the collector thread (init/teardown). */
struct zfs_priv {
        enum out_form list_form, status_form, get_form;
        char (*names)[ZFS_NAME_MAX]; /* the pools of the last good poll */
        size_t n_names;
        /* What the last good zpool run printed, parsed: polls between two runs rebuild the
         * tables from it with fresh kstats instead of running zpool again. */
        bool have_last;
        struct zpool_list list;
        struct zpool_status status;
        struct zfs_datasets ds;
        int64_t ran_ms;         /* CLOCK_MONOTONIC ms of that run */
        bool form_json;         /* whether zpool status of that run was JSON */
        const void *ran_config; /* the config of that run: a new one (a reload) runs zpool */
};

/* Runs path (zpool or zfs, configured by token) with args and leaves its stdout in *res (the
 * caller frees it). On failure the reason is in snap->error_text and the return value is
 * -errno; a binary that cannot be found returns -ENOENT with nothing written, for the "no ZFS"
 * check. */
static int run_tool(struct module_ctx *ctx, const char *path, const char *token,
                    const char *const *args, const char *what, struct runner_result *res,
                    struct snap *snap, enum run_outcome *outcome)
{
        const char *argv[8];
        size_t n = 0;
        argv[n++] = path;
        for (size_t i = 0; args[i] && n < 7; i++)
                argv[n++] = args[i];
        argv[n] = NULL;
        static const char *const env[] = {"LC_ALL=C", NULL};

        int64_t budget = ZFS_NO_DEADLINE_MS;
        if (ctx->deadline_ms > 0 && ctx->now_ms)
                budget = ctx->deadline_ms - ctx->now_ms() - ZFS_KILL_MARGIN_MS;
        if (budget < 100)
                budget = 100;

        struct runner_spec spec = RUNNER_SPEC_INIT;
        spec.argv = argv;
        spec.env = env;
        spec.timeout_ms = (unsigned)budget;
        spec.grace_ms = ZFS_GRACE_MS;
        spec.cancel_fd = ctx->cancel_fd;
        spec.out = (struct runner_cap){ZFS_OUT_MAX_BYTES, ZFS_OUT_MAX_LINES};
        spec.err = (struct runner_cap){4096, 16};

        *outcome = RUN_FAILED;
        int r = runner_run(&spec, res);
        if (r == -ENOENT) {
                *outcome = RUN_MISSING;
                return r;
        }
        if (r < 0) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "cannot run %.100s: %s; check %s; keeping the last values", path,
                         strerror(-r), token);
                return r;
        }
        char err[160];
        first_line(&res->err, err, sizeof(err));
        if (res->cancelled) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "%s stopped: the daemon is shutting down", what);
                r = -ECANCELED;
        } else if (res->timed_out) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "%s did not finish within %u ms (pollTimeout zfs) and was killed; a "
                         "pool may be hung; keeping the last values, marked stale",
                         what, spec.timeout_ms);
                r = -ETIMEDOUT;
        } else if (res->term_signal) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "%s was killed by signal %d; keeping the last values", what,
                         res->term_signal);
                r = -EIO;
        } else if (res->exit_code != 0 &&
                   (strstr(err, "invalid option") || strstr(err, "unrecognized option"))) {
                *outcome = RUN_BAD_OPTION;
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "%s: %.120s; keeping the last values", what, err);
                r = -EINVAL;
        } else if (res->exit_code != 0) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "%s exited with status %d (%.120s); keeping the last values", what,
                         res->exit_code, err[0] ? err : "no message");
                r = -EIO;
        } else if (res->out.truncated) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "%s wrote more than %u bytes or %u lines; keeping the last values", what,
                         ZFS_OUT_MAX_BYTES, ZFS_OUT_MAX_LINES);
                r = -EFBIG;
        } else {
                *outcome = RUN_OK;
                return 0;
        }
        runner_result_free(res);
        return r;
}

static int64_t to_unix(const struct zfs_time *t)
{
        if (!t->valid)
                return 0;
        if (t->unix_time)
                return t->unix_time;
        struct tm tm = {.tm_year = t->year - 1900,
                        .tm_mon = t->mon,
                        .tm_mday = t->mday,
                        .tm_hour = t->hour,
                        .tm_min = t->min,
                        .tm_sec = t->sec,
                        .tm_isdst = -1};
        time_t u = mktime(&tm); /* zpool prints the host's local time */
        return u == (time_t)-1 ? 0 : (int64_t)u;
}

static enum srvh_health pool_health(const struct zfs_pool_row *p)
{
        switch (p->list.health) {
        case ZFS_HEALTH_ONLINE:
                return p->data_errors ? SRVH_HEALTH_WARNING : SRVH_HEALTH_OK;
        case ZFS_HEALTH_DEGRADED:
                return SRVH_HEALTH_WARNING;
        case ZFS_HEALTH_FAULTED:
        case ZFS_HEALTH_UNAVAIL:
        case ZFS_HEALTH_SUSPENDED:
        case ZFS_HEALTH_OFFLINE:
        case ZFS_HEALTH_REMOVED:
                return SRVH_HEALTH_CRITICAL;
        default:
                return SRVH_HEALTH_UNKNOWN;
        }
}

static uint64_t mul_sat(uint64_t a, uint64_t b)
{
        return b && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

static int cmp_ddt(const void *a, const void *b)
{
        const struct zfs_ddt_row *x = a, *y = b;
        return mib_oid_cmp(x->idx, x->idx_len, y->idx, y->idx_len);
}

static void join_status(struct zfs_pool_row *p, const struct zpool_status_pool *s,
                        const struct zfs_config *cfg, int64_t now)
{
        p->has_status = true;
        p->scan = s->scan;
        p->data_errors = s->data_errors;
        if (s->has_ddt) {
                p->has_ddt = true;
                p->ddt_entries = s->ddt_entries;
                p->ddt_disk_bytes = mul_sat(s->ddt_entries, s->ddt_disk_per_entry);
                p->ddt_core_bytes = mul_sat(s->ddt_entries, s->ddt_core_per_entry);
        }
        for (size_t k = 0; k < s->n_vdevs; k++) {
                const struct zpool_vdev *v = &s->vdevs[k];
                if (!v->leaf || !v->has_counters)
                        continue;
                p->read += v->read;
                p->write += v->write;
                p->cksum += v->cksum;
        }
        p->scan_time = to_unix(&s->scan.when);
        if (s->scan.state == ZFS_SCAN_FINISHED && p->scan_time > 0)
                p->scan_age_s = now > p->scan_time ? now - p->scan_time : 0;
        if (cfg->scrub_max_age_days && p->scan_age_s >= 0)
                p->scrub_overdue = p->scan_age_s > (int64_t)cfg->scrub_max_age_days * 86400 ? 1 : 0;
        else if (cfg->scrub_max_age_days && s->scan.state == ZFS_SCAN_RUNNING)
                p->scrub_overdue = 0;
}

static int cmp_pool(const void *a, const void *b)
{
        const struct zfs_pool_row *x = a, *y = b;
        return zfs_name_cmp(x->list.name, y->list.name);
}

static int cmp_vdev(const void *a, const void *b)
{
        const struct zfs_vdev_row *x = a, *y = b;
        return mib_oid_cmp(x->idx, x->idx_len, y->idx, y->idx_len);
}

static void note(struct snap *s, const char *fmt, const char *a, const char *b)
{
        if (!s->note[0])
                snprintf(s->note, sizeof(s->note), fmt, a, b);
}

/* Rows and indexes of the whole snapshot, from the parsed outputs. */
static int build(struct zfs_data *d, const struct zpool_list *l, const struct zpool_status *st,
                 const struct zfs_config *cfg, int64_t now, struct snap *snap)
{
        size_t nv = 0;
        for (size_t i = 0; i < st->n; i++)
                nv += st->v[i].n_vdevs;
        size_t nh = 0;
        for (size_t i = 0; i < st->n; i++)
                nh += st->v[i].n_ddt_hist;
        d->pools = calloc(l->n ? l->n : 1, sizeof(*d->pools));
        d->vdevs = calloc(nv ? nv : 1, sizeof(*d->vdevs));
        d->ddt = calloc(nh ? nh : 1, sizeof(*d->ddt));
        if (!d->pools || !d->vdevs || !d->ddt)
                return -ENOMEM;

        for (size_t i = 0; i < l->n; i++) {
                struct zfs_pool_row *p = &d->pools[d->n_pools];
                memset(p, 0, sizeof(*p));
                p->list = l->v[i];
                p->scan_age_s = -1;
                p->scrub_overdue = -1;
                size_t plen = strlen(p->list.name);
                int r = plen > ZFS_POOL_INDEX_MAX
                            ? -E2BIG
                            : mib_index_encode_string(p->list.name, plen, false, p->idx,
                                                      sizeof(p->idx) / sizeof(p->idx[0]));
                if (r < 0) {
                        note(snap,
                             "pool %.64s: name longer than 32 bytes, which srvhZpoolName cannot "
                             "index; not served%s",
                             p->list.name, "");
                        continue;
                }
                p->idx_len = (size_t)r;
                for (size_t k = 0; k < st->n; k++) {
                        if (strcmp(st->v[k].name, p->list.name) != 0)
                                continue;
                        join_status(p, &st->v[k], cfg, now);
                        for (size_t j = 0; j < st->v[k].n_ddt_hist; j++) {
                                const struct zfs_ddt_bucket *b = &st->v[k].ddt_hist[j];
                                if (b->refcnt > UINT32_MAX)
                                        continue; /* beyond Unsigned32: never seen */
                                struct zfs_ddt_row *h = &d->ddt[d->n_ddt++];
                                memcpy(h->pool, p->list.name, sizeof(h->pool));
                                h->b = *b;
                                memcpy(h->idx, p->idx, p->idx_len * sizeof(h->idx[0]));
                                h->idx[p->idx_len] = (uint32_t)b->refcnt;
                                h->idx_len = p->idx_len + 1;
                        }
                        for (size_t j = 0; j < st->v[k].n_vdevs; j++) {
                                struct zfs_vdev_row *v = &d->vdevs[d->n_vdevs];
                                memset(v, 0, sizeof(*v));
                                memcpy(v->pool, p->list.name, sizeof(v->pool));
                                v->v = st->v[k].vdevs[j];
                                size_t n = p->idx_len;
                                memcpy(v->idx, p->idx, n * sizeof(v->idx[0]));
                                v->idx[n++] = v->v.cls;
                                size_t vlen = strlen(v->v.name);
                                int e = vlen > ZFS_VDEV_INDEX_MAX
                                            ? -E2BIG
                                            : mib_index_encode_string(v->v.name, vlen, false,
                                                                      v->idx + n,
                                                                      MIB_INDEX_LEN_MAX - n);
                                if (e < 0) {
                                        note(snap,
                                             "%.32s/%.100s: vdev name longer than 64 bytes, "
                                             "which srvhZfsVdevName cannot index; not served",
                                             p->list.name, v->v.name);
                                        continue;
                                }
                                v->idx_len = n + (size_t)e;
                                d->n_vdevs++;
                        }
                        break;
                }
                p->health = pool_health(p);
                d->n_pools++;
        }
        qsort(d->pools, d->n_pools, sizeof(*d->pools), cmp_pool);
        size_t w = 0;
        for (size_t i = 0; i < d->n_pools; i++) {
                if (w && cmp_pool(&d->pools[w - 1], &d->pools[i]) == 0)
                        continue; /* a name listed twice keeps its first row */
                d->pools[w++] = d->pools[i];
        }
        d->n_pools = w;
        qsort(d->vdevs, d->n_vdevs, sizeof(*d->vdevs), cmp_vdev);
        /* A name printed twice in one class (never by a sane zpool) keeps its first row. */
        w = 0;
        for (size_t i = 0; i < d->n_vdevs; i++) {
                if (w && cmp_vdev(&d->vdevs[w - 1], &d->vdevs[i]) == 0)
                        continue;
                d->vdevs[w++] = d->vdevs[i];
        }
        d->n_vdevs = w;

        qsort(d->ddt, d->n_ddt, sizeof(*d->ddt), cmp_ddt);
        w = 0;
        for (size_t i = 0; i < d->n_ddt; i++) {
                if (w && cmp_ddt(&d->ddt[w - 1], &d->ddt[i]) == 0)
                        continue; /* a bucket printed twice keeps its first row */
                d->ddt[w++] = d->ddt[i];
        }
        d->n_ddt = w;

        d->pool_rows = calloc(d->n_pools ? d->n_pools : 1, sizeof(*d->pool_rows));
        d->vdev_rows = calloc(d->n_vdevs ? d->n_vdevs : 1, sizeof(*d->vdev_rows));
        d->ddt_rows = calloc(d->n_ddt ? d->n_ddt : 1, sizeof(*d->ddt_rows));
        if (!d->pool_rows || !d->vdev_rows || !d->ddt_rows)
                return -ENOMEM;
        for (size_t i = 0; i < d->n_ddt; i++) {
                d->ddt_rows[i].data = &d->ddt[i];
                if (mib_row_set_index(&d->ddt_rows[i], d->ddt[i].idx, d->ddt[i].idx_len) < 0)
                        return -EINVAL;
        }
        for (size_t i = 0; i < d->n_pools; i++) {
                d->pool_rows[i].data = &d->pools[i];
                if (mib_row_set_index(&d->pool_rows[i], d->pools[i].idx, d->pools[i].idx_len) < 0)
                        return -EINVAL;
        }
        for (size_t i = 0; i < d->n_vdevs; i++) {
                d->vdev_rows[i].data = &d->vdevs[i];
                if (mib_row_set_index(&d->vdev_rows[i], d->vdevs[i].idx, d->vdevs[i].idx_len) < 0)
                        return -EINVAL;
        }
        return 0;
}

/* Runs a command in its JSON form while *form says so or is not known yet, and in its text
 * form once a run of the JSON form said it does not know the option. The form used is left in
 * *ret_json. Errors as run_tool(). */
static int run_probed(struct module_ctx *ctx, const char *path, const char *token,
                      const char *const *json_args, const char *const *text_args,
                      const char *json_what, const char *text_what, enum out_form *form,
                      struct runner_result *res, struct snap *snap, enum run_outcome *how,
                      bool *ret_json)
{
        bool json = *form != FORM_TEXT;
        int r = run_tool(ctx, path, token, json ? json_args : text_args,
                         json ? json_what : text_what, res, snap, how);
        if (r < 0 && *how == RUN_BAD_OPTION && *form == FORM_PROBE) {
                *form = FORM_TEXT; /* a release before 2.3: text from now on */
                json = false;
                snap->error_text[0] = '\0';
                r = run_tool(ctx, path, token, text_args, text_what, res, snap, how);
        } else if (r == 0 && json) {
                *form = FORM_JSON;
        }
        *ret_json = json;
        return r;
}

/* `zfs get` of the two properties on every filesystem and volume. */
static int read_datasets(struct module_ctx *ctx, const struct zfs_config *cfg,
                         struct zfs_datasets *ret, struct snap *snap)
{
        static const char *const get_args[] = {
            "get", "-Hp", "-t", "filesystem,volume", ZFS_GET_PROPERTIES, NULL};
        static const char *const json_args[] = {
            "get", "-j", "-p", "-t", "filesystem,volume", ZFS_GET_PROPERTIES, NULL};
        struct zfs_priv *p = ctx->priv;
        struct runner_result res = {0};
        enum run_outcome how;
        bool json;
        int r = run_probed(ctx, cfg->zfs_path, "zfsPath", json_args, get_args, "zfs get -j",
                           "zfs get", &p->get_form, &res, snap, &how, &json);
        if (how == RUN_MISSING) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "%.120s not found although zpool lists pools; set zfsPath; keeping the "
                         "last values",
                         cfg->zfs_path);
                return r;
        }
        if (r < 0)
                return r;
        r = json ? zfs_parse_zfs_get_json(res.out.data, res.out.len, ret)
                 : zfs_parse_zfs_get(res.out.data, res.out.len, ret);
        runner_result_free(&res);
        if (r < 0)
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "%s (%s); keeping the last values",
                         json ? "zfs get -j printed text that is not the JSON it documents"
                              : "zfs get -Hp printed text that is not its tab-separated format",
                         strerror(-r));
        return r;
}

static int cmp_dataset(const void *a, const void *b)
{
        const struct zfs_dataset_row *x = a, *y = b;
        return mib_oid_cmp(x->idx, x->idx_len, y->idx, y->idx_len);
}

/* Rows for the datasets with dedup on (any setting but "off"). */
static int build_datasets(struct zfs_data *d, const struct zfs_datasets *ds, struct snap *snap)
{
        d->datasets = calloc(ds->n ? ds->n : 1, sizeof(*d->datasets));
        if (!d->datasets)
                return -ENOMEM;
        for (size_t i = 0; i < ds->n; i++) {
                const struct zfs_dataset *x = &ds->v[i];
                if (!x->has_dedup || strcmp(x->dedup, "off") == 0)
                        continue;
                struct zfs_dataset_row *r = &d->datasets[d->n_datasets];
                size_t len = strlen(x->name);
                int e = len > ZFS_DATASET_INDEX_MAX
                            ? -E2BIG
                            : mib_index_encode_string(x->name, len, false, r->idx,
                                                      sizeof(r->idx) / sizeof(r->idx[0]));
                if (e < 0) {
                        note(snap,
                             "dataset %.100s: name longer than 64 bytes, which "
                             "srvhZfsDatasetName cannot index; not served%s",
                             x->name, "");
                        continue;
                }
                r->ds = *x;
                r->idx_len = (size_t)e;
                d->n_datasets++;
        }
        qsort(d->datasets, d->n_datasets, sizeof(*d->datasets), cmp_dataset);
        size_t w = 0;
        for (size_t i = 0; i < d->n_datasets; i++) {
                if (w && cmp_dataset(&d->datasets[w - 1], &d->datasets[i]) == 0)
                        continue;
                d->datasets[w++] = d->datasets[i];
        }
        d->n_datasets = w;
        d->dataset_rows = calloc(w ? w : 1, sizeof(*d->dataset_rows));
        if (!d->dataset_rows)
                return -ENOMEM;
        for (size_t i = 0; i < w; i++) {
                d->dataset_rows[i].data = &d->datasets[i];
                if (mib_row_set_index(&d->dataset_rows[i], d->datasets[i].idx,
                                      d->datasets[i].idx_len) < 0)
                        return -EINVAL;
        }
        return 0;
}

static void read_arc(const char *root, struct zfs_data *d, struct snap *snap)
{
        char *buf = NULL;
        size_t len = 0;
        int r = sysroot_read(root, ZFS_ARCSTATS, &buf, &len);
        if (r < 0) {
                if (r != -ENOENT)
                        note(snap, "cannot read %s: %s; ARC figures not served", ZFS_ARCSTATS,
                             sysroot_strerror(r));
                return;
        }
        struct zfs_kstat k = {0};
        r = zfs_parse_kstat(buf, len, &k);
        if (r == 0 && zfs_arc_from_kstat(&k, &d->arc) == 0) {
                d->has_arc = true;
                d->arc_row = (struct mib_row){.idx = {0}, .idx_len = 1, .data = d};
        } else {
                note(snap, "%s is not a named kstat with ARC figures%s; ARC figures not served",
                     ZFS_ARCSTATS, "");
        }
        zfs_kstat_free(&k);
        free(buf);
}

/* A pool name we are willing to put into a path. */
static bool safe_name(const char *n)
{
        return n[0] && n[0] != '.' && !strchr(n, '/');
}

/* The sums over <pool>/ddt_stats_<checksum> (one kstat per checksum with a dedup table). */
static void read_ddt_kstats(const char *root, struct zfs_pool_row *p, struct snap *snap)
{
        char rel[ZFS_NAME_MAX + 64], dir[4096];
        snprintf(rel, sizeof(rel), ZFS_KSTAT_DIR "/%s", p->list.name);
        if (sysroot_path(root, rel, dir, sizeof(dir)) < 0)
                return;
        DIR *dh = opendir(dir);
        if (!dh)
                return;
        struct dirent *de;
        while ((de = readdir(dh))) {
                if (strncmp(de->d_name, "ddt_stats_", 10) != 0)
                        continue;
                char path[ZFS_NAME_MAX + 384], *buf = NULL;
                size_t len;
                snprintf(path, sizeof(path), "%s/%.255s", rel, de->d_name);
                if (sysroot_read(root, path, &buf, &len) < 0)
                        continue;
                struct zfs_kstat k = {0};
                const struct zfs_kstat_stat *a, *n, *e;
                if (zfs_parse_kstat(buf, len, &k) == 0 && (a = zfs_kstat_find(&k, "lookup")) &&
                    (n = zfs_kstat_find(&k, "lookup_new")) &&
                    (e = zfs_kstat_find(&k, "lookup_existing"))) {
                        p->has_ddt_lookups = true;
                        p->ddt_lookups += a->u;
                        p->ddt_lookup_new += n->u;
                        p->ddt_lookup_existing += e->u;
                } else {
                        note(snap, "%.160s is not a named kstat with DDT lookups; %s", path,
                             "its figures are not served");
                }
                zfs_kstat_free(&k);
                free(buf);
        }
        closedir(dh);
}

/* The kernel's word for each pool's state, and its DDT lookups. Between two zpool runs
 * (between) a known state also becomes the pool's health, so a pool that turns DEGRADED or
 * SUSPENDED is seen, and notified, without waiting for zpool. */
static void read_pool_kstats(const char *root, struct zfs_data *d, bool between, struct snap *snap)
{
        for (size_t i = 0; i < d->n_pools; i++) {
                struct zfs_pool_row *p = &d->pools[i];
                char path[ZFS_NAME_MAX + 64], *buf = NULL, word[32];
                size_t len;
                enum zfs_pool_health h;
                if (!safe_name(p->list.name))
                        continue;
                read_ddt_kstats(root, p, snap);
                snprintf(path, sizeof(path), ZFS_KSTAT_DIR "/%s/state", p->list.name);
                int r = sysroot_read(root, path, &buf, &len);
                if (r == -ENOENT)
                        continue; /* releases before 0.8 have no state kstat */
                if (r == 0 && zfs_parse_pool_state(buf, len, word, sizeof(word), &h) == 0) {
                        p->has_kernel_state = true;
                        p->kernel_state = h;
                        if (between && h != ZFS_HEALTH_UNKNOWN && h != p->list.health) {
                                p->list.health = h;
                                p->health = pool_health(p);
                        }
                } else {
                        note(snap, "%.160s: %.40s; the pool's kernel state is not served", path,
                             r < 0 ? sysroot_strerror(r) : "not one word of capitals");
                }
                free(buf);
        }
}

static void summarise(const struct zfs_data *d, struct snap *snap)
{
        struct strbuf sb;
        strbuf_init(&sb, snap->message, sizeof(snap->message));
        snap->health = SRVH_HEALTH_OK;
        for (size_t i = 0; i < d->n_pools; i++) {
                const struct zfs_pool_row *p = &d->pools[i];
                snap->health = srvh_health_worst(snap->health, p->health);
                if (p->health == SRVH_HEALTH_OK)
                        continue;
                if (p->data_errors && p->list.health == ZFS_HEALTH_ONLINE)
                        strbuf_append_sep(&sb, "; ", "pool %s has %llu data errors", p->list.name,
                                          (unsigned long long)p->data_errors);
                else
                        strbuf_append_sep(&sb, "; ", "pool %s is %s", p->list.name,
                                          zfs_pool_health_name(p->list.health));
        }
}

static void publish_tables(struct zfs_data *d, struct snap *snap)
{
        snap->tables[0] = (struct mib_rows){.v = d->pool_rows, .n = d->n_pools};
        snap->tables[1] = (struct mib_rows){.v = d->vdev_rows, .n = d->n_vdevs};
        snap->tables[2] = (struct mib_rows){.v = &d->arc_row, .n = d->has_arc ? 1 : 0};
        snap->tables[3] = (struct mib_rows){.v = d->dataset_rows, .n = d->n_datasets};
        snap->tables[4] = (struct mib_rows){.v = d->ddt_rows, .n = d->n_ddt};
}

/* Which forms the probes found, said once: appended to what else the poll noted. A form not
 * known yet (no pool imported, so status and zfs get did not run) is not named. */
static void forms_note(const struct zfs_priv *p, struct snap *snap)
{
        char text[200];
        const char *st = p->status_form == FORM_JSON   ? ", zpool status -j"
                         : p->status_form == FORM_TEXT ? ", zpool status (text: no -j)"
                                                       : "";
        const char *get = p->get_form == FORM_JSON   ? " and zfs get -j"
                          : p->get_form == FORM_TEXT ? "; zfs get (text: no -j)"
                                                     : "";
        if (p->list_form == FORM_JSON)
                snprintf(text, sizeof(text),
                         "zpool has JSON output (OpenZFS 2.3+): reading zpool list -j%s%s", st,
                         get);
        else
                snprintf(text, sizeof(text),
                         "zpool has no JSON output (-j, OpenZFS 2.3+): reading the text forms of "
                         "zpool list and zpool status%s",
                         p->get_form == FORM_JSON   ? ", and zfs get -j"
                         : p->get_form == FORM_TEXT ? " and zfs get"
                                                    : "");
        size_t n = strlen(snap->note);
        snprintf(snap->note + n, sizeof(snap->note) - n, "%s%s", n ? "; " : "", text);
}

/* One run of zpool list, zpool status and zfs get, parsed into the caller's zeroed
 * structures (which it frees, also on failure). */
static int run_zpool(struct module_ctx *ctx, struct snap *snap, struct zpool_list *list,
                     struct zpool_status *status, struct zfs_datasets *ds, bool *ret_json,
                     bool *ret_no_zfs, bool *ret_probed)
{
        const struct zfs_config *cfg = ctx->config;
        static const char *const list_args[] = {"list", "-Hp", "-o", ZFS_LIST_COLUMNS, NULL};
        static const char *const list_json[] = {"list", "-j", "-p", "-o", ZFS_LIST_COLUMNS, NULL};
        static const char *const status_args[] = {"status", "-p", "-D", NULL};
        static const char *const status_json[] = {"status", "-j", "-p", "-D", NULL};
        struct zfs_priv *p = ctx->priv;
        struct runner_result res = {0};
        enum run_outcome how;
        bool have_kstats = kstat_dir_exists(ctx->sysroot), json;
        enum out_form before = p->list_form, get_before = p->get_form;

        *ret_no_zfs = false;
        *ret_probed = false;
        int r = run_probed(ctx, cfg->zpool_path, "zpoolPath", list_json, list_args, "zpool list -j",
                           "zpool list", &p->list_form, &res, snap, &how, &json);
        if (r < 0 && !have_kstats && (how == RUN_MISSING || r == -EIO)) {
                /* No ZFS here: not an error, said once (the agent logs a note when it changes). */
                snap->error_text[0] = '\0';
                note(snap,
                     "no ZFS on this host (%.120s %s and no /proc/spl/kstat/zfs); serving empty "
                     "tables",
                     cfg->zpool_path, how == RUN_MISSING ? "not found" : "failed");
                *ret_no_zfs = true;
                return 0;
        }
        if (how == RUN_MISSING) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "%.120s not found although the ZFS module is loaded (%s exists); set "
                         "zpoolPath; keeping the last values",
                         cfg->zpool_path, ZFS_KSTAT_DIR);
                return r;
        }
        if (r < 0)
                return r;
        *ret_json = json;
        if (p->list_form == FORM_TEXT && p->status_form == FORM_PROBE)
                p->status_form = FORM_TEXT; /* the same binary: no -j for list, none for status */
        r = json ? zfs_parse_zpool_list_json(res.out.data, res.out.len, list)
                 : zfs_parse_zpool_list(res.out.data, res.out.len, list);
        runner_result_free(&res);
        if (r < 0) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "%s (%s); keeping the last values",
                         json ? "zpool list -j printed text that is not the JSON it documents"
                              : "zpool list -Hp printed text that is not its tab-separated format",
                         strerror(-r));
                return r;
        }
        if (list->n == 0)
                goto done;

        r = run_probed(ctx, cfg->zpool_path, "zpoolPath", status_json, status_args,
                       "zpool status -j", "zpool status", &p->status_form, &res, snap, &how, &json);
        if (r < 0)
                return r;
        *ret_json = json;
        r = json ? zfs_parse_zpool_status_json(res.out.data, res.out.len, status)
                 : zfs_parse_zpool_status(res.out.data, res.out.len, status);
        runner_result_free(&res);
        if (r < 0) {
                if (json)
                        snprintf(snap->error_text, sizeof(snap->error_text),
                                 "zpool status -j -p -D printed text that is not the JSON it "
                                 "documents (%s); keeping the last values",
                                 strerror(-r));
                else
                        snprintf(snap->error_text, sizeof(snap->error_text),
                                 "zpool status -p -D output %s (%s); keeping the last values",
                                 r == -EBADMSG ? "ends before a pool's errors: line (truncated)"
                                               : "is not in a format we know",
                                 strerror(-r));
                return r;
        }
        r = read_datasets(ctx, cfg, ds, snap);
        if (r < 0)
                return r;
done:
        *ret_probed =
            before == FORM_PROBE || (get_before == FORM_PROBE && p->get_form != FORM_PROBE);
        return 0;
}

static void keep_last(struct zfs_priv *p, struct zpool_list *l, struct zpool_status *st,
                      struct zfs_datasets *ds, int64_t now)
{
        zpool_list_free(&p->list);
        zpool_status_free(&p->status);
        zfs_datasets_free(&p->ds);
        p->list = *l;
        p->status = *st;
        p->ds = *ds;
        *l = (struct zpool_list){0};
        *st = (struct zpool_status){0};
        *ds = (struct zfs_datasets){0};
        p->have_last = true;
        p->ran_ms = now;
}

/* Whether zpool is due: always unless the last run was good and made with this config, the
 * state kstats are read between runs, and the scheduler's interval since that run has not passed
 * yet. */
static bool zpool_due(const struct module_ctx *ctx, int64_t now)
{
        const struct zfs_config *cfg = ctx->config;
        const struct zfs_priv *p = ctx->priv;
        if (!p->have_last || p->ran_config != ctx->config || !cfg->state_interval_s ||
            !ctx->interval_s || cfg->state_interval_s >= ctx->interval_s)
                return true;
        return now - p->ran_ms >= (int64_t)ctx->interval_s * 1000 - ZFS_DUE_SLACK_MS;
}

static int poll_once(struct module_ctx *ctx, struct snap *snap)
{
        const struct zfs_config *cfg = ctx->config;
        struct zfs_priv *p = ctx->priv;
        int64_t now = ctx->now_ms ? ctx->now_ms() : 0;
        struct zfs_data *d = calloc(1, sizeof(*d));
        if (!d)
                return -ENOMEM;
        snap->data = d;
        snap->free_data = zfs_data_free;

        bool between = !zpool_due(ctx, now), say_forms = false;
        if (!between) {
                struct zpool_list list = {0};
                struct zpool_status status = {0};
                struct zfs_datasets ds = {0};
                bool json = false, no_zfs = false;
                int r = run_zpool(ctx, snap, &list, &status, &ds, &json, &no_zfs, &say_forms);
                if (r == 0 && !no_zfs) {
                        keep_last(p, &list, &status, &ds, now);
                        p->form_json = json;
                        p->ran_config = ctx->config;
                }
                zpool_list_free(&list);
                zpool_status_free(&status);
                zfs_datasets_free(&ds);
                if (r < 0) {
                        p->have_last = false; /* the next poll runs zpool again */
                        return r;
                }
                if (no_zfs) {
                        p->have_last = false;
                        snap->health = SRVH_HEALTH_OK;
                        publish_tables(d, snap);
                        return 0;
                }
        }
        int r = build(d, &p->list, &p->status, cfg, snap->polled_at, snap);
        if (r == 0)
                r = build_datasets(d, &p->ds, snap);
        if (r < 0)
                return r;
        for (size_t i = 0; i < d->n_pools; i++)
                d->pools[i].form = p->form_json ? ZFS_FORM_JSON : ZFS_FORM_TEXT;
        read_arc(ctx->sysroot, d, snap);
        read_pool_kstats(ctx->sysroot, d, between, snap);
        if (say_forms)
                forms_note(p, snap);
        summarise(d, snap);
        publish_tables(d, snap);
        if (cfg->state_interval_s && now) {
                /* the next state read, or the next zpool run if that comes first */
                int64_t wake = now + (int64_t)cfg->state_interval_s * 1000;
                int64_t due = p->ran_ms + (int64_t)ctx->interval_s * 1000;
                if (ctx->interval_s && due > now && due < wake)
                        wake = due;
                ctx->next_wake_ms = wake;
        }
        return 0;
}

/* zpool hung: what the kernel's per-pool state kstat says (a SUSPENDED pool is the usual cause),
 * read below the sysroot for the pools of the last good poll, added to the reason. */
static void explain_hang(const struct zfs_priv *p, const char *root, struct snap *snap)
{
        char text[160];
        struct strbuf sb;
        strbuf_init(&sb, text, sizeof(text));
        for (size_t i = 0; i < p->n_names; i++) {
                char path[ZFS_NAME_MAX + 64], *buf = NULL, word[32];
                size_t len;
                enum zfs_pool_health h;
                if (!safe_name(p->names[i]))
                        continue;
                snprintf(path, sizeof(path), ZFS_KSTAT_DIR "/%s/state", p->names[i]);
                if (sysroot_read(root, path, &buf, &len) < 0)
                        continue;
                if (zfs_parse_pool_state(buf, len, word, sizeof(word), &h) == 0 &&
                    h != ZFS_HEALTH_ONLINE)
                        strbuf_append_sep(&sb, ", ", "%s %s", p->names[i], word);
                free(buf);
        }
        if (strbuf_len(&sb)) {
                size_t n = strlen(snap->error_text);
                snprintf(snap->error_text + n, sizeof(snap->error_text) - n,
                         "; the kernel says: %s", text);
        }
}

static void remember_pools(struct zfs_priv *p, const struct zfs_data *d)
{
        char(*v)[ZFS_NAME_MAX] = realloc(p->names, (d->n_pools ? d->n_pools : 1) * sizeof(*v));
        if (!v)
                return;
        p->names = v;
        for (size_t i = 0; i < d->n_pools; i++)
                memcpy(v[i], d->pools[i].list.name, ZFS_NAME_MAX);
        p->n_names = d->n_pools;
}

static int zfs_poll(struct module_ctx *ctx, struct snap *snap)
{
        struct zfs_priv *p = ctx->priv;
        int r = poll_once(ctx, snap);
        if (r == -ETIMEDOUT)
                explain_hang(p, ctx->sysroot, snap);
        else if (r == 0 && snap->data)
                remember_pools(p, snap->data);
        return r;
}

static int zfs_init(struct module_ctx *ctx)
{
        ctx->priv = calloc(1, sizeof(struct zfs_priv)); /* every form FORM_PROBE */
        return ctx->priv ? 0 : -ENOMEM;
}

static void zfs_teardown(struct module_ctx *ctx)
{
        struct zfs_priv *p = ctx->priv;
        if (p) {
                free(p->names);
                zpool_list_free(&p->list);
                zpool_status_free(&p->status);
                zfs_datasets_free(&p->ds);
        }
        free(ctx->priv);
        ctx->priv = NULL;
}

static int zfs_snap_diff(const struct snap *old, const struct snap *new_snap, const void *config,
                         struct event_list *out)
{
        (void)config;
        if (!new_snap->data)
                return 0;
        return zfs_diff(old ? old->data : NULL, new_snap->data, out);
}

/* ---- getters --------------------------------------------------------------------------------- */

static void set_bytes_pair(struct mib_value *v, bool mib, uint64_t bytes)
{
        if (mib)
                mib_set_gauge(v, bytes >> 20);
        else
                mib_set_counter64(v, bytes);
}

static int get_pool(const void *data, unsigned column, struct mib_value *v)
{
        const struct zfs_pool_row *p = data;
        const struct zpool_list_row *l = &p->list;
        bool st = p->has_status;
        bool running =
            st && (p->scan.state == ZFS_SCAN_RUNNING || p->scan.state == ZFS_SCAN_PAUSED);
        switch (column) {
        case SRVH_ZP_HEALTH:
                mib_set_int(v, l->health);
                return 0;
        case SRVH_ZP_STATUS:
                mib_set_int(v, p->health);
                return 0;
        case SRVH_ZP_SIZE_BYTES:
        case SRVH_ZP_SIZE_MIB:
                if (!l->has_size)
                        return -ENOENT;
                set_bytes_pair(v, column == SRVH_ZP_SIZE_MIB, l->size);
                return 0;
        case SRVH_ZP_ALLOC_BYTES:
        case SRVH_ZP_ALLOC_MIB:
                if (!l->has_alloc)
                        return -ENOENT;
                set_bytes_pair(v, column == SRVH_ZP_ALLOC_MIB, l->alloc);
                return 0;
        case SRVH_ZP_FREE_BYTES:
        case SRVH_ZP_FREE_MIB:
                if (!l->has_free)
                        return -ENOENT;
                set_bytes_pair(v, column == SRVH_ZP_FREE_MIB, l->free);
                return 0;
        case SRVH_ZP_FRAGMENTATION:
                if (!l->has_frag)
                        return -ENOENT;
                mib_set_int(v, l->frag);
                return 0;
        case SRVH_ZP_CAPACITY:
                if (!l->has_cap)
                        return -ENOENT;
                mib_set_int(v, l->cap);
                return 0;
        case SRVH_ZP_DEDUP_RATIO:
                if (!l->has_dedup)
                        return -ENOENT;
                mib_set_int(v, l->dedup > INT32_MAX ? INT32_MAX : (int64_t)l->dedup);
                return 0;
        case SRVH_ZP_READ_ERRORS:
        case SRVH_ZP_WRITE_ERRORS:
        case SRVH_ZP_CKSUM_ERRORS:
        case SRVH_ZP_DATA_ERRORS:
                if (!st)
                        return -ENOENT;
                mib_set_gauge(v, column == SRVH_ZP_READ_ERRORS    ? p->read
                                 : column == SRVH_ZP_WRITE_ERRORS ? p->write
                                 : column == SRVH_ZP_CKSUM_ERRORS ? p->cksum
                                                                  : p->data_errors);
                return 0;
        case SRVH_ZP_SCAN_FUNCTION:
        case SRVH_ZP_SCAN_STATE:
                if (!st)
                        return -ENOENT;
                mib_set_int(v, column == SRVH_ZP_SCAN_STATE ? (int64_t)p->scan.state
                                                            : (int64_t)p->scan.func);
                return 0;
        case SRVH_ZP_SCAN_PROGRESS:
                if (!running || !p->scan.has_progress)
                        return -ENOENT;
                mib_set_int(v, p->scan.progress);
                return 0;
        case SRVH_ZP_SCAN_ETA:
                if (!running || !p->scan.has_eta)
                        return -ENOENT;
                mib_set_gauge(v, p->scan.eta_s);
                return 0;
        case SRVH_ZP_SCAN_COMPLETED:
                if (!st || p->scan.state != ZFS_SCAN_FINISHED || p->scan_time <= 0)
                        return -ENOENT;
                mib_set_datetime(v, p->scan_time);
                return 0;
        case SRVH_ZP_SCAN_AGE:
                if (p->scan_age_s < 0)
                        return -ENOENT;
                mib_set_gauge(v, (uint64_t)p->scan_age_s);
                return 0;
        case SRVH_ZP_SCAN_ERRORS:
                if (!st || !p->scan.has_errors)
                        return -ENOENT;
                mib_set_gauge(v, p->scan.errors);
                return 0;
        case SRVH_ZP_DDT_ENTRIES:
                if (!p->has_ddt)
                        return -ENOENT;
                mib_set_gauge(v, p->ddt_entries);
                return 0;
        case SRVH_ZP_DDT_DISK_BYTES:
        case SRVH_ZP_DDT_CORE_BYTES:
                if (!p->has_ddt)
                        return -ENOENT;
                mib_set_counter64(v, column == SRVH_ZP_DDT_DISK_BYTES ? p->ddt_disk_bytes
                                                                      : p->ddt_core_bytes);
                return 0;
        case SRVH_ZP_KERNEL_STATE:
                if (!p->has_kernel_state)
                        return -ENOENT;
                mib_set_int(v, p->kernel_state);
                return 0;
        case SRVH_ZP_DDT_LOOKUPS:
        case SRVH_ZP_DDT_LOOKUP_NEW:
        case SRVH_ZP_DDT_LOOKUP_HIT:
                if (!p->has_ddt_lookups)
                        return -ENOENT;
                mib_set_counter64(v, column == SRVH_ZP_DDT_LOOKUPS      ? p->ddt_lookups
                                     : column == SRVH_ZP_DDT_LOOKUP_NEW ? p->ddt_lookup_new
                                                                        : p->ddt_lookup_existing);
                return 0;
        case SRVH_ZP_SOURCE_FORM:
                mib_set_int(v, p->form);
                return 0;
        case SRVH_ZP_SCRUB_OVERDUE:
                if (p->scrub_overdue < 0)
                        return -ENOENT;
                mib_set_int(v, p->scrub_overdue ? 1 : 2); /* TruthValue */
                return 0;
        default:
                return -ENOENT;
        }
}

static int get_vdev(const void *data, unsigned column, struct mib_value *v)
{
        const struct zfs_vdev_row *r = data;
        const struct zpool_vdev *d = &r->v;
        switch (column) {
        case SRVH_ZV_STATE:
                mib_set_int(v, d->state);
                return 0;
        case SRVH_ZV_READ_ERRORS:
        case SRVH_ZV_WRITE_ERRORS:
        case SRVH_ZV_CKSUM_ERRORS:
                if (!d->has_counters)
                        return -ENOENT;
                mib_set_gauge(v, column == SRVH_ZV_READ_ERRORS    ? d->read
                                 : column == SRVH_ZV_WRITE_ERRORS ? d->write
                                                                  : d->cksum);
                return 0;
        case SRVH_ZV_PARENT:
                mib_set_string(v, d->parent);
                return 0;
        case SRVH_ZV_DEPTH:
                mib_set_int(v, d->depth);
                return 0;
        case SRVH_ZV_NOTE:
                mib_set_string(v, d->note);
                return 0;
        case SRVH_ZV_GUID:
        case SRVH_ZV_PATH:
        case SRVH_ZV_TYPE: {
                const char *t = column == SRVH_ZV_GUID   ? d->guid
                                : column == SRVH_ZV_PATH ? d->path
                                                         : d->type;
                if (!t[0])
                        return -ENOENT;
                mib_set_string(v, t);
                return 0;
        }
        default:
                return -ENOENT;
        }
}

static int get_ddt(const void *data, unsigned column, struct mib_value *v)
{
        const struct zfs_ddt_bucket *b = &((const struct zfs_ddt_row *)data)->b;
        switch (column) {
        case SRVH_ZT_ALLOC_BLOCKS:
                mib_set_gauge(v, b->alloc_blocks);
                return 0;
        case SRVH_ZT_ALLOC_LSIZE:
                mib_set_counter64(v, b->alloc_lsize);
                return 0;
        case SRVH_ZT_ALLOC_PSIZE:
                mib_set_counter64(v, b->alloc_psize);
                return 0;
        case SRVH_ZT_ALLOC_DSIZE:
        case SRVH_ZT_ALLOC_DSIZE_MIB:
                set_bytes_pair(v, column == SRVH_ZT_ALLOC_DSIZE_MIB, b->alloc_dsize);
                return 0;
        case SRVH_ZT_REF_BLOCKS:
                mib_set_gauge(v, b->ref_blocks);
                return 0;
        case SRVH_ZT_REF_LSIZE:
                mib_set_counter64(v, b->ref_lsize);
                return 0;
        case SRVH_ZT_REF_PSIZE:
                mib_set_counter64(v, b->ref_psize);
                return 0;
        case SRVH_ZT_REF_DSIZE:
        case SRVH_ZT_REF_DSIZE_MIB:
                set_bytes_pair(v, column == SRVH_ZT_REF_DSIZE_MIB, b->ref_dsize);
                return 0;
        default:
                return -ENOENT;
        }
}

static int get_dataset(const void *data, unsigned column, struct mib_value *v)
{
        const struct zfs_dataset *ds = &((const struct zfs_dataset_row *)data)->ds;
        switch (column) {
        case SRVH_ZD_DEDUP:
                mib_set_string(v, ds->dedup);
                return 0;
        case SRVH_ZD_COMPRESS_RATIO:
                if (!ds->has_compressratio)
                        return -ENOENT;
                mib_set_int(v,
                            ds->compressratio > INT32_MAX ? INT32_MAX : (int64_t)ds->compressratio);
                return 0;
        default:
                return -ENOENT;
        }
}

static int get_arc(const void *data, unsigned column, struct mib_value *v)
{
        const struct zfs_arc *a = &((const struct zfs_data *)data)->arc;
        switch (column) {
        case SRVH_ARC_SIZE_BYTES:
        case SRVH_ARC_SIZE_MIB:
                if (!a->has_size)
                        return -ENOENT;
                set_bytes_pair(v, column == SRVH_ARC_SIZE_MIB, a->size);
                return 0;
        case SRVH_ARC_TARGET_BYTES:
                if (!a->has_target)
                        return -ENOENT;
                mib_set_counter64(v, a->target);
                return 0;
        case SRVH_ARC_MAX_BYTES:
                if (!a->has_max)
                        return -ENOENT;
                mib_set_counter64(v, a->max);
                return 0;
        case SRVH_ARC_HITS:
                if (!a->has_hits)
                        return -ENOENT;
                mib_set_counter64(v, a->hits);
                return 0;
        case SRVH_ARC_MISSES:
                if (!a->has_misses)
                        return -ENOENT;
                mib_set_counter64(v, a->misses);
                return 0;
        case SRVH_ARC_HIT_RATIO: {
                if (!a->has_hits || !a->has_misses || a->hits + a->misses == 0)
                        return -ENOENT;
                /* hundredths of a percent, since boot; long double keeps 64-bit counts exact
                 * enough and cannot overflow */
                long double r =
                    (long double)a->hits * 10000.0L / ((long double)a->hits + a->misses);
                mib_set_int(v, (int64_t)r);
                return 0;
        }
        case SRVH_ARC_L2_SIZE:
                if (!a->has_l2_size)
                        return -ENOENT;
                mib_set_counter64(v, a->l2_size);
                return 0;
        case SRVH_ARC_L2_HITS:
                if (!a->has_l2_hits)
                        return -ENOENT;
                mib_set_counter64(v, a->l2_hits);
                return 0;
        case SRVH_ARC_L2_MISSES:
                if (!a->has_l2_misses)
                        return -ENOENT;
                mib_set_counter64(v, a->l2_misses);
                return 0;
        default:
                return -ENOENT;
        }
}

static const unsigned pool_columns[] = {
    SRVH_ZP_HEALTH,         SRVH_ZP_STATUS,         SRVH_ZP_SIZE_BYTES,    SRVH_ZP_SIZE_MIB,
    SRVH_ZP_ALLOC_BYTES,    SRVH_ZP_ALLOC_MIB,      SRVH_ZP_FREE_BYTES,    SRVH_ZP_FREE_MIB,
    SRVH_ZP_FRAGMENTATION,  SRVH_ZP_CAPACITY,       SRVH_ZP_DEDUP_RATIO,   SRVH_ZP_READ_ERRORS,
    SRVH_ZP_WRITE_ERRORS,   SRVH_ZP_CKSUM_ERRORS,   SRVH_ZP_DATA_ERRORS,   SRVH_ZP_SCAN_FUNCTION,
    SRVH_ZP_SCAN_STATE,     SRVH_ZP_SCAN_PROGRESS,  SRVH_ZP_SCAN_ETA,      SRVH_ZP_SCAN_COMPLETED,
    SRVH_ZP_SCAN_AGE,       SRVH_ZP_SCAN_ERRORS,    SRVH_ZP_SCRUB_OVERDUE, SRVH_ZP_DDT_ENTRIES,
    SRVH_ZP_DDT_DISK_BYTES, SRVH_ZP_DDT_CORE_BYTES, SRVH_ZP_KERNEL_STATE,  SRVH_ZP_DDT_LOOKUPS,
    SRVH_ZP_DDT_LOOKUP_NEW, SRVH_ZP_DDT_LOOKUP_HIT, SRVH_ZP_SOURCE_FORM,
};

static const unsigned vdev_columns[] = {
    SRVH_ZV_STATE, SRVH_ZV_READ_ERRORS, SRVH_ZV_WRITE_ERRORS, SRVH_ZV_CKSUM_ERRORS, SRVH_ZV_PARENT,
    SRVH_ZV_DEPTH, SRVH_ZV_NOTE,        SRVH_ZV_GUID,         SRVH_ZV_PATH,         SRVH_ZV_TYPE,
};

static const unsigned arc_columns[] = {
    SRVH_ARC_SIZE_BYTES, SRVH_ARC_SIZE_MIB,  SRVH_ARC_TARGET_BYTES, SRVH_ARC_MAX_BYTES,
    SRVH_ARC_HITS,       SRVH_ARC_MISSES,    SRVH_ARC_HIT_RATIO,    SRVH_ARC_L2_SIZE,
    SRVH_ARC_L2_HITS,    SRVH_ARC_L2_MISSES,
};

static const unsigned dataset_columns[] = {SRVH_ZD_DEDUP, SRVH_ZD_COMPRESS_RATIO};

static const unsigned ddt_columns[] = {
    SRVH_ZT_ALLOC_BLOCKS,    SRVH_ZT_ALLOC_LSIZE,   SRVH_ZT_ALLOC_PSIZE, SRVH_ZT_ALLOC_DSIZE,
    SRVH_ZT_ALLOC_DSIZE_MIB, SRVH_ZT_REF_BLOCKS,    SRVH_ZT_REF_LSIZE,   SRVH_ZT_REF_PSIZE,
    SRVH_ZT_REF_DSIZE,       SRVH_ZT_REF_DSIZE_MIB,
};

/* Column names for srvhealthd --dump, in the order of the columns above. */
static const char *const pool_column_names[] = {
    "srvhZpoolHealth",       "srvhZpoolStatus",         "srvhZpoolSizeBytes",
    "srvhZpoolSizeMiB",      "srvhZpoolAllocBytes",     "srvhZpoolAllocMiB",
    "srvhZpoolFreeBytes",    "srvhZpoolFreeMiB",        "srvhZpoolFragmentation",
    "srvhZpoolCapacity",     "srvhZpoolDedupRatio",     "srvhZpoolReadErrors",
    "srvhZpoolWriteErrors",  "srvhZpoolChecksumErrors", "srvhZpoolDataErrors",
    "srvhZpoolScanFunction", "srvhZpoolScanState",      "srvhZpoolScanProgress",
    "srvhZpoolScanTimeLeft", "srvhZpoolScanCompleted",  "srvhZpoolScanAge",
    "srvhZpoolScanErrors",   "srvhZpoolScrubOverdue",   "srvhZpoolDdtEntries",
    "srvhZpoolDdtDiskBytes", "srvhZpoolDdtCoreBytes",   "srvhZpoolKernelState",
    "srvhZpoolDdtLookups",   "srvhZpoolDdtLookupsNew",  "srvhZpoolDdtLookupsExisting",
    "srvhZpoolSourceForm",
};
_Static_assert(sizeof(pool_column_names) / sizeof(pool_column_names[0]) ==
                   sizeof(pool_columns) / sizeof(pool_columns[0]),
               "one name per column");
static const char *const vdev_column_names[] = {
    "srvhZfsVdevState",          "srvhZfsVdevReadErrors", "srvhZfsVdevWriteErrors",
    "srvhZfsVdevChecksumErrors", "srvhZfsVdevParent",     "srvhZfsVdevDepth",
    "srvhZfsVdevNote",           "srvhZfsVdevGuid",       "srvhZfsVdevPath",
    "srvhZfsVdevType",
};
_Static_assert(sizeof(vdev_column_names) / sizeof(vdev_column_names[0]) ==
                   sizeof(vdev_columns) / sizeof(vdev_columns[0]),
               "one name per column");
static const char *const arc_column_names[] = {
    "srvhZfsArcSizeBytes", "srvhZfsArcSizeMiB",  "srvhZfsArcTargetBytes", "srvhZfsArcMaxBytes",
    "srvhZfsArcHits",      "srvhZfsArcMisses",   "srvhZfsArcHitRatio",    "srvhZfsArcL2SizeBytes",
    "srvhZfsArcL2Hits",    "srvhZfsArcL2Misses",
};
_Static_assert(sizeof(arc_column_names) / sizeof(arc_column_names[0]) ==
                   sizeof(arc_columns) / sizeof(arc_columns[0]),
               "one name per column");
static const char *const dataset_column_names[] = {
    "srvhZfsDatasetDedup",
    "srvhZfsDatasetCompressRatio",
};
_Static_assert(sizeof(dataset_column_names) / sizeof(dataset_column_names[0]) ==
                   sizeof(dataset_columns) / sizeof(dataset_columns[0]),
               "one name per column");
static const char *const ddt_column_names[] = {
    "srvhZfsDdtAllocBlocks", "srvhZfsDdtAllocLsize",    "srvhZfsDdtAllocPsize",
    "srvhZfsDdtAllocDsize",  "srvhZfsDdtAllocDsizeMiB", "srvhZfsDdtRefBlocks",
    "srvhZfsDdtRefLsize",    "srvhZfsDdtRefPsize",      "srvhZfsDdtRefDsize",
    "srvhZfsDdtRefDsizeMiB",
};
_Static_assert(sizeof(ddt_column_names) / sizeof(ddt_column_names[0]) ==
                   sizeof(ddt_columns) / sizeof(ddt_columns[0]),
               "one name per column");
static const char *const *const zfs_column_names[] = {
    pool_column_names, vdev_column_names, arc_column_names, dataset_column_names, ddt_column_names};

static const struct mib_table zfs_tables[] = {
    {
        .name = "srvhZpoolTable",
        .oid = {SRVH_ZFS, SRVH_ZFS_POOL_TABLE, 1},
        .oid_len = 3,
        .columns = pool_columns,
        .n_columns = sizeof(pool_columns) / sizeof(pool_columns[0]),
        .get = get_pool,
    },
    {
        .name = "srvhZfsVdevTable",
        .oid = {SRVH_ZFS, SRVH_ZFS_VDEV_TABLE, 1},
        .oid_len = 3,
        .columns = vdev_columns,
        .n_columns = sizeof(vdev_columns) / sizeof(vdev_columns[0]),
        .get = get_vdev,
    },
    {
        .name = "srvhZfsArc",
        .oid = {SRVH_ZFS, SRVH_ZFS_ARC},
        .oid_len = 2,
        .columns = arc_columns,
        .n_columns = sizeof(arc_columns) / sizeof(arc_columns[0]),
        .get = get_arc,
    },
    {
        .name = "srvhZfsDatasetTable",
        .oid = {SRVH_ZFS, SRVH_ZFS_DATASET_TABLE, 1},
        .oid_len = 3,
        .columns = dataset_columns,
        .n_columns = sizeof(dataset_columns) / sizeof(dataset_columns[0]),
        .get = get_dataset,
    },
    {
        .name = "srvhZfsDdtTable",
        .oid = {SRVH_ZFS, SRVH_ZFS_DDT_TABLE, 1},
        .oid_len = 3,
        .columns = ddt_columns,
        .n_columns = sizeof(ddt_columns) / sizeof(ddt_columns[0]),
        .get = get_ddt,
    },
};

const struct module_ops zfs_module = {
    .index = SRVH_MODULE_ZFS,
    .name = "zfs",
    .default_interval = 60,
    .default_timeout = 30,
    .config = &zfs_config_ops,
    .tables = zfs_tables,
    .n_tables = sizeof(zfs_tables) / sizeof(zfs_tables[0]),
    .column_names = zfs_column_names,
    .init = zfs_init,
    .poll = zfs_poll,
    .teardown = zfs_teardown,
    .diff = zfs_snap_diff,
};
