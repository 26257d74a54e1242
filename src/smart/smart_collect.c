/* The SMART collector: on its own thread, lists the disks (smartBlob, smartDevice, a blob
 * directory, libudev), reads each with libatasmart (blobs, or devices over SG_IO), builds
 * srvhDiskTable and srvhDiskAttrTable (smart_model.c) and publishes them as one snapshot. Also
 * the cell getters of both tables, the hot-plug wake-up and the diff hook. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/module.h"
#include "smart/nvme_read.h"
#include "smart/smart_config.h"
#include "smart/smart_model.h"
#include "smart/smart_read.h"
#include "smart/smart_udev.h"
#include "smart/smart_logs.h"
#include "srvhealth/oids.h"

#define SMART_BLOB_FILE_MAX 65536 /* far more than the 1572 bytes of a full blob */

/* A disk may take this long, from CHECK POWER MODE to the last page (a spin-up included); every
 * SG_IO timeout ends by then, so one hung disk costs at most this and the others are read. */
#define SMART_DISK_BUDGET_MS 15000

/* What the agent logs, once while it holds, when a disk cannot be read for want of privilege. */
#define SMART_NOPERM_NOTE                                                                          \
        "no permission to read SMART (opening the disk or SG_IO ATA pass-through needs root or "   \
        "CAP_SYS_RAWIO and read access to the device node; the packaged unit grants "              \
        "CAP_SYS_RAWIO): such disks are served with srvhDiskReadStatus noPermission"
#define SMART_NVME_NOPERM_NOTE                                                                     \
        "no permission to read NVMe health (the admin passthrough needs CAP_SYS_ADMIN and read "   \
        "access to the node; see srvhealthd(8), PERMISSIONS): such disks are served with "         \
        "srvhDiskReadStatus noPermission and their hwmon temperature"
#define SMART_BOTH_NOPERM_NOTE                                                                     \
        "no permission to read SMART: ATA disks need CAP_SYS_RAWIO, NVMe disks CAP_SYS_ADMIN, "    \
        "both read access to the node (srvhealthd(8), PERMISSIONS): such disks are served with "   \
        "srvhDiskReadStatus noPermission"

/* Collector state kept between polls: the last build's disks, for values carried over and the
 * temperature hysteresis; the discovery sources behind wait_fd. Owner: the collector thread
 * (teardown frees it). */
struct smart_priv {
        struct smart_data prev; /* disks only; attr_idx and rows unused */
        int epoll_fd;           /* ctx->wait_fd: the udev monitor and the inotify fd */
        int inotify_fd;
        int watch; /* inotify watch of watched_dir, or -1 */
        char watched_dir[SMART_PATH_MAX];
        struct udev *udev;            /* NULL when discovery is off (a --sysroot other than /) */
        struct udev_monitor *monitor; /* NULL when netlink is not available */
};

/* One disk to read this poll, from whichever source named it. */
struct smart_item {
        char name[SMART_NAME_MAX];
        char path[SMART_PATH_MAX];
        bool device;               /* a device node (else a blob file) */
        const char *nvme_identify; /* an nvmeLog line: its IDENTIFY file ("" none); else NULL */
        struct smart_found found;
};

struct item_list {
        struct smart_item *v;
        size_t n, cap;
};

static struct smart_item *item_add(struct item_list *l, const char *name, const char *path,
                                   bool device)
{
        if (l->n == l->cap) {
                size_t nc = l->cap ? 2 * l->cap : 16;
                struct smart_item *nv = realloc(l->v, nc * sizeof(*nv));
                if (!nv)
                        return NULL;
                l->v = nv;
                l->cap = nc;
        }
        struct smart_item *it = &l->v[l->n++];
        memset(it, 0, sizeof(*it));
        snprintf(it->name, sizeof(it->name), "%s", name);
        snprintf(it->path, sizeof(it->path), "%s", path);
        it->device = device;
        return it;
}

static void priv_set_prev(struct smart_priv *p, const struct smart_data *d)
{
        struct smart_disk *v = malloc((d->n_disks ? d->n_disks : 1) * sizeof(*v));
        if (!v)
                return; /* keep the older one: hysteresis and carry-over degrade, nothing breaks */
        memcpy(v, d->disks, d->n_disks * sizeof(*v));
        for (size_t i = 0; i < d->n_disks; i++) {
                v[i].attr_idx = NULL;
                v[i].x.path_idx = NULL;
        }
        free(p->prev.disks);
        p->prev.disks = v;
        p->prev.n_disks = d->n_disks;
}

/* Read a small regular file: at most max bytes. 0 or -errno. */
static int read_small_file(const char *path, size_t max, uint8_t **ret, size_t *ret_len)
{
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        if (fd < 0)
                return -errno;
        struct stat st;
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                close(fd);
                return -EINVAL;
        }
        if ((size_t)st.st_size > max) {
                close(fd);
                return -EFBIG;
        }
        uint8_t *buf = malloc(st.st_size > 0 ? (size_t)st.st_size + 1 : 1);
        size_t got = 0;
        if (!buf) {
                close(fd);
                return -ENOMEM;
        }
        while (got < (size_t)st.st_size) {
                ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        break;
                got += (size_t)n;
        }
        close(fd);
        buf[got] = 0;
        *ret = buf;
        *ret_len = got;
        return 0;
}

/* The power state a replayed disk says it is in: a file NAME.power next to NAME.blob holding
 * active, idle, standby or sleep (a test seam for the standby policy); unknown without one. */
static enum smart_power blob_power(const char *blob_path)
{
        char path[SMART_PATH_MAX + 8];
        size_t n = strlen(blob_path);
        uint8_t *buf = NULL;
        size_t len;
        enum smart_power p = SMART_POWER_UNKNOWN;

        if (n < 5 || strcmp(blob_path + n - 5, ".blob") != 0)
                return p;
        snprintf(path, sizeof(path), "%.*s.power", (int)(n - 5), blob_path);
        if (read_small_file(path, 64, &buf, &len) < 0)
                return p;
        for (int k = SMART_POWER_ACTIVE; k < SMART_POWER_UNKNOWN; k++) {
                const char *name = smart_power_name((enum smart_power)k);
                size_t l = strlen(name);
                if (len >= l && !memcmp(buf, name, l) && (len == l || buf[l] == '\n'))
                        p = (enum smart_power)k;
        }
        free(buf);
        return p;
}

static void read_one_blob(const struct smart_item *b, enum smart_standby standby,
                          struct smart_reading *r)
{
        uint8_t *buf = NULL;
        size_t len = 0;
        enum smart_power power = blob_power(b->path);

        if (smart_standby_skip(standby, power)) {
                memset(r, 0, sizeof(*r));
                r->status = SMART_READ_ASLEEP;
                r->power = power;
                snprintf(r->error, sizeof(r->error), "%s is in %s: left alone (smartStandby)",
                         b->name, smart_power_name(power));
                return;
        }
        int k = read_small_file(b->path, SMART_BLOB_FILE_MAX, &buf, &len);
        if (k < 0) {
                memset(r, 0, sizeof(*r));
                r->status = SMART_READ_FAILED;
                r->power = SMART_POWER_UNKNOWN;
                snprintf(r->error, sizeof(r->error), "cannot read %.80s: %s", b->path,
                         k == -EINVAL ? "not a regular file" : strerror(-k));
                return;
        }
        (void)smart_read_blob(buf, len, r);
        smart_replay_logs(b->path, buf, len, r);
        r->power = power;
        free(buf);
}

static int cmp_name(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every DIR/NAME.blob the config selects, in name order. A missing directory lists nothing. */
static int list_blob_dir(const struct smart_config *cfg, struct item_list *l)
{
        DIR *dir = opendir(cfg->blob_dir);
        char *names[SMART_BLOBS_MAX];
        size_t n = 0;
        struct dirent *e;
        int r = 0;

        if (!dir)
                return errno == ENOENT ? 0 : -errno;
        while ((e = readdir(dir)) != NULL && n < SMART_BLOBS_MAX) {
                size_t len = strlen(e->d_name);
                if (e->d_name[0] == '.' || len < 6 || len - 5 >= SMART_NAME_MAX ||
                    strcmp(e->d_name + len - 5, ".blob") != 0)
                        continue;
                if (!(names[n] = strndup(e->d_name, len - 5))) {
                        r = -ENOMEM;
                        break;
                }
                n++;
        }
        closedir(dir);
        qsort(names, n, sizeof(names[0]), cmp_name);
        for (size_t i = 0; i < n; i++) {
                char path[2 * SMART_PATH_MAX];
                snprintf(path, sizeof(path), "%s/%s.blob", cfg->blob_dir, names[i]);
                if (r == 0 && strlen(path) < SMART_PATH_MAX &&
                    smart_config_selects(cfg, names[i]) && !item_add(l, names[i], path, false))
                        r = -ENOMEM;
                free(names[i]);
        }
        return r;
}

static int list_udev(struct smart_priv *p, const struct smart_config *cfg, struct item_list *l)
{
        struct smart_found *f = NULL;
        size_t n = 0;
        int r = smart_udev_list(p->udev, &f, &n);
        if (r < 0)
                return r;
        for (size_t i = 0; i < n; i++) {
                if (!smart_config_selects(cfg, f[i].name))
                        continue;
                struct smart_item *it = item_add(l, f[i].name, f[i].devnode, true);
                if (!it) {
                        r = -ENOMEM;
                        break;
                }
                it->found = f[i];
        }
        free(f);
        return r;
}

/* Point the inotify watch at the configured blob directory (it may be created later). */
static void watch_blob_dir(struct smart_priv *p, const struct smart_config *cfg)
{
        if (p->inotify_fd < 0)
                return;
        if (p->watch >= 0 && !strcmp(p->watched_dir, cfg->blob_dir))
                return;
        if (p->watch >= 0)
                inotify_rm_watch(p->inotify_fd, p->watch);
        p->watch = -1;
        p->watched_dir[0] = 0;
        if (!cfg->blob_dir[0])
                return;
        p->watch =
            inotify_add_watch(p->inotify_fd, cfg->blob_dir,
                              IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_CLOSE_WRITE |
                                  IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF);
        if (p->watch >= 0)
                snprintf(p->watched_dir, sizeof(p->watched_dir), "%s", cfg->blob_dir);
}

/* The disks of this poll: smartBlob, smartDevice, then the blob directory and udev, the last
 * two filtered by smartInclude/smartExclude. */
static int list_disks(struct smart_priv *p, const struct smart_config *cfg, struct item_list *l,
                      char *err, size_t errsz)
{
        int r = 0;
        for (size_t i = 0; i < cfg->n_blobs && r == 0; i++)
                if (!item_add(l, cfg->blobs[i].name, cfg->blobs[i].path, false))
                        r = -ENOMEM;
        for (size_t i = 0; i < cfg->n_devices && r == 0; i++)
                if (!item_add(l, cfg->devices[i].name, cfg->devices[i].path, true))
                        r = -ENOMEM;
        for (size_t i = 0; i < cfg->n_nvme_logs && r == 0; i++) {
                struct smart_item *it =
                    item_add(l, cfg->nvme_logs[i].name, cfg->nvme_logs[i].path, false);
                if (!it)
                        r = -ENOMEM;
                else
                        it->nvme_identify = cfg->nvme_identify[i];
        }
        if (r == 0 && cfg->blob_dir[0]) {
                watch_blob_dir(p, cfg);
                if ((r = list_blob_dir(cfg, l)) < 0)
                        snprintf(err, errsz, "cannot list %.80s: %s", cfg->blob_dir, strerror(-r));
        }
        if (r == 0 && p->udev && (r = list_udev(p, cfg, l)) < 0)
                snprintf(err, errsz, "cannot list the block devices with libudev: %s",
                         strerror(-r));
        if (r == -ENOMEM)
                snprintf(err, errsz, "%s", "out of memory listing the disks");
        return r;
}

/* smartStandbyMaxSkips: a disk left asleep that many polls in a row is read this time. */
static enum smart_standby standby_for(const struct smart_priv *p, const struct smart_config *cfg,
                                      const char *name)
{
        for (size_t i = 0; cfg->standby_max_skips && i < p->prev.n_disks; i++) {
                const struct smart_disk *d = &p->prev.disks[i];
                if (!strcmp(d->name, name) && d->x.standby_skips >= cfg->standby_max_skips)
                        return SMART_STANDBY_NEVER;
        }
        return cfg->standby;
}

static void read_item(const struct module_ctx *ctx, const struct smart_config *cfg,
                      const struct smart_priv *p, const struct smart_item *it,
                      struct smart_input *in)
{
        enum smart_standby standby = standby_for(p, cfg, it->name);

        in->name = it->name;
        smart_sysfs_read(ctx->sysroot, it->name, &in->sys);
        if (it->found.name[0]) {
                in->found_model = it->found.model;
                in->found_serial = it->found.serial;
                in->found_wwn = it->found.wwn;
        }
        if (module_ctx_expired(ctx)) {
                memset(&in->reading, 0, sizeof(in->reading));
                in->reading.status = SMART_READ_TIMED_OUT;
                in->reading.power = SMART_POWER_UNKNOWN;
                snprintf(in->reading.error, sizeof(in->reading.error), "%s",
                         "not read: the poll ran out of time (pollTimeout) on the disks before");
                return;
        }
        if (it->nvme_identify) {
                (void)nvme_read_replay(it->path, it->nvme_identify, &in->reading);
                return;
        }
        if (!it->device) {
                read_one_blob(it, standby, &in->reading);
                in->reading.transport = SMART_TRANSPORT_ATA;
                return;
        }
        char ctrl[SMART_NAME_MAX];
        bool nvme = nvme_node_controller(it->path, ctrl, sizeof(ctrl));
        int64_t own = ctx->now_ms() + SMART_DISK_BUDGET_MS;
        struct smart_dev_opts o = {
            .standby = standby,
            .deadline_ms = ctx->deadline_ms > 0 && ctx->deadline_ms < own ? ctx->deadline_ms : own,
            .now_ms = ctx->now_ms,
        };
        if (nvme) {
                (void)nvme_read_device(it->path, ctx->sysroot, &o, &in->reading);
                return;
        }
        (void)smart_read_device(it->path, &o, &in->reading);
        /* ATA once IDENTIFY DEVICE answered; a node refusing ATA pass-through is something else;
         * a node that could not be asked (no permission, failed) is not known yet */
        if (in->reading.has_identity)
                in->reading.transport = SMART_TRANSPORT_ATA;
        else if (in->reading.status == SMART_READ_UNAVAILABLE)
                in->reading.transport = SMART_TRANSPORT_OTHER;
}

static int smart_poll(struct module_ctx *ctx, struct snap *snap)
{
        struct smart_priv *p = ctx->priv;
        const struct smart_config *cfg = ctx->config;
        struct item_list l = {0};
        struct smart_data *d = NULL;
        bool noperm = false, nvme_noperm = false;
        int r;

        if (!cfg)
                return -EINVAL;
        r = list_disks(p, cfg, &l, snap->error_text, sizeof(snap->error_text));
        if (r < 0) {
                free(l.v);
                return r;
        }
        struct smart_input *in = calloc(l.n ? l.n : 1, sizeof(*in));
        if (!in) {
                free(l.v);
                return -ENOMEM;
        }
        for (size_t i = 0; i < l.n; i++) {
                in[i].read_at = snap->polled_at;
                read_item(ctx, cfg, p, &l.v[i], &in[i]);
                bool np = in[i].reading.status == SMART_READ_NO_PERMISSION;
                if (in[i].reading.transport == SMART_TRANSPORT_NVME)
                        nvme_noperm |= np;
                else
                        noperm |= np;
        }
        struct smart_build_cfg bc = {
            .temp_high_c = cfg->temp_high,
            .temp_hysteresis_c = cfg->temp_hysteresis,
            .nvme_wear_high = cfg->nvme_wear_high,
        };
        r = smart_build(in, l.n, &p->prev, &bc, &d);
        free(in);
        free(l.v);
        if (r < 0) {
                snprintf(snap->error_text, sizeof(snap->error_text), "cannot build the rows: %s",
                         strerror(-r));
                return r;
        }
        priv_set_prev(p, d);
        snap->data = d;
        snap->free_data = smart_data_free;
        snap->health = d->health;
        snprintf(snap->message, sizeof(snap->message), "%s", d->message);
        /* the same text at every poll while it holds: the agent logs it once */
        if (noperm || nvme_noperm)
                snprintf(snap->note, sizeof(snap->note), "%s",
                         !nvme_noperm ? SMART_NOPERM_NOTE
                                      : (noperm ? SMART_BOTH_NOPERM_NOTE : SMART_NVME_NOPERM_NOTE));
        snap->tables[0] = (struct mib_rows){.v = d->disk_rows, .n = d->n_disks};
        snap->tables[1] = (struct mib_rows){.v = d->attr_rows, .n = d->n_attr_rows};
        snap->tables[2] = (struct mib_rows){.v = d->path_rows, .n = d->n_path_rows};
        return 0;
}

static void epoll_add(int ep, int fd)
{
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
        if (ep >= 0 && fd >= 0)
                (void)epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* Discovery: libudev and its monitor on the real system only (libudev reads /sys and /run/udev
 * and cannot be pointed at a --sysroot tree); the blob directory's inotify always. Everything
 * here is optional: without it a disk still appears at the next interval. */
static int smart_init(struct module_ctx *ctx)
{
        struct smart_priv *p = calloc(1, sizeof(*p));
        if (!p)
                return -ENOMEM;
        p->watch = -1;
        p->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
        p->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        epoll_add(p->epoll_fd, p->inotify_fd);
        if (!ctx->sysroot || !strcmp(ctx->sysroot, "/")) {
                p->udev = udev_new();
                if (p->udev && (p->monitor = smart_udev_monitor(p->udev)) != NULL)
                        epoll_add(p->epoll_fd, udev_monitor_get_fd(p->monitor));
        }
        ctx->priv = p;
        ctx->wait_fd = p->epoll_fd;
        return 0;
}

/* A disk came or went (udev), or the blob directory changed: poll now. */
static int smart_fd_ready(struct module_ctx *ctx)
{
        struct smart_priv *p = ctx->priv;
        struct epoll_event ev[4];
        int want = 0;
        int n = epoll_wait(p->epoll_fd, ev, 4, 0);

        for (int i = 0; i < n; i++) {
                if (p->monitor && ev[i].data.fd == udev_monitor_get_fd(p->monitor)) {
                        want |= smart_udev_drain(p->monitor) > 0;
                } else if (ev[i].data.fd == p->inotify_fd) {
                        char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
                        while (read(p->inotify_fd, buf, sizeof(buf)) > 0)
                                want = 1;
                        /* the directory itself went: watch it again once it is back */
                        if (p->watch >= 0 && access(p->watched_dir, F_OK) < 0)
                                p->watch = -1;
                }
        }
        return want;
}

static void smart_teardown(struct module_ctx *ctx)
{
        struct smart_priv *p = ctx->priv;
        if (p) {
                free(p->prev.disks);
                if (p->monitor)
                        udev_monitor_unref(p->monitor);
                if (p->udev)
                        udev_unref(p->udev);
                if (p->inotify_fd >= 0)
                        close(p->inotify_fd);
                if (p->epoll_fd >= 0)
                        close(p->epoll_fd);
                free(p);
        }
        ctx->priv = NULL;
        ctx->wait_fd = -1;
}

static int smart_snap_diff(const struct snap *old, const struct snap *new_snap, const void *config,
                           struct event_list *out)
{
        (void)config;
        if (!new_snap->data)
                return 0;
        return smart_diff(old ? old->data : NULL, new_snap->data, out);
}

static void set_truth(struct mib_value *v, bool b)
{
        mib_set_int(v, b ? 1 : 2);
}

/* Columns 50..69 (smart_logs.h); a value the disk does not have has no cell. */
static int get_disk_deep(const struct smart_disk *d, unsigned column, struct mib_value *v)
{
        const struct smart_deep *e = &d->r.deep;
        const struct smart_selftest_summary *st = &e->st;
        const struct smart_sysinfo *s = &d->x.sys;
        bool sm = d->has_values && d->r.smart_available;
        bool st_ok = sm && e->has_selftest;
        bool erc = d->has_values && e->has_erc;
        bool timers = erc && e->erc != SMART_ERC_UNSUPPORTED;

        switch (column) {
        case SRVH_DK_SELFTEST_STATUS:
                if (!st_ok || !st->has_last)
                        return -ENOENT;
                mib_set_int(v, st->last_status);
                break;
        case SRVH_DK_SELFTEST_TYPE:
                if (!st_ok || !st->has_last || !st->last_type)
                        return -ENOENT;
                mib_set_int(v, st->last_type);
                break;
        case SRVH_DK_SELFTEST_HOUR:
                if (!st_ok || !st->has_last_hour)
                        return -ENOENT;
                mib_set_gauge(v, st->last_hour);
                break;
        case SRVH_DK_SELFTEST_REMAINING:
                if (!st_ok || !st->in_progress)
                        return -ENOENT;
                mib_set_gauge(v, st->remaining_pct);
                break;
        case SRVH_DK_HOURS_SINCE_LONG:
                if (!st_ok || !st->has_since_long)
                        return -ENOENT;
                mib_set_gauge(v, st->since_long);
                break;
        case SRVH_DK_SELFTEST_FAILURES:
                if (!st_ok)
                        return -ENOENT;
                mib_set_gauge(v, st->failures);
                break;
        case SRVH_DK_ERRLOG_COUNT:
                if (!sm || !e->has_errlog)
                        return -ENOENT;
                mib_set_gauge(v, e->errlog);
                break;
        case SRVH_DK_XERRLOG_COUNT:
                if (!sm || !e->has_xerrlog)
                        return -ENOENT;
                mib_set_gauge(v, e->xerrlog);
                break;
        case SRVH_DK_ERC_STATE:
                if (!erc)
                        return -ENOENT;
                mib_set_int(v, e->erc);
                break;
        case SRVH_DK_ERC_READ:
        case SRVH_DK_ERC_WRITE:
                if (!timers)
                        return -ENOENT;
                mib_set_gauge(v, column == SRVH_DK_ERC_READ ? e->erc_read_ds : e->erc_write_ds);
                break;
        case SRVH_DK_CMD_TIMEOUT:
                if (!s->has_timeout)
                        return -ENOENT;
                mib_set_gauge(v, s->timeout_s);
                break;
        case SRVH_DK_RAID_ARRAYS:
                mib_set_string(v, s->raid);
                break;
        case SRVH_DK_LINK_SPEED:
                if (!s->has_link)
                        return -ENOENT;
                mib_set_gauge(v, s->link_mbps);
                break;
        case SRVH_DK_LINK_SPEED_MAX: {
                uint32_t m = s->has_link_max ? s->link_max_mbps : 0;
                uint32_t dev = d->has_values ? e->identify_link_max : 0;
                if (dev && (!m || dev < m))
                        m = dev;
                if (!m || !s->has_link)
                        return -ENOENT;
                mib_set_gauge(v, m);
                break;
        }
        case SRVH_DK_TEMP_MIN_SEEN:
        case SRVH_DK_TEMP_MAX_SEEN:
                if (!d->x.has_seen)
                        return -ENOENT;
                mib_set_int(v,
                            column == SRVH_DK_TEMP_MIN_SEEN ? d->x.seen_min_dc : d->x.seen_max_dc);
                break;
        case SRVH_DK_TEMP_LIFE_MIN:
                if (!sm || !e->has_sct_temps || !e->temps.has_life_min)
                        return -ENOENT;
                mib_set_int(v, e->temps.life_min * 10);
                break;
        case SRVH_DK_TEMP_LIFE_MAX:
                if (!sm || !e->has_sct_temps || !e->temps.has_life_max)
                        return -ENOENT;
                mib_set_int(v, e->temps.life_max * 10);
                break;
        case SRVH_DK_STANDBY_SKIPS:
                mib_set_gauge(v, d->x.standby_skips);
                break;
        default:
                return -ENOENT;
        }
        return 0;
}

static int get_disk(const void *data, unsigned column, struct mib_value *v)
{
        const struct smart_disk *d = data;
        const struct smart_reading *r = &d->r;
        bool id = (d->has_values || d->found_identity) && r->has_identity;
        bool sm = d->has_values && r->smart_available;

        switch (column) {
        case SRVH_DK_DEVICE:
                mib_set_string(v, d->name);
                break;
        case SRVH_DK_MODEL:
        case SRVH_DK_SERIAL:
        case SRVH_DK_FIRMWARE: {
                const char *s = column == SRVH_DK_MODEL    ? r->model
                                : column == SRVH_DK_SERIAL ? r->serial
                                                           : r->firmware;
                /* discovery's identity has no firmware, and may lack a model */
                if (!id || (d->found_identity && !s[0]))
                        return -ENOENT;
                mib_set_string(v, s);
                break;
        }
        case SRVH_DK_WWN:
                if (!id || !r->has_wwn)
                        return -ENOENT;
                mib_set_string(v, d->wwn_text);
                break;
        case SRVH_DK_CAPACITY:
                if (!id || !r->has_capacity)
                        return -ENOENT;
                mib_set_counter64(v, r->capacity_bytes);
                break;
        case SRVH_DK_CAPACITY_MIB:
                if (!id || !r->has_capacity)
                        return -ENOENT;
                mib_set_gauge(v, r->capacity_bytes >> 20);
                break;
        case SRVH_DK_POWER_STATE:
                mib_set_int(v, d->power);
                break;
        case SRVH_DK_SMART_AVAIL:
                if (!id || !d->has_values)
                        return -ENOENT;
                set_truth(v, r->smart_available);
                break;
        case SRVH_DK_SMART_ENABLED:
                if (!id || !d->has_values)
                        return -ENOENT;
                set_truth(v, r->smart_enabled);
                break;
        case SRVH_DK_VERDICT:
                if (!sm || !r->has_verdict)
                        return -ENOENT;
                mib_set_int(v, r->verdict);
                break;
        case SRVH_DK_HEALTH:
                mib_set_int(v, d->health);
                break;
        case SRVH_DK_TEMPERATURE: /* also without values: NVMe's hwmon reading */
                if (!r->has_temperature)
                        return -ENOENT;
                mib_set_int(v, r->temperature_dc);
                break;
        case SRVH_DK_POWER_ON:
                if (!sm || !r->has_power_on)
                        return -ENOENT;
                mib_set_gauge(v, r->power_on_hours);
                break;
        case SRVH_DK_POWER_CYCLES:
                if (!sm || !r->has_power_cycles)
                        return -ENOENT;
                mib_set_gauge(v, r->power_cycles);
                break;
        case SRVH_DK_REALLOCATED:
                if (!sm || !r->has_reallocated)
                        return -ENOENT;
                mib_set_gauge(v, r->reallocated);
                break;
        case SRVH_DK_PENDING:
                if (!sm || !r->has_pending)
                        return -ENOENT;
                mib_set_gauge(v, r->pending);
                break;
        case SRVH_DK_OFFLINE_UNC:
                if (!sm || !r->has_offline_unc)
                        return -ENOENT;
                mib_set_gauge(v, r->offline_unc);
                break;
        case SRVH_DK_LAST_READ:
                if (!d->last_read)
                        return -ENOENT;
                mib_set_datetime(v, d->last_read);
                break;
        case SRVH_DK_DATA_AGE: {
                if (!d->last_read)
                        return -ENOENT;
                int64_t age = (int64_t)time(NULL) - d->last_read;
                mib_set_gauge(v, age > 0 ? (uint64_t)age : 0);
                break;
        }
        case SRVH_DK_READ_STATUS:
                mib_set_int(v, d->status);
                break;
        case SRVH_DK_READ_ERROR:
                /* a good read whose log pages did not all decode says which */
                mib_set_string(v, d->error[0] || d->status != SMART_READ_OK ? d->error
                                                                            : r->deep.log_error);
                break;
        default:
                if (column >= SRVH_DK_SELFTEST_STATUS)
                        return get_disk_deep(d, column, v);
                return nvme_get_disk(d, column, v);
        }
        return 0;
}

static int get_attr(const void *data, unsigned column, struct mib_value *v)
{
        const struct smart_attr *a = data;
        switch (column) {
        case SRVH_DA_NAME:
                mib_set_string(v, a->name);
                break;
        case SRVH_DA_VALUE:
                if (!a->value_valid)
                        return -ENOENT;
                mib_set_int(v, a->value);
                break;
        case SRVH_DA_WORST:
                if (!a->worst_valid)
                        return -ENOENT;
                mib_set_int(v, a->worst);
                break;
        case SRVH_DA_THRESHOLD:
                if (!a->threshold_valid)
                        return -ENOENT;
                mib_set_int(v, a->threshold);
                break;
        case SRVH_DA_RAW:
                mib_set_counter64(v, a->raw);
                break;
        case SRVH_DA_PRETTY:
                if (a->unit == SMART_UNIT_UNKNOWN)
                        return -ENOENT;
                mib_set_counter64(v, a->pretty);
                break;
        case SRVH_DA_UNIT:
                mib_set_int(v, a->unit);
                break;
        case SRVH_DA_PREFAILURE:
                set_truth(v, a->prefailure);
                break;
        case SRVH_DA_ONLINE:
                set_truth(v, a->online);
                break;
        case SRVH_DA_GOOD_NOW:
                if (!a->good_now_valid)
                        return -ENOENT;
                set_truth(v, a->good_now);
                break;
        case SRVH_DA_GOOD_PAST:
                if (!a->good_past_valid)
                        return -ENOENT;
                set_truth(v, a->good_past);
                break;
        default:
                return -ENOENT;
        }
        return 0;
}

static const unsigned disk_columns[] = {
    SRVH_DK_DEVICE,      SRVH_DK_MODEL,         SRVH_DK_SERIAL,       SRVH_DK_FIRMWARE,
    SRVH_DK_WWN,         SRVH_DK_CAPACITY,      SRVH_DK_CAPACITY_MIB, SRVH_DK_POWER_STATE,
    SRVH_DK_SMART_AVAIL, SRVH_DK_SMART_ENABLED, SRVH_DK_VERDICT,      SRVH_DK_HEALTH,
    SRVH_DK_TEMPERATURE, SRVH_DK_POWER_ON,      SRVH_DK_POWER_CYCLES, SRVH_DK_REALLOCATED,
    SRVH_DK_PENDING,     SRVH_DK_OFFLINE_UNC,   SRVH_DK_LAST_READ,    SRVH_DK_DATA_AGE,
    SRVH_DK_READ_STATUS, SRVH_DK_READ_ERROR,    SRVH_DK_NVME_COLUMNS,
    /* 50..69: smart_deep.c */
    SRVH_DK_SELFTEST_STATUS,
    SRVH_DK_SELFTEST_TYPE,
    SRVH_DK_SELFTEST_HOUR,
    SRVH_DK_SELFTEST_REMAINING,
    SRVH_DK_HOURS_SINCE_LONG,
    SRVH_DK_SELFTEST_FAILURES,
    SRVH_DK_ERRLOG_COUNT,
    SRVH_DK_XERRLOG_COUNT,
    SRVH_DK_ERC_STATE,
    SRVH_DK_ERC_READ,
    SRVH_DK_ERC_WRITE,
    SRVH_DK_CMD_TIMEOUT,
    SRVH_DK_RAID_ARRAYS,
    SRVH_DK_LINK_SPEED,
    SRVH_DK_LINK_SPEED_MAX,
    SRVH_DK_TEMP_MIN_SEEN,
    SRVH_DK_TEMP_MAX_SEEN,
    SRVH_DK_TEMP_LIFE_MIN,
    SRVH_DK_TEMP_LIFE_MAX,
    SRVH_DK_STANDBY_SKIPS,
};

static const unsigned attr_columns[] = {
    SRVH_DA_NAME,   SRVH_DA_VALUE,    SRVH_DA_WORST,     SRVH_DA_THRESHOLD,
    SRVH_DA_RAW,    SRVH_DA_PRETTY,   SRVH_DA_UNIT,      SRVH_DA_PREFAILURE,
    SRVH_DA_ONLINE, SRVH_DA_GOOD_NOW, SRVH_DA_GOOD_PAST,
};

/* Column names for srvhealthd --dump, in the order of the columns above. */
static const char *const disk_column_names[] = {
    "srvhDiskDevice",
    "srvhDiskModel",
    "srvhDiskSerial",
    "srvhDiskFirmware",
    "srvhDiskWwn",
    "srvhDiskCapacityBytes",
    "srvhDiskCapacityMiB",
    "srvhDiskPowerState",
    "srvhDiskSmartAvailable",
    "srvhDiskSmartEnabled",
    "srvhDiskVerdict",
    "srvhDiskHealth",
    "srvhDiskTemperature",
    "srvhDiskPowerOnHours",
    "srvhDiskPowerCycles",
    "srvhDiskReallocatedSectors",
    "srvhDiskPendingSectors",
    "srvhDiskOfflineUncorrectable",
    "srvhDiskLastRead",
    "srvhDiskDataAge",
    "srvhDiskReadStatus",
    "srvhDiskReadError",
    SRVH_DK_NVME_COLUMN_NAMES,
    "srvhDiskSelfTestStatus",
    "srvhDiskSelfTestType",
    "srvhDiskSelfTestHour",
    "srvhDiskSelfTestRemaining",
    "srvhDiskHoursSinceLongTest",
    "srvhDiskSelfTestFailures",
    "srvhDiskErrorLogCount",
    "srvhDiskExtErrorLogCount",
    "srvhDiskErcState",
    "srvhDiskErcReadTimeout",
    "srvhDiskErcWriteTimeout",
    "srvhDiskCommandTimeout",
    "srvhDiskRaidArrays",
    "srvhDiskLinkSpeed",
    "srvhDiskLinkSpeedMax",
    "srvhDiskTempMinSeen",
    "srvhDiskTempMaxSeen",
    "srvhDiskTempLifetimeMin",
    "srvhDiskTempLifetimeMax",
    "srvhDiskStandbySkips",
};
_Static_assert(sizeof(disk_column_names) / sizeof(disk_column_names[0]) ==
                   sizeof(disk_columns) / sizeof(disk_columns[0]),
               "one name per column");
static const char *const attr_column_names[] = {
    "srvhDiskAttrName",       "srvhDiskAttrValue",         "srvhDiskAttrWorst",
    "srvhDiskAttrThreshold",  "srvhDiskAttrRaw",           "srvhDiskAttrPrettyValue",
    "srvhDiskAttrPrettyUnit", "srvhDiskAttrPrefailure",    "srvhDiskAttrOnline",
    "srvhDiskAttrGoodNow",    "srvhDiskAttrGoodInThePast",
};
_Static_assert(sizeof(attr_column_names) / sizeof(attr_column_names[0]) ==
                   sizeof(attr_columns) / sizeof(attr_columns[0]),
               "one name per column");
static const unsigned path_columns[] = {SRVH_DP_DEVICE};
static const char *const path_column_names[] = {"srvhDiskPathDevice"};
static const char *const *const smart_column_names[] = {disk_column_names, attr_column_names,
                                                        path_column_names};

static int get_path(const void *data, unsigned column, struct mib_value *v)
{
        if (column != SRVH_DP_DEVICE)
                return -ENOENT;
        mib_set_string(v, data);
        return 0;
}

static const struct mib_table smart_tables[] = {
    {
        .name = "srvhDiskTable",
        .oid = {SRVH_DISK, SRVH_DISK_TABLE, 1},
        .oid_len = 3,
        .columns = disk_columns,
        .n_columns = sizeof(disk_columns) / sizeof(disk_columns[0]),
        .get = get_disk,
    },
    {
        .name = "srvhDiskAttrTable",
        .oid = {SRVH_DISK, SRVH_DISK_ATTR_TABLE, 1},
        .oid_len = 3,
        .columns = attr_columns,
        .n_columns = sizeof(attr_columns) / sizeof(attr_columns[0]),
        .get = get_attr,
    },
    {
        .name = "srvhDiskPathTable",
        .oid = {SRVH_DISK, SRVH_DISK_PATH_TABLE, 1},
        .oid_len = 3,
        .columns = path_columns,
        .n_columns = 1,
        .get = get_path,
    },
};

const struct module_ops smart_module = {
    .index = SRVH_MODULE_SMART,
    .name = "smart",
    .default_interval = 60,
    .default_timeout = 30,
    .config = &smart_config_ops,
    .tables = smart_tables,
    .n_tables = sizeof(smart_tables) / sizeof(smart_tables[0]),
    .column_names = smart_column_names,
    .init = smart_init,
    .poll = smart_poll,
    .fd_ready = smart_fd_ready,
    .teardown = smart_teardown,
    .diff = smart_snap_diff,
};
