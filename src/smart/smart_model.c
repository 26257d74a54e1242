/* Builds the rows of srvhDiskTable and srvhDiskAttrTable from one poll's readings (pure): stable
 * keys, last values carried over for disks that were not read this time, health with the
 * temperature hysteresis, and the module's one-line message. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "smart/smart_model.h"

void smart_disk_key(const struct smart_reading *r, bool has_values, const char *name, char *out,
                    size_t outsz)
{
        if (has_values && r->has_wwn)
                snprintf(out, outsz, "0x%016" PRIx64, r->wwn);
        else if (has_values && r->has_identity && r->serial[0])
                snprintf(out, outsz, "%s", r->serial);
        else
                snprintf(out, outsz, "dev:%s", name);
}

bool smart_standby_skip(enum smart_standby policy, enum smart_power p)
{
        switch (p) {
        case SMART_POWER_SLEEP:
                return policy >= SMART_STANDBY_SLEEP;
        case SMART_POWER_STANDBY:
                return policy >= SMART_STANDBY_STANDBY;
        case SMART_POWER_IDLE:
                return policy >= SMART_STANDBY_IDLE;
        default:
                return false;
        }
}

static bool read_failing(enum smart_read_status s)
{
        return s == SMART_READ_FAILED || s == SMART_READ_NO_PERMISSION || s == SMART_READ_TIMED_OUT;
}

enum srvh_health smart_disk_health(const struct smart_disk *d, char *why, size_t whysz)
{
        struct strbuf sb;
        enum srvh_health h = SRVH_HEALTH_OK;
        const struct smart_reading *r = &d->r;

        strbuf_init(&sb, why, whysz);
        if (!d->has_values || !r->smart_available) {
                if (d->status != SMART_READ_UNAVAILABLE)
                        strbuf_appendf(&sb, "%s", smart_read_status_name(d->status));
                return d->status == SMART_READ_UNAVAILABLE ? SRVH_HEALTH_OK : SRVH_HEALTH_UNKNOWN;
        }
        if (r->has_nvme) {
                h = nvme_health_assess(&r->nvme, d->wear_alarm, &sb); /* no verdict for NVMe */
        } else if (!r->has_verdict) {
                h = SRVH_HEALTH_UNKNOWN;
                strbuf_append_sep(&sb, ", ", "SMART status unknown");
        } else if (r->verdict != SMART_VERDICT_GOOD) {
                bool crit = r->verdict == SMART_VERDICT_BAD_ATTRIBUTE_NOW ||
                            r->verdict == SMART_VERDICT_BAD_SECTOR_MANY ||
                            r->verdict == SMART_VERDICT_BAD_STATUS;
                h = srvh_health_worst(h, crit ? SRVH_HEALTH_CRITICAL : SRVH_HEALTH_WARNING);
                strbuf_append_sep(&sb, ", ", "%s", smart_verdict_name(r->verdict));
        }
        if (r->has_reallocated && r->reallocated) {
                h = srvh_health_worst(h, SRVH_HEALTH_WARNING);
                strbuf_append_sep(&sb, ", ", "%" PRIu64 " reallocated", r->reallocated);
        }
        if (r->has_pending && r->pending) {
                h = srvh_health_worst(h, SRVH_HEALTH_WARNING);
                strbuf_append_sep(&sb, ", ", "%" PRIu64 " pending", r->pending);
        }
        if (r->has_offline_unc && r->offline_unc) {
                h = srvh_health_worst(h, SRVH_HEALTH_WARNING);
                strbuf_append_sep(&sb, ", ", "%" PRIu64 " offline uncorrectable", r->offline_unc);
        }
        if (d->temp_alarm && r->has_temperature) {
                h = srvh_health_worst(h, SRVH_HEALTH_WARNING);
                strbuf_append_sep(&sb, ", ", "%d.%d C", r->temperature_dc / 10,
                                  abs(r->temperature_dc % 10));
        }
        h = smart_deep_health(d, h, &sb);
        if (read_failing(d->status)) {
                h = srvh_health_worst(h, SRVH_HEALTH_UNKNOWN);
                strbuf_append_sep(&sb, ", ", "%s", smart_read_status_name(d->status));
        }
        return h;
}

static const struct smart_disk *prev_by_name(const struct smart_data *prev, const char *name)
{
        if (!prev)
                return NULL;
        for (size_t i = 0; i < prev->n_disks; i++) {
                if (!strcmp(prev->disks[i].name, name))
                        return &prev->disks[i];
        }
        return NULL;
}

static bool temp_alarm(const struct smart_disk *d, const struct smart_disk *p,
                       const struct smart_build_cfg *cfg)
{
        if (!d->r.has_temperature || cfg->temp_high_c == 0)
                return false;
        int32_t high = (int32_t)cfg->temp_high_c * 10;
        int32_t low = high - (int32_t)cfg->temp_hysteresis_c * 10;
        if (d->r.temperature_dc >= high)
                return true;
        return p && p->temp_alarm && d->r.temperature_dc > low;
}

static int cmp_disk(const void *a, const void *b)
{
        const struct smart_disk *x = a, *y = b;
        return mib_oid_cmp(x->idx, x->idx_len, y->idx, y->idx_len);
}

void smart_data_free(void *p)
{
        struct smart_data *d = p;
        if (!d)
                return;
        for (size_t i = 0; i < d->n_disks; i++) {
                free(d->disks[i].attr_idx);
                free(d->disks[i].x.path_idx);
        }
        free(d->path_rows);
        free(d->disks);
        free(d->disk_rows);
        free(d->attr_rows);
        free(d);
}

/* Two inputs may name the same disk (two blobs of one drive): the later gets its name, then its
 * position, added to the key, so every row stays unique. */
static bool key_taken(const struct smart_disk *v, size_t i)
{
        for (size_t j = 0; j < i; j++) {
                if (!strcmp(v[i].key, v[j].key))
                        return true;
        }
        return false;
}

static void make_unique(struct smart_disk *v, size_t n)
{
        for (size_t i = 1; i < n; i++) {
                char base[SMART_KEY_MAX + 1];
                memcpy(base, v[i].key, sizeof(base));
                if (key_taken(v, i))
                        snprintf(v[i].key, sizeof(v[i].key), "%.32s#%s", base, v[i].name);
                if (key_taken(v, i))
                        snprintf(v[i].key, sizeof(v[i].key), "%.32s#%zu", base, i);
        }
}

/* A disk without values of its own takes model, serial and WWN from discovery, so its row has
 * the key a successful read will give it. */
static void found_identity(const struct smart_input *in, struct smart_disk *d)
{
        const char *w = in->found_wwn;
        bool serial = in->found_serial && in->found_serial[0];
        uint64_t wwn = 0;

        if (w && w[0] == '0' && (w[1] == 'x' || w[1] == 'X') && w[2]) {
                char *end;
                errno = 0;
                wwn = strtoull(w + 2, &end, 16);
                if (errno || *end)
                        wwn = 0;
        }
        if (!serial && !wwn)
                return;
        memset(&d->r, 0, sizeof(d->r));
        d->r.has_identity = true;
        d->found_identity = true;
        d->r.has_wwn = wwn != 0;
        d->r.wwn = wwn;
        snprintf(d->r.serial, sizeof(d->r.serial), "%s", serial ? in->found_serial : "");
        snprintf(d->r.model, sizeof(d->r.model), "%s", in->found_model ? in->found_model : "");
}

static void build_disk(const struct smart_input *in, const struct smart_disk *p,
                       const struct smart_build_cfg *cfg, struct smart_disk *d)
{
        const struct smart_reading *r = &in->reading;

        memset(d, 0, sizeof(*d));
        snprintf(d->name, sizeof(d->name), "%s", in->name);
        d->status = r->status;
        d->power = r->power;
        d->transport = r->transport ? r->transport : (p ? p->transport : 0);
        if (r->status == SMART_READ_OK || r->status == SMART_READ_UNAVAILABLE) {
                d->r = *r;
                d->has_values = r->has_identity || r->has_nvme;
                d->last_read = in->read_at;
        } else {
                snprintf(d->error, sizeof(d->error), "%s", r->error);
                if (p && p->has_values) {
                        d->r = p->r;
                        d->has_values = true;
                        d->last_read = p->last_read;
                }
        }
        /* unavailable says why; a good read may say what part of it was unusable */
        if (d->status == SMART_READ_UNAVAILABLE || d->status == SMART_READ_OK)
                snprintf(d->error, sizeof(d->error), "%s", r->error);
        if (!d->has_values)
                found_identity(in, d);
        if (d->status != SMART_READ_OK && r->has_temperature) { /* read another way (NVMe hwmon) */
                d->r.has_temperature = true;
                d->r.temperature_dc = r->temperature_dc;
        }
        smart_disk_key(&d->r, d->has_values || d->found_identity, d->name, d->key, sizeof(d->key));
        if (d->r.has_wwn)
                snprintf(d->wwn_text, sizeof(d->wwn_text), "0x%016" PRIx64, d->r.wwn);
        d->temp_alarm = temp_alarm(d, p, cfg);
        d->wear_alarm = d->has_values && d->r.has_nvme && cfg->nvme_wear_high &&
                        d->r.nvme.percentage_used >= cfg->nvme_wear_high;
        smart_deep_build(in, p, d);
        d->health = smart_disk_health(d, d->summary, sizeof(d->summary));
}

static int build_rows(struct smart_data *out)
{
        size_t total = 0;
        for (size_t i = 0; i < out->n_disks; i++)
                total += out->disks[i].r.n_attrs * (size_t)out->disks[i].has_values;
        out->disk_rows = calloc(out->n_disks ? out->n_disks : 1, sizeof(*out->disk_rows));
        out->attr_rows = calloc(total ? total : 1, sizeof(*out->attr_rows));
        if (!out->disk_rows || !out->attr_rows)
                return -ENOMEM;
        for (size_t i = 0; i < out->n_disks; i++) {
                struct smart_disk *d = &out->disks[i];
                struct mib_row *row = &out->disk_rows[i];
                row->data = d;
                if (mib_row_set_index(row, d->idx, d->idx_len) < 0)
                        return -EINVAL;
                size_t na = d->has_values ? d->r.n_attrs : 0;
                if (!na)
                        continue;
                size_t w = d->idx_len + 1;
                d->attr_idx = malloc(na * w * sizeof(uint32_t));
                if (!d->attr_idx)
                        return -ENOMEM;
                size_t first = out->n_attr_rows;
                for (size_t k = 0; k < na; k++) {
                        uint32_t *ix = d->attr_idx + k * w;
                        memcpy(ix, d->idx, d->idx_len * sizeof(uint32_t));
                        ix[d->idx_len] = d->r.attrs[k].id;
                        struct mib_row *ar = &out->attr_rows[out->n_attr_rows++];
                        ar->data = &d->r.attrs[k];
                        if (mib_row_set_index(ar, ix, w) < 0)
                                return -EINVAL;
                }
                /* a drive may list an attribute twice, or out of order */
                mib_rows_sort(&out->attr_rows[first], na);
                size_t keep = first + 1;
                for (size_t k = first + 1; k < out->n_attr_rows; k++) {
                        size_t la, lb;
                        const uint32_t *a = mib_row_index(&out->attr_rows[keep - 1], &la);
                        const uint32_t *b = mib_row_index(&out->attr_rows[k], &lb);
                        if (mib_oid_cmp(a, la, b, lb) != 0)
                                out->attr_rows[keep++] = out->attr_rows[k];
                }
                out->n_attr_rows = keep;
        }
        return 0;
}

static void summarise(struct smart_data *out)
{
        struct strbuf sb;
        size_t counted = 0, bad = 0;

        out->health = SRVH_HEALTH_OK;
        for (size_t i = 0; i < out->n_disks; i++) {
                const struct smart_disk *d = &out->disks[i];
                if (d->status == SMART_READ_UNAVAILABLE)
                        continue; /* listed, but nothing to judge */
                counted++;
                out->health = srvh_health_worst(out->health, d->health);
                if (d->health != SRVH_HEALTH_OK)
                        bad++;
        }
        strbuf_init(&sb, out->message, sizeof(out->message));
        if (!bad)
                return;
        strbuf_appendf(&sb, "%zu of %zu disks not ok:", bad, counted);
        for (int pass = SRVH_HEALTH_CRITICAL; pass >= SRVH_HEALTH_WARNING; pass--) {
                for (size_t i = 0; i < out->n_disks; i++) {
                        const struct smart_disk *d = &out->disks[i];
                        bool this_pass = pass == SRVH_HEALTH_CRITICAL
                                             ? d->health == SRVH_HEALTH_CRITICAL
                                             : (d->health == SRVH_HEALTH_WARNING ||
                                                d->health == SRVH_HEALTH_UNKNOWN);
                        if (d->status == SMART_READ_UNAVAILABLE || !this_pass)
                                continue;
                        strbuf_appendf(&sb, " %s %s %s (%s);", d->name, d->key,
                                       srvh_health_name(d->health), d->summary);
                }
        }
        if (sb.len && out->message[sb.len - 1] == ';')
                out->message[--sb.len] = '\0';
}

int smart_build(const struct smart_input *in, size_t n, const struct smart_data *prev,
                const struct smart_build_cfg *cfg, struct smart_data **ret)
{
        static const struct smart_build_cfg defaults = {.temp_high_c = 55, .temp_hysteresis_c = 5};
        struct smart_data *out = calloc(1, sizeof(*out));
        int r;

        if (!cfg)
                cfg = &defaults;
        if (!out)
                return -ENOMEM;
        out->disks = calloc(n ? n : 1, sizeof(*out->disks));
        if (!out->disks) {
                free(out);
                return -ENOMEM;
        }
        for (size_t i = 0; i < n; i++)
                build_disk(&in[i], prev_by_name(prev, in[i].name), cfg, &out->disks[i]);
        n = out->n_disks = smart_deep_merge_paths(out->disks, n); /* multipath: one row */
        make_unique(out->disks, n);
        for (size_t i = 0; i < n; i++) {
                struct smart_disk *d = &out->disks[i];
                int k = mib_index_encode_string(d->key, strlen(d->key), false, d->idx,
                                                sizeof(d->idx) / sizeof(d->idx[0]));
                if (k < 0) {
                        smart_data_free(out);
                        return k;
                }
                d->idx_len = (size_t)k;
        }
        qsort(out->disks, n, sizeof(*out->disks), cmp_disk);
        r = build_rows(out);
        if (r == 0)
                r = smart_deep_rows(out);
        if (r < 0) {
                smart_data_free(out);
                return r;
        }
        summarise(out);
        *ret = out;
        return 0;
}
