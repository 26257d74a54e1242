/* The SMART collector: on its own thread, reads every configured blob (and, through the device
 * seam, every disk) with libatasmart, builds srvhDiskTable and srvhDiskAttrTable (smart_model.c)
 * and publishes them as one snapshot. Also the cell getters of both tables and the diff hook. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/module.h"
#include "smart/smart_config.h"
#include "smart/smart_model.h"
#include "smart/smart_read.h"
#include "srvhealth/oids.h"

#define SMART_BLOB_FILE_MAX 65536 /* far more than the 1572 bytes of a full blob */

/* Collector state kept between polls: the last build's disks, for values carried over and the
 * temperature hysteresis. Owner: the collector thread (teardown frees it). */
struct smart_priv {
        struct smart_data prev; /* disks only; attr_idx and rows unused */
};

static void priv_set_prev(struct smart_priv *p, const struct smart_data *d)
{
        struct smart_disk *v = malloc((d->n_disks ? d->n_disks : 1) * sizeof(*v));
        if (!v)
                return; /* keep the older one: hysteresis and carry-over degrade, nothing breaks */
        memcpy(v, d->disks, d->n_disks * sizeof(*v));
        for (size_t i = 0; i < d->n_disks; i++)
                v[i].attr_idx = NULL;
        free(p->prev.disks);
        p->prev.disks = v;
        p->prev.n_disks = d->n_disks;
}

/* Read a blob file: a regular file, at most SMART_BLOB_FILE_MAX bytes. 0 or -errno. */
static int read_blob_file(const char *path, uint8_t **ret, size_t *ret_len)
{
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        if (fd < 0)
                return -errno;
        struct stat st;
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                close(fd);
                return -EINVAL;
        }
        if (st.st_size > SMART_BLOB_FILE_MAX) {
                close(fd);
                return -EFBIG;
        }
        uint8_t *buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
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
        *ret = buf;
        *ret_len = got;
        return 0;
}

static void read_one_blob(const struct smart_blob_cfg *b, struct smart_input *in)
{
        uint8_t *buf = NULL;
        size_t len = 0;
        int r = read_blob_file(b->path, &buf, &len);

        in->name = b->name;
        if (r < 0) {
                memset(&in->reading, 0, sizeof(in->reading));
                in->reading.status = SMART_READ_FAILED;
                in->reading.power = SMART_POWER_UNKNOWN;
                snprintf(in->reading.error, sizeof(in->reading.error), "cannot read %.80s: %s",
                         b->path, r == -EINVAL ? "not a regular file" : strerror(-r));
                return;
        }
        (void)smart_read_blob(buf, len, &in->reading);
        free(buf);
}

static int smart_poll(struct module_ctx *ctx, struct snap *snap)
{
        struct smart_priv *p = ctx->priv;
        const struct smart_config *cfg = ctx->config;
        size_t n = cfg ? cfg->n_blobs : 0;
        struct smart_input *in = calloc(n ? n : 1, sizeof(*in));
        struct smart_data *d = NULL;
        int r;

        if (!in)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                if (module_ctx_expired(ctx)) {
                        snprintf(snap->error_text, sizeof(snap->error_text),
                                 "reading disks took longer than pollTimeout (stopped at %s); "
                                 "keeping the last values",
                                 cfg->blobs[i].name);
                        free(in);
                        return -ETIMEDOUT;
                }
                in[i].read_at = snap->polled_at;
                read_one_blob(&cfg->blobs[i], &in[i]);
        }
        struct smart_build_cfg bc = {
            .temp_high_c = cfg ? cfg->temp_high : SMART_DEFAULT_TEMP_HIGH,
            .temp_hysteresis_c = cfg ? cfg->temp_hysteresis : SMART_DEFAULT_TEMP_HYSTERESIS,
        };
        r = smart_build(in, n, &p->prev, &bc, &d);
        free(in);
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
        snap->tables[0] = (struct mib_rows){.v = d->disk_rows, .n = d->n_disks};
        snap->tables[1] = (struct mib_rows){.v = d->attr_rows, .n = d->n_attr_rows};
        return 0;
}

static int smart_init(struct module_ctx *ctx)
{
        ctx->priv = calloc(1, sizeof(struct smart_priv));
        return ctx->priv ? 0 : -ENOMEM;
}

static void smart_teardown(struct module_ctx *ctx)
{
        struct smart_priv *p = ctx->priv;
        if (p) {
                free(p->prev.disks);
                free(p);
        }
        ctx->priv = NULL;
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

static int get_disk(const void *data, unsigned column, struct mib_value *v)
{
        const struct smart_disk *d = data;
        const struct smart_reading *r = &d->r;
        bool id = d->has_values && r->has_identity;
        bool sm = d->has_values && r->smart_available;

        switch (column) {
        case SRVH_DK_DEVICE:
                mib_set_string(v, d->name);
                break;
        case SRVH_DK_MODEL:
        case SRVH_DK_SERIAL:
        case SRVH_DK_FIRMWARE:
                if (!id)
                        return -ENOENT;
                mib_set_string(v, column == SRVH_DK_MODEL    ? r->model
                                  : column == SRVH_DK_SERIAL ? r->serial
                                                             : r->firmware);
                break;
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
                if (!id)
                        return -ENOENT;
                set_truth(v, r->smart_available);
                break;
        case SRVH_DK_SMART_ENABLED:
                if (!id)
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
        case SRVH_DK_TEMPERATURE:
                if (!sm || !r->has_temperature)
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
                mib_set_string(v, d->error);
                break;
        default:
                return -ENOENT;
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
    SRVH_DK_READ_STATUS, SRVH_DK_READ_ERROR,
};

static const unsigned attr_columns[] = {
    SRVH_DA_NAME,   SRVH_DA_VALUE,    SRVH_DA_WORST,     SRVH_DA_THRESHOLD,
    SRVH_DA_RAW,    SRVH_DA_PRETTY,   SRVH_DA_UNIT,      SRVH_DA_PREFAILURE,
    SRVH_DA_ONLINE, SRVH_DA_GOOD_NOW, SRVH_DA_GOOD_PAST,
};

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
};

const struct module_ops smart_module = {
    .index = SRVH_MODULE_SMART,
    .name = "smart",
    .default_interval = 60,
    .default_timeout = 30,
    .config = &smart_config_ops,
    .tables = smart_tables,
    .n_tables = sizeof(smart_tables) / sizeof(smart_tables[0]),
    .init = smart_init,
    .poll = smart_poll,
    .teardown = smart_teardown,
    .diff = smart_snap_diff,
};
