/* The deep SMART columns of srvhDiskTable (50..69), pure: decodes the log pages one read brought
 * back, carries the temperatures seen and the standby skip count from the disk's previous row,
 * judges SCT error recovery against the kernel's timeout for md members and the SATA link
 * against what host and drive support, and turns changes into notifications. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "smart/smart_model.h"
#include "srvhealth/oids.h"

static void note(struct smart_deep *d, const char *what, int err)
{
        struct strbuf sb;
        strbuf_init(&sb, d->log_error + strlen(d->log_error),
                    sizeof(d->log_error) - strlen(d->log_error));
        strbuf_appendf(&sb, "%s%s %s", d->log_error[0] ? "; " : "", what,
                       err == -EBADMSG ? "has a wrong checksum" : "is malformed");
}

void smart_deep_decode(const struct smart_log_pages *pg, bool has_poh, uint64_t poh,
                       struct smart_deep *d)
{
        struct smart_selftest_log log;
        bool logged = false;
        int k;

        d->log_error[0] = 0;
        if (pg->identify) {
                struct smart_sct_caps caps;
                smart_sct_caps(pg->identify, pg->identify_len, &caps);
                d->identify_link_max = smart_identify_max_link(pg->identify, pg->identify_len);
                d->has_erc = !caps.erc || pg->has_erc;
                d->erc = smart_erc_state_of(caps.erc, pg->erc_read_ds, pg->erc_write_ds);
                d->erc_read_ds = caps.erc ? pg->erc_read_ds : 0;
                d->erc_write_ds = caps.erc ? pg->erc_write_ds : 0;
        }
        /* the extended log keeps more entries and 48-bit LBAs: it wins where both exist */
        if (pg->xselftest) {
                if ((k = smart_xselftest_decode(pg->xselftest, pg->xselftest_len, &log)) == 0)
                        logged = true;
                else
                        note(d, "extended self-test log 07h", k);
        }
        if (!logged && pg->selftest) {
                if ((k = smart_selftest_decode(pg->selftest, pg->selftest_len, &log)) == 0)
                        logged = true;
                else
                        note(d, "self-test log 06h", k);
        }
        d->has_selftest = logged || d->has_exec;
        smart_selftest_summarise(logged ? &log : NULL, d->has_exec, d->exec_status,
                                 d->exec_remaining_pct, has_poh, poh, &d->st);
        if (pg->errlog) {
                if ((k = smart_errlog_count(pg->errlog, pg->errlog_len, &d->errlog)) == 0)
                        d->has_errlog = true;
                else
                        note(d, "summary error log 01h", k);
        }
        if (pg->xerrlog) {
                if ((k = smart_xerrlog_count(pg->xerrlog, pg->xerrlog_len, &d->xerrlog)) == 0)
                        d->has_xerrlog = true;
                else
                        note(d, "extended error log 03h", k);
        }
        if (pg->sct_status) {
                if ((k = smart_sct_status_decode(pg->sct_status, pg->sct_status_len, &d->temps)) ==
                    0)
                        d->has_sct_temps = true;
                else
                        note(d, "SCT status", k);
        }
}

static uint32_t link_max(const struct smart_disk *d)
{
        uint32_t m = d->x.sys.has_link_max ? d->x.sys.link_max_mbps : 0;
        uint32_t dev = d->has_values ? d->r.deep.identify_link_max : 0;
        return dev && (!m || dev < m) ? dev : m; /* the slower end decides */
}

static void erc_judge(struct smart_disk *d)
{
        const struct smart_deep *e = &d->r.deep;
        const struct smart_sysinfo *s = &d->x.sys;
        uint32_t limit_ds = s->has_timeout ? s->timeout_s * 10 : 0;
        uint16_t worst = e->erc_read_ds > e->erc_write_ds ? e->erc_read_ds : e->erc_write_ds;
        struct strbuf sb;

        d->x.erc_warning = false;
        d->x.erc_advice[0] = 0;
        if (!s->raid[0] || !d->has_values || !e->has_erc)
                return;
        strbuf_init(&sb, d->x.erc_advice, sizeof(d->x.erc_advice));
        if (e->erc == SMART_ERC_UNSUPPORTED) {
                strbuf_appendf(&sb,
                               "in %s without SCT error recovery control: raise "
                               "/sys/block/%s/device/timeout to 180 at every boot",
                               s->raid, d->name);
        } else if (e->erc == SMART_ERC_DISABLED) {
                strbuf_appendf(&sb,
                               "in %s with SCT error recovery control disabled: set it to 7 s "
                               "(smartctl -l scterc,70,70) at every boot",
                               s->raid);
        } else if (limit_ds && worst >= limit_ds) {
                strbuf_appendf(&sb,
                               "in %s: error recovery up to %u.%u s is not below the kernel's "
                               "%" PRIu32 " s timeout: set scterc to 70,70 or raise "
                               "/sys/block/%s/device/timeout",
                               s->raid, worst / 10, worst % 10, s->timeout_s, d->name);
        } else {
                return;
        }
        d->x.erc_warning = true;
}

void smart_deep_build(const struct smart_input *in, const struct smart_disk *p,
                      struct smart_disk *d)
{
        const struct smart_reading *r = &in->reading;

        d->x.sys = in->sys;
        if (p) {
                d->x.has_seen = p->x.has_seen;
                d->x.seen_min_dc = p->x.seen_min_dc;
                d->x.seen_max_dc = p->x.seen_max_dc;
        }
        if (r->status == SMART_READ_OK && r->has_temperature) {
                int32_t t = r->temperature_dc;
                if (!d->x.has_seen || t < d->x.seen_min_dc)
                        d->x.seen_min_dc = t;
                if (!d->x.has_seen || t > d->x.seen_max_dc)
                        d->x.seen_max_dc = t;
                d->x.has_seen = true;
        }
        d->x.standby_skips = r->status == SMART_READ_ASLEEP ? (p ? p->x.standby_skips : 0) + 1 : 0;
        if (d->has_values && d->r.deep.has_selftest)
                d->x.failures = d->r.deep.st.failures;
        else if (p)
                d->x.failures = p->x.failures; /* a log not read this time changes nothing */
        d->x.selftest_failed = d->x.failures > 0;
        erc_judge(d);
        uint32_t m = link_max(d);
        d->x.link_slow = d->x.sys.has_link && m && d->x.sys.link_mbps < m;
}

enum srvh_health smart_deep_health(const struct smart_disk *d, enum srvh_health h,
                                   struct strbuf *sb)
{
        if (d->x.selftest_failed) {
                h = srvh_health_worst(h, SRVH_HEALTH_CRITICAL);
                strbuf_append_sep(sb, ", ", "%u failed self-test%s", d->x.failures,
                                  d->x.failures == 1 ? "" : "s");
        }
        if (d->x.erc_warning) {
                h = srvh_health_worst(h, SRVH_HEALTH_WARNING);
                strbuf_append_sep(sb, ", ", "%s member, ERC %s", d->x.sys.raid,
                                  smart_erc_state_name(d->r.deep.erc));
        }
        if (d->x.link_slow) {
                h = srvh_health_worst(h, SRVH_HEALTH_WARNING);
                strbuf_append_sep(sb, ", ", "link %" PRIu32 " of %" PRIu32 " Mbit/s",
                                  d->x.sys.link_mbps, link_max(d));
        }
        return h;
}

static int selftest_event(const struct smart_disk *o, const struct smart_disk *n,
                          struct event_list *out)
{
        const struct smart_selftest_summary *st = &n->r.deep.st;
        unsigned before = o ? o->x.failures : 0, now = n->x.failures;
        char ns[16], os[16], when[32] = "";

        snprintf(ns, sizeof(ns), "%u", now);
        snprintf(os, sizeof(os), "%u", before);
        if (st->has_last_hour)
                snprintf(when, sizeof(when), " at %" PRIu32 " h", st->last_hour);
        if (now > before)
                return event_add(
                    out, SRVH_TRAP_DISK_SELFTEST_FAILED, SRVH_HEALTH_CRITICAL, n->key, ns, os, now,
                    "%s %s: self-test failed: newest %s %s%s; %u failed test%s since "
                    "the last passing extended test: back up and replace the disk",
                    n->name, n->key, smart_test_type_name(st->last_type),
                    smart_test_status_name(st->last_status), when, now, now == 1 ? "" : "s");
        /* only a log read this time clears it (an unread one keeps the last count) */
        if (before && !now)
                return event_add(out, SRVH_TRAP_DISK_SELFTEST_PASSED, SRVH_HEALTH_OK, n->key, ns,
                                 os, 0, "%s %s: a newer extended self-test passed", n->name,
                                 n->key);
        return 0;
}

static int count_grew(const char *what, bool had, uint32_t was, bool has, uint32_t is,
                      const struct smart_disk *n, struct event_list *out)
{
        char ns[16], os[16];
        if (!had || !has || is <= was)
                return 0;
        snprintf(ns, sizeof(ns), "%" PRIu32, is);
        snprintf(os, sizeof(os), "%" PRIu32, was);
        return event_add(out, SRVH_TRAP_DISK_ERRLOG_INCREASED, SRVH_HEALTH_WARNING, n->key, ns, os,
                         is, "%s %s: %s counts %" PRIu32 " errors (was %" PRIu32 ")", n->name,
                         n->key, what, is, was);
}

int smart_deep_events(const struct smart_disk *o, const struct smart_disk *n,
                      struct event_list *out)
{
        int r = selftest_event(o, n, out);
        bool both = o && o->has_values && n->has_values;

        if (r == 0 && both)
                r = count_grew("the ATA error log", o->r.deep.has_errlog, o->r.deep.errlog,
                               n->r.deep.has_errlog, n->r.deep.errlog, n, out);
        if (r == 0 && both)
                r = count_grew("the extended error log", o->r.deep.has_xerrlog, o->r.deep.xerrlog,
                               n->r.deep.has_xerrlog, n->r.deep.xerrlog, n, out);
        bool erc_was = o && o->x.erc_warning;
        if (r == 0 && n->x.erc_warning && !erc_was)
                r = event_add(out, SRVH_TRAP_DISK_ERC_WARNING, SRVH_HEALTH_WARNING, n->key,
                              smart_erc_state_name(n->r.deep.erc), "", n->r.deep.erc_read_ds,
                              "%s %s %s", n->name, n->key, n->x.erc_advice);
        else if (r == 0 && !n->x.erc_warning && erc_was && n->has_values)
                r = event_add(out, SRVH_TRAP_DISK_ERC_OK, SRVH_HEALTH_OK, n->key,
                              smart_erc_state_name(n->r.deep.erc),
                              smart_erc_state_name(o->r.deep.erc), n->r.deep.erc_read_ds,
                              "%s %s: error recovery fits the kernel's timeout%s", n->name, n->key,
                              n->x.sys.raid[0] ? "" : " (no longer an md member)");
        bool link_was = o && o->x.link_slow;
        if (r == 0 && n->x.link_slow != link_was && (n->x.link_slow || n->x.sys.has_link))
                r = event_add(
                    out, n->x.link_slow ? SRVH_TRAP_DISK_LINK_SLOW : SRVH_TRAP_DISK_LINK_NORMAL,
                    n->x.link_slow ? SRVH_HEALTH_WARNING : SRVH_HEALTH_OK, n->key,
                    n->x.link_slow ? "slow" : "normal", link_was ? "slow" : "", n->x.sys.link_mbps,
                    "%s %s: SATA link at %" PRIu32 " Mbit/s, host and drive support %" PRIu32 "%s",
                    n->name, n->key, n->x.sys.link_mbps, link_max(n),
                    n->x.link_slow ? ": check the cable and the port" : "");
        return r;
}

_Static_assert(SMART_PATH_NAME_MAX == SMART_NAME_MAX, "a path is a disk name");

static bool same_disk(const struct smart_disk *a, const struct smart_disk *b)
{
        return strncmp(a->key, "dev:", 4) && !strcmp(a->key, b->key);
}

static void add_path(struct smart_disk *d, const char *name)
{
        if (d->x.n_paths < SMART_PATHS_MAX)
                snprintf(d->x.paths[d->x.n_paths++], SMART_PATH_NAME_MAX, "%s", name);
}

size_t smart_deep_merge_paths(struct smart_disk *v, size_t n)
{
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
                struct smart_disk *into = NULL;
                for (size_t j = 0; j < kept && !into; j++)
                        into = same_disk(&v[j], &v[i]) ? &v[j] : NULL;
                if (!into) {
                        if (kept != i)
                                v[kept] = v[i];
                        v[kept].x.n_paths = 0;
                        add_path(&v[kept], v[kept].name);
                        kept++;
                        continue;
                }
                /* the row serves a good read over one that failed; the names stay in order */
                if (into->status != SMART_READ_OK && v[i].status == SMART_READ_OK) {
                        struct smart_disk_deep keep = into->x;
                        *into = v[i];
                        memcpy(into->x.paths, keep.paths, sizeof(keep.paths));
                        into->x.n_paths = keep.n_paths;
                }
                add_path(into, v[i].name);
        }
        return kept;
}

int smart_deep_rows(struct smart_data *out)
{
        size_t total = 0;
        for (size_t i = 0; i < out->n_disks; i++)
                total += out->disks[i].x.n_paths;
        out->path_rows = calloc(total ? total : 1, sizeof(*out->path_rows));
        if (!out->path_rows)
                return -ENOMEM;
        for (size_t i = 0; i < out->n_disks; i++) {
                struct smart_disk *d = &out->disks[i];
                size_t w = d->idx_len + 1;
                if (!d->x.n_paths)
                        continue;
                d->x.path_idx = malloc(d->x.n_paths * w * sizeof(uint32_t));
                if (!d->x.path_idx)
                        return -ENOMEM;
                for (size_t k = 0; k < d->x.n_paths; k++) {
                        uint32_t *ix = d->x.path_idx + k * w;
                        memcpy(ix, d->idx, d->idx_len * sizeof(uint32_t));
                        ix[d->idx_len] = (uint32_t)k + 1;
                        struct mib_row *row = &out->path_rows[out->n_path_rows++];
                        row->data = d->x.paths[k];
                        if (mib_row_set_index(row, ix, w) < 0)
                                return -EINVAL;
                }
        }
        return 0;
}
