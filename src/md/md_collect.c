/* The md RAID collector: reads /proc/mdstat and /sys/block/mdX/md/ below the sysroot on its own
 * thread, joins them into rows (md_model.c) and publishes srvhRaidArrayTable and
 * srvhRaidMemberTable as one snapshot. Also the cell getters for both tables and the diff hook. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/module.h"
#include "core/strbuf.h"
#include "md/md_config.h"
#include "core/sysroot.h"
#include "md/md_model.h"
#include "md/md_parse.h"
#include "srvhealth/oids.h"

/* Indexes for array names that are not mdN or md_dN start here (see md_array_index). */
#define MD_OTHER_INDEX_BASE 0x200000u

/* What the array table's rows point at. */
struct md_array_view {
        const struct md_array_row *row;
        char members_text[256];
};

/* Snapshot payload. Owner: the snapshot (freed by md_data_free). */
struct md_data {
        struct md_array_row *arrays; /* sorted by index */
        struct md_array_view *views;
        size_t n_arrays;
        struct mib_row *array_rows;
        struct mib_row *member_rows;
        size_t n_members;
};

/* Collector state kept between polls. */
struct md_priv {
        struct md_array_row *prev; /* last poll's rows without members, for last_change */
        size_t n_prev;
        char (*other_names)[MD_NAME_MAX]; /* names given an index from MD_OTHER_INDEX_BASE */
        size_t n_other;
};

static const char *const array_attr_names[] = {
    "array_state",    "level",          "raid_disks", "degraded",
    "sync_action",    "sync_completed", "sync_speed", "mismatch_cnt",
    "component_size", "array_size",     "uuid",       "metadata_version",
};
#define N_ARRAY_ATTRS (sizeof(array_attr_names) / sizeof(array_attr_names[0]))

static void md_data_free(void *p)
{
        struct md_data *d = p;
        if (!d)
                return;
        for (size_t i = 0; i < d->n_arrays; i++)
                md_array_row_clear(&d->arrays[i]);
        free(d->arrays);
        free(d->views);
        free(d->array_rows);
        free(d->member_rows);
        free(d);
}

static uint32_t other_index(struct md_priv *p, const char *name)
{
        for (size_t i = 0; i < p->n_other; i++) {
                if (strcmp(p->other_names[i], name) == 0)
                        return MD_OTHER_INDEX_BASE + (uint32_t)i + 1;
        }
        char(*v)[MD_NAME_MAX] = realloc(p->other_names, (p->n_other + 1) * sizeof(*v));
        if (!v)
                return 0;
        p->other_names = v;
        snprintf(v[p->n_other], MD_NAME_MAX, "%s", name);
        return MD_OTHER_INDEX_BASE + (uint32_t)++p->n_other;
}

/* Keep the first problem of a poll; it is logged once by the SNMP thread. */
static void note(struct snap *s, const char *array, const char *action, const char *path, int err)
{
        if (s->note[0])
                return;
        snprintf(s->note, sizeof(s->note),
                 "%.32s: cannot %.8s %.120s: %.48s; serving what "
                 "/proc/mdstat says",
                 array, action, path, sysroot_strerror(err));
}

/* The sysfs text of one array, read for md_model_build. */
struct sysfs_texts {
        char *attr[N_ARRAY_ATTRS];
        struct md_sysfs_member_raw *members;
        char **member_bufs; /* 4 per member: name, state, slot, errors */
        size_t n_members;
        bool has_rd_links;
};

/* One md/rdN -> dev-<member> link. */
struct rd_link {
        char member[MD_NAME_MAX];
        int slot;
};

static void sysfs_texts_free(struct sysfs_texts *t)
{
        for (size_t i = 0; i < N_ARRAY_ATTRS; i++)
                free(t->attr[i]);
        for (size_t i = 0; i < t->n_members * 4; i++)
                free(t->member_bufs[i]);
        free(t->member_bufs);
        free(t->members);
        memset(t, 0, sizeof(*t));
}

/* One attribute file name in the directory open at dirfd, which is rel (for messages). */
static char *read_attr(int dirfd, const char *rel, const char *name, struct snap *s,
                       const char *array)
{
        char *buf = NULL;
        size_t len;
        int r = sysroot_read_at(dirfd, name, &buf, &len);
        if (r < 0) {
                if (r != -ENOENT) {
                        char path[600];
                        snprintf(path, sizeof(path), "%s/%s", rel, name);
                        note(s, array, "read", path, r);
                }
                return NULL;
        }
        return buf;
}

/* An "rdN" entry of md/: N, or -1 for any other name. */
static int rd_number(const char *d)
{
        if (d[0] != 'r' || d[1] != 'd' || d[2] < '0' || d[2] > '9')
                return -1;
        long n = 0;
        for (const char *p = d + 2; *p; p++) {
                if (*p < '0' || *p > '9' || n > 100000)
                        return -1;
                n = n * 10 + (*p - '0');
        }
        return (int)n;
}

/* The member an rdN link names: its target is "dev-<name>" (relative, in the same directory). */
static void read_rd_link(int dirfd, const char *entry, int slot, struct sysfs_texts *t,
                         struct rd_link **links, size_t *n_links)
{
        char target[256];
        if (sysroot_readlink_at(dirfd, entry, target, sizeof(target)) < 0)
                return;
        const char *base = strrchr(target, '/');
        base = base ? base + 1 : target;
        if (strncmp(base, "dev-", 4) != 0 || !base[4])
                return;
        struct rd_link *v = realloc(*links, (*n_links + 1) * sizeof(*v));
        if (!v)
                return;
        *links = v;
        snprintf(v[*n_links].member, sizeof(v[*n_links].member), "%s", base + 4);
        v[*n_links].slot = slot;
        (*n_links)++;
        t->has_rd_links = true;
}

/* state, slot and errors of the member directory entry (dev-<name>) of md/, open at dirfd. */
static void read_member(int dirfd, const char *rel, const char *entry, char **mb, struct snap *s,
                        const char *array)
{
        static const char *const files[] = {"state", "slot", "errors"};
        char mrel[600];
        snprintf(mrel, sizeof(mrel), "%s/%s", rel, entry);
        int fd = sysroot_open_dir_at(dirfd, entry);
        if (fd < 0) {
                if (fd != -ENOENT)
                        note(s, array, "open", mrel, fd);
                return;
        }
        for (size_t k = 0; k < 3; k++)
                mb[k] = read_attr(fd, mrel, files[k], s, array);
        close(fd);
}

/* Read /sys/block/<name>/md: its directory is opened once and every attribute read relative to
 * it. Returns false when the directory is not there (mdstat only). */
static bool read_sysfs(const char *root, const char *name, struct sysfs_texts *t, struct snap *s)
{
        char rel[256];
        snprintf(rel, sizeof(rel), "/sys/block/%s/md", name);
        int fd = sysroot_open_dir(root, rel);
        DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
        if (!dir) {
                int err = fd >= 0 ? -errno : fd;
                if (fd >= 0)
                        close(fd);
                if (err != -ENOENT)
                        note(s, name, "open", rel, err);
                return false;
        }
        fd = dirfd(dir);
        for (size_t i = 0; i < N_ARRAY_ATTRS; i++)
                t->attr[i] = read_attr(fd, rel, array_attr_names[i], s, name);
        struct dirent *de;
        struct rd_link *links = NULL;
        size_t n_links = 0;
        while ((de = readdir(dir)) != NULL) {
                int rd = rd_number(de->d_name);
                if (rd >= 0) {
                        read_rd_link(fd, de->d_name, rd, t, &links, &n_links);
                        continue;
                }
                if (strncmp(de->d_name, "dev-", 4) != 0 || !de->d_name[4])
                        continue;
                size_t n = t->n_members;
                struct md_sysfs_member_raw *m = realloc(t->members, (n + 1) * sizeof(*m));
                if (!m)
                        break;
                t->members = m;
                char **b = realloc(t->member_bufs, (n + 1) * 4 * sizeof(*b));
                if (!b)
                        break;
                t->member_bufs = b;
                char **mb = &b[n * 4];
                mb[0] = strdup(de->d_name + 4);
                mb[1] = mb[2] = mb[3] = NULL;
                read_member(fd, rel, de->d_name, mb + 1, s, name);
                t->members[n] = (struct md_sysfs_member_raw){.name = mb[0] ? mb[0] : "",
                                                             .state = mb[1],
                                                             .slot = mb[2],
                                                             .errors = mb[3],
                                                             .rd_slot = -1};
                t->n_members = n + 1;
        }
        closedir(dir);
        for (size_t i = 0; i < n_links; i++)
                for (size_t k = 0; k < t->n_members; k++)
                        if (strcmp(t->members[k].name, links[i].member) == 0)
                                t->members[k].rd_slot = links[i].slot;
        free(links);
        return true;
}

static void fill_raw(const struct sysfs_texts *t, struct md_sysfs_raw *raw)
{
        const char **f[N_ARRAY_ATTRS] = {
            &raw->array_state,    &raw->level,          &raw->raid_disks, &raw->degraded,
            &raw->sync_action,    &raw->sync_completed, &raw->sync_speed, &raw->mismatch_cnt,
            &raw->component_size, &raw->array_size,     &raw->uuid,       &raw->metadata_version,
        };
        for (size_t i = 0; i < N_ARRAY_ATTRS; i++)
                *f[i] = t->attr[i];
        raw->members = t->members;
        raw->n_members = t->n_members;
        raw->has_rd_links = t->has_rd_links;
}

/* A kernel name we are willing to put into a path. */
static bool safe_name(const char *n)
{
        return n[0] && n[0] != '.' && !strchr(n, '/');
}

static int cmp_array(const void *a, const void *b)
{
        const struct md_array_row *x = a, *y = b;
        return x->index < y->index ? -1 : x->index > y->index;
}

static void members_text(const struct md_array_row *r, char *out, size_t outsz)
{
        struct strbuf sb;
        strbuf_init(&sb, out, outsz);
        for (size_t i = 0; i < r->n_members; i++) {
                const struct md_member_row *m = &r->members[i];
                if (m->device[0])
                        strbuf_append_sep(&sb, " ", "%s[%s]", m->device,
                                          md_member_role_name(m->role));
        }
}

static int build_rows(struct md_data *d)
{
        d->array_rows = calloc(d->n_arrays ? d->n_arrays : 1, sizeof(*d->array_rows));
        d->views = calloc(d->n_arrays ? d->n_arrays : 1, sizeof(*d->views));
        size_t total = 0;
        for (size_t i = 0; i < d->n_arrays; i++)
                total += d->arrays[i].n_members;
        d->member_rows = calloc(total ? total : 1, sizeof(*d->member_rows));
        if (!d->array_rows || !d->views || !d->member_rows)
                return -ENOMEM;
        for (size_t i = 0; i < d->n_arrays; i++) {
                const struct md_array_row *a = &d->arrays[i];
                d->views[i].row = a;
                members_text(a, d->views[i].members_text, sizeof(d->views[i].members_text));
                d->array_rows[i] =
                    (struct mib_row){.idx = {a->index}, .idx_len = 1, .data = &d->views[i]};
                for (size_t k = 0; k < a->n_members; k++) {
                        d->member_rows[d->n_members++] =
                            (struct mib_row){.idx = {a->index, a->members[k].index},
                                             .idx_len = 2,
                                             .data = &a->members[k]};
                }
        }
        return 0;
}

/* mdadm.conf as configured: *ret NULL when there is none to read (mdadmConf none, or the
 * default file does not exist). A file that cannot be read or parsed leaves *ret NULL and says
 * so in why: the expected arrays cannot be checked then. */
static void read_mdadm_conf(const char *root, const struct md_config *mc, struct mdadm_conf **ret,
                            char *why, size_t whysz)
{
        const char *path = mc ? mc->mdadm_conf : MD_DEFAULT_MDADM_CONF;
        char *text = NULL;
        size_t len = 0;

        *ret = NULL;
        why[0] = '\0';
        if (!path[0])
                return;
        int r = sysroot_read(root, path, &text, &len);
        if (r == -ENOENT && !(mc && mc->mdadm_conf_given))
                return; /* no mdadm.conf: nothing expected, as for mdadm --monitor */
        if (r < 0) {
                snprintf(why, whysz, "cannot read %.200s: %s; expected arrays not checked", path,
                         sysroot_strerror(r));
                return;
        }
        r = md_parse_mdadm_conf(text, len, ret);
        free(text);
        if (r < 0)
                snprintf(why, whysz, "%.200s is not a text file (%s); expected arrays not checked",
                         path, strerror(-r));
}

/* The kernel name a /dev/md/NAME link points at below the sysroot ("../md127" -> "md127"). */
static void resolve_md_link(const char *root, const char *device, char out[MD_NAME_MAX])
{
        char target[256];

        out[0] = '\0';
        if (strncmp(device, "/dev/md/", 8) != 0 ||
            sysroot_readlink(root, device, target, sizeof(target)) < 0)
                return;
        const char *base = strrchr(target, '/');
        base = base ? base + 1 : target;
        if (md_array_index(base) != 0)
                snprintf(out, MD_NAME_MAX, "%.31s", base);
}

static bool index_taken(const struct md_data *d, uint32_t index)
{
        for (size_t i = 0; i < d->n_arrays; i++)
                if (d->arrays[i].index == index)
                        return true;
        return false;
}

/* Mark the rows mdadm.conf expects and add one for each expected array that is not there. */
static int add_expected(struct md_priv *p, const char *root, const struct mdadm_conf *conf,
                        struct md_data *d)
{
        if (!conf || conf->n_arrays == 0)
                return 0;
        struct md_expected *e = calloc(conf->n_arrays, sizeof(*e));
        struct md_array_row *absent = calloc(conf->n_arrays, sizeof(*absent));
        struct md_array_row *rows =
            realloc(d->arrays, (d->n_arrays + conf->n_arrays) * sizeof(*rows));
        if (rows)
                d->arrays = rows;
        if (!e || !absent || !rows) {
                free(e);
                free(absent);
                return -ENOMEM;
        }
        for (size_t i = 0; i < conf->n_arrays; i++) {
                e[i].conf = &conf->arrays[i];
                resolve_md_link(root, conf->arrays[i].device, e[i].kernel_name);
        }
        size_t n_absent = 0;
        md_expect(e, conf->n_arrays, d->arrays, d->n_arrays, absent, &n_absent);
        for (size_t i = 0; i < n_absent; i++) {
                struct md_array_row *r = &absent[i];
                if (r->index == 0)
                        r->index = other_index(p, r->name);
                if (r->index == 0 || index_taken(d, r->index))
                        continue; /* the same array listed twice: once is enough */
                d->arrays[d->n_arrays++] = *r;
        }
        free(e);
        free(absent);
        return 0;
}

static int md_poll(struct module_ctx *ctx, struct snap *snap)
{
        struct md_priv *p = ctx->priv;
        const char *root = ctx->sysroot;
        char *text = NULL;
        size_t len = 0;

        struct md_data *d = calloc(1, sizeof(*d));
        if (!d)
                return -ENOMEM;
        snap->data = d;
        snap->free_data = md_data_free;

        struct mdstat *ms = NULL;
        int r = sysroot_read(root, "/proc/mdstat", &text, &len);
        if (r == -ENOENT) {
                /* No md driver loaded: no arrays; wrong only if mdadm.conf expects some. */
                static const char none[] = "Personalities : \n";
                r = md_parse_mdstat(none, sizeof(none) - 1, &ms);
                if (r < 0)
                        return r;
        } else if (r < 0) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "cannot read /proc/mdstat: %s; keeping the last values",
                         sysroot_strerror(r));
                return r;
        }
        if (!ms) {
                r = md_parse_mdstat(text, len, &ms);
                free(text);
        }
        if (r < 0) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "/proc/mdstat is not in the format the kernel writes (%s); keeping "
                         "the last values",
                         strerror(-r));
                return r;
        }

        d->arrays = calloc(ms->n_arrays ? ms->n_arrays : 1, sizeof(*d->arrays));
        if (!d->arrays) {
                mdstat_free(ms);
                return -ENOMEM;
        }
        for (size_t i = 0; i < ms->n_arrays; i++) {
                const struct mdstat_array *a = &ms->arrays[i];
                if (module_ctx_cancelled(ctx)) {
                        snprintf(snap->error_text, sizeof(snap->error_text),
                                 "stopping: poll abandoned at %s", a->name);
                        mdstat_free(ms);
                        return -ECANCELED;
                }
                if (module_ctx_expired(ctx)) {
                        snprintf(snap->error_text, sizeof(snap->error_text),
                                 "reading sysfs took longer than pollTimeout (stopped at %s); "
                                 "keeping the last values",
                                 a->name);
                        mdstat_free(ms);
                        return -ETIMEDOUT;
                }
                struct sysfs_texts t = {0};
                struct md_sysfs_raw raw = {0};
                bool have_sys = safe_name(a->name) && read_sysfs(root, a->name, &t, snap);
                if (have_sys)
                        fill_raw(&t, &raw);
                struct md_array_row *row = &d->arrays[d->n_arrays];
                r = md_model_build(a, have_sys ? &raw : NULL, row);
                sysfs_texts_free(&t);
                if (r < 0) {
                        mdstat_free(ms);
                        return r;
                }
                if (row->index == 0)
                        row->index = other_index(p, row->name);
                if (row->index == 0) {
                        md_array_row_clear(row);
                        continue;
                }
                d->n_arrays++;
        }
        mdstat_free(ms);

        struct mdadm_conf *conf = NULL;
        char conf_problem[SNAP_TEXT_MAX];
        read_mdadm_conf(root, ctx->config, &conf, conf_problem, sizeof(conf_problem));
        r = add_expected(p, root, conf, d);
        if (conf && conf->bad_line && !snap->note[0]) {
                const struct md_config *mc = ctx->config;
                snprintf(snap->note, sizeof(snap->note),
                         "%.150s line %u: an ARRAY entry that does not read, ignored",
                         mc ? mc->mdadm_conf : MD_DEFAULT_MDADM_CONF, conf->bad_line);
        }
        mdadm_conf_free(conf);
        if (r < 0)
                return r;
        qsort(d->arrays, d->n_arrays, sizeof(*d->arrays), cmp_array);

        md_carry_last_change(p->prev, p->n_prev, d->arrays, d->n_arrays, (time_t)snap->polled_at);
        struct md_array_row *prev =
            realloc(p->prev, (d->n_arrays ? d->n_arrays : 1) * sizeof(*prev));
        if (prev) {
                p->prev = prev;
                for (size_t i = 0; i < d->n_arrays; i++) {
                        prev[i] = d->arrays[i];
                        prev[i].members = NULL;
                        prev[i].n_members = 0;
                }
                p->n_prev = d->n_arrays;
        }

        snap->health = SRVH_HEALTH_OK;
        struct strbuf msg;
        strbuf_init(&msg, snap->message, sizeof(snap->message));
        if (conf_problem[0]) {
                snap->health = SRVH_HEALTH_UNKNOWN;
                strbuf_append_sep(&msg, "; ", "%s", conf_problem);
        }
        for (size_t i = 0; i < d->n_arrays; i++) {
                const struct md_array_row *a = &d->arrays[i];
                snap->health = srvh_health_worst(snap->health, a->health);
                /* fewer spares than expected: the array is as redundant as before, but the
                 * host is not as it should be */
                if (a->spares_short)
                        snap->health = srvh_health_worst(snap->health, SRVH_HEALTH_WARNING);
                if (a->health != SRVH_HEALTH_OK || a->spares_short)
                        strbuf_append_sep(&msg, "; ", "%s", a->summary);
        }
        r = build_rows(d);
        if (r < 0)
                return r;
        snap->tables[0] = (struct mib_rows){.v = d->array_rows, .n = d->n_arrays};
        snap->tables[1] = (struct mib_rows){.v = d->member_rows, .n = d->n_members};
        return 0;
}

static int md_init(struct module_ctx *ctx)
{
        ctx->priv = calloc(1, sizeof(struct md_priv));
        return ctx->priv ? 0 : -ENOMEM;
}

static void md_teardown(struct module_ctx *ctx)
{
        struct md_priv *p = ctx->priv;
        if (p) {
                free(p->prev);
                free(p->other_names);
                free(p);
        }
        ctx->priv = NULL;
}

static int md_snap_diff(const struct snap *old, const struct snap *new_snap, const void *config,
                        struct event_list *out)
{
        const struct md_data *o = old ? old->data : NULL;
        const struct md_data *n = new_snap->data;
        const struct md_config *mc = config;
        struct md_diff_cfg cfg = {.rebuild_step = mc ? mc->rebuild_step : MD_DEFAULT_REBUILD_STEP};
        if (!n)
                return 0;
        return md_diff(o ? o->arrays : NULL, o ? o->n_arrays : 0, n->arrays, n->n_arrays, &cfg,
                       out);
}

static int get_array(const void *data, unsigned column, struct mib_value *v)
{
        const struct md_array_view *view = data;
        const struct md_array_row *a = view->row;
        /* An expected array that is not there has only what mdadm.conf and the verdict say. */
        if (!a->present && column != SRVH_RA_NAME && column != SRVH_RA_STATE &&
            column != SRVH_RA_HEALTH && column != SRVH_RA_UUID && column != SRVH_RA_LAST_CHANGE &&
            column != SRVH_RA_EXPECTED && column != SRVH_RA_SPARES_WANTED)
                return -ENOENT;
        switch (column) {
        case SRVH_RA_NAME:
                mib_set_string(v, a->name);
                break;
        case SRVH_RA_LEVEL:
                mib_set_string(v, a->level);
                break;
        case SRVH_RA_STATE:
                mib_set_int(v, a->state);
                break;
        case SRVH_RA_HEALTH:
                mib_set_int(v, a->health);
                break;
        case SRVH_RA_TOTAL:
                mib_set_int(v, a->total);
                break;
        case SRVH_RA_ACTIVE:
                mib_set_int(v, a->active);
                break;
        case SRVH_RA_WORKING:
                mib_set_int(v, a->working);
                break;
        case SRVH_RA_FAILED:
                mib_set_int(v, a->failed);
                break;
        case SRVH_RA_SPARE:
                mib_set_int(v, a->spare);
                break;
        case SRVH_RA_SYNC_ACTION:
                mib_set_int(v, a->sync_action);
                break;
        /* A figure that does not apply (no sync running, nothing read) has no cell. */
        case SRVH_RA_SYNC_PROGRESS:
                if (a->sync_progress < 0)
                        return -ENOENT;
                mib_set_int(v, a->sync_progress);
                break;
        case SRVH_RA_SYNC_SPEED:
                if (!a->sync_speed_known)
                        return -ENOENT;
                mib_set_gauge(v, a->sync_speed_kib);
                break;
        case SRVH_RA_SYNC_ETA:
                if (a->sync_eta_s < 0)
                        return -ENOENT;
                mib_set_int(v, a->sync_eta_s > INT32_MAX ? INT32_MAX : a->sync_eta_s);
                break;
        case SRVH_RA_MISMATCH:
                if (!a->mismatch_known)
                        return -ENOENT;
                mib_set_gauge(v, a->mismatch_cnt);
                break;
        case SRVH_RA_SIZE_BYTES:
                if (!a->size_known)
                        return -ENOENT;
                mib_set_counter64(v, a->size_bytes);
                break;
        case SRVH_RA_SIZE_MIB:
                if (!a->size_known)
                        return -ENOENT;
                mib_set_gauge(v, a->size_bytes >> 20);
                break;
        case SRVH_RA_UUID:
                if (!a->uuid[0])
                        return -ENOENT;
                mib_set_string(v, a->uuid);
                break;
        case SRVH_RA_METADATA:
                mib_set_string(v, a->metadata);
                break;
        case SRVH_RA_LAST_CHANGE:
                mib_set_datetime(v, a->last_change);
                break;
        case SRVH_RA_MEMBERS:
                mib_set_string(v, view->members_text);
                break;
        case SRVH_RA_SOURCE:
                mib_set_int(v, a->has_sysfs ? 2 : 1);
                break;
        case SRVH_RA_EXPECTED:
                mib_set_int(v, a->expected ? 1 : 2); /* TruthValue */
                break;
        case SRVH_RA_SPARES_WANTED:
                if (a->spares_expected < 0)
                        return -ENOENT;
                mib_set_int(v, a->spares_expected);
                break;
        default:
                return -ENOENT;
        }
        return 0;
}

static int get_member(const void *data, unsigned column, struct mib_value *v)
{
        const struct md_member_row *m = data;
        switch (column) {
        case SRVH_RM_DEVICE:
                mib_set_string(v, m->device);
                break;
        case SRVH_RM_SLOT:
                if (!m->slot_known)
                        return -ENOENT;
                mib_set_int(v, m->slot);
                break;
        case SRVH_RM_ROLE:
                mib_set_int(v, m->role);
                break;
        case SRVH_RM_STATE:
                mib_set_string(v, m->state);
                break;
        case SRVH_RM_ERRORS:
                if (!m->errors_known)
                        return -ENOENT;
                mib_set_gauge(v, m->errors);
                break;
        default:
                return -ENOENT;
        }
        return 0;
}

static const unsigned array_columns[] = {
    SRVH_RA_NAME,     SRVH_RA_LEVEL,       SRVH_RA_STATE,         SRVH_RA_HEALTH,
    SRVH_RA_TOTAL,    SRVH_RA_ACTIVE,      SRVH_RA_WORKING,       SRVH_RA_FAILED,
    SRVH_RA_SPARE,    SRVH_RA_SYNC_ACTION, SRVH_RA_SYNC_PROGRESS, SRVH_RA_SYNC_SPEED,
    SRVH_RA_SYNC_ETA, SRVH_RA_MISMATCH,    SRVH_RA_SIZE_BYTES,    SRVH_RA_SIZE_MIB,
    SRVH_RA_UUID,     SRVH_RA_METADATA,    SRVH_RA_LAST_CHANGE,   SRVH_RA_MEMBERS,
    SRVH_RA_SOURCE,   SRVH_RA_EXPECTED,    SRVH_RA_SPARES_WANTED,
};

static const unsigned member_columns[] = {
    SRVH_RM_DEVICE, SRVH_RM_SLOT, SRVH_RM_ROLE, SRVH_RM_STATE, SRVH_RM_ERRORS,
};

/* The MIB's names of the columns above, in the same order (srvhealthd --dump). */
static const char *const array_column_names[] = {
    "srvhRaidArrayName",           "srvhRaidArrayLevel",          "srvhRaidArrayState",
    "srvhRaidArrayHealth",         "srvhRaidArrayTotalDevices",   "srvhRaidArrayActiveDevices",
    "srvhRaidArrayWorkingDevices", "srvhRaidArrayFailedDevices",  "srvhRaidArraySpareDevices",
    "srvhRaidArraySyncAction",     "srvhRaidArraySyncProgress",   "srvhRaidArraySyncSpeed",
    "srvhRaidArraySyncEta",        "srvhRaidArrayMismatchCount",  "srvhRaidArraySizeBytes",
    "srvhRaidArraySizeMiB",        "srvhRaidArrayUuid",           "srvhRaidArrayMetadata",
    "srvhRaidArrayLastChange",     "srvhRaidArrayMembers",        "srvhRaidArraySource",
    "srvhRaidArrayExpected",       "srvhRaidArraySparesExpected",
};
static const char *const member_column_names[] = {
    "srvhRaidMemberDevice", "srvhRaidMemberSlot",   "srvhRaidMemberRole",
    "srvhRaidMemberState",  "srvhRaidMemberErrors",
};
_Static_assert(sizeof(array_column_names) / sizeof(array_column_names[0]) ==
                   sizeof(array_columns) / sizeof(array_columns[0]),
               "one name per array column");
_Static_assert(sizeof(member_column_names) / sizeof(member_column_names[0]) ==
                   sizeof(member_columns) / sizeof(member_columns[0]),
               "one name per member column");

static const struct mib_table md_tables[] = {
    {
        .name = "srvhRaidArrayTable",
        .oid = {SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1},
        .oid_len = 3,
        .columns = array_columns,
        .n_columns = sizeof(array_columns) / sizeof(array_columns[0]),
        .get = get_array,
    },
    {
        .name = "srvhRaidMemberTable",
        .oid = {SRVH_RAID, SRVH_RAID_MEMBER_TABLE, 1},
        .oid_len = 3,
        .columns = member_columns,
        .n_columns = sizeof(member_columns) / sizeof(member_columns[0]),
        .get = get_member,
    },
};

static const char *const *const md_column_names[] = {array_column_names, member_column_names};

const struct module_ops md_module = {
    .index = SRVH_MODULE_MD,
    .name = "md",
    .default_interval = 10,
    .default_timeout = 5,
    .config = &md_config_ops,
    .tables = md_tables,
    .n_tables = sizeof(md_tables) / sizeof(md_tables[0]),
    .column_names = md_column_names,
    .init = md_init,
    .poll = md_poll,
    .teardown = md_teardown,
    .diff = md_snap_diff,
};
