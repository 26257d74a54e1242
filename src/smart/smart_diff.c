/* The disk notifications: compares two builds of srvhDiskTable (smart_model.c) disk by disk,
 * matched by key, and appends one event per change (verdict, temperature alarm, sector counts, read
 * status, disks coming and going). Pure: no clock, no I/O. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "smart/smart_model.h"
#include "srvhealth/oids.h"

static bool failing(enum smart_read_status s)
{
        return s == SMART_READ_FAILED || s == SMART_READ_NO_PERMISSION || s == SMART_READ_TIMED_OUT;
}

static uint32_t clamp_u32(uint64_t v)
{
        return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static uint32_t temp_value(const struct smart_disk *d)
{
        return d->r.temperature_dc > 0 ? (uint32_t)d->r.temperature_dc : 0;
}

static enum srvh_health bad_severity(const struct smart_disk *d)
{
        return d->health == SRVH_HEALTH_CRITICAL ? SRVH_HEALTH_CRITICAL : SRVH_HEALTH_WARNING;
}

/* What is worth raising about a disk seen for the first time (first poll, or it appeared). */
static int first_events(const struct smart_disk *n, struct event_list *out)
{
        int r = 0;
        if (n->has_values && n->r.has_verdict && n->r.verdict != SMART_VERDICT_GOOD)
                r = event_add(out, SRVH_TRAP_DISK_VERDICT_WORSE, bad_severity(n), n->key,
                              smart_verdict_name(n->r.verdict), "", 0, "%s %s: %s", n->name, n->key,
                              n->summary);
        if (r == 0 && n->temp_alarm)
                r = event_add(out, SRVH_TRAP_DISK_TEMP_HIGH, SRVH_HEALTH_WARNING, n->key, "high",
                              "", temp_value(n), "%s %s: temperature %d.%d C", n->name, n->key,
                              n->r.temperature_dc / 10, n->r.temperature_dc % 10);
        if (r == 0 && failing(n->status))
                r = event_add(out, SRVH_TRAP_DISK_READ_FAILED, SRVH_HEALTH_WARNING, n->key,
                              smart_read_status_name(n->status), "", 0, "%s %s: %s", n->name,
                              n->key, n->error);
        if (r == 0)
                r = nvme_first_events(n, out);
        if (r == 0)
                r = smart_deep_events(NULL, n, out);
        return r;
}

static int count_event(unsigned trap, const char *what, bool had, uint64_t was, bool has,
                       uint64_t is, const struct smart_disk *n, struct event_list *out)
{
        if (!had || !has || is <= was)
                return 0;
        char ns[24], os[24];
        snprintf(ns, sizeof(ns), "%" PRIu64, is);
        snprintf(os, sizeof(os), "%" PRIu64, was);
        return event_add(out, trap, bad_severity(n), n->key, ns, os, clamp_u32(is),
                         "%s %s: %s sectors %" PRIu64 " (was %" PRIu64 ")", n->name, n->key, what,
                         is, was);
}

static int disk_events(const struct smart_disk *o, const struct smart_disk *n,
                       struct event_list *out)
{
        int r = 0;
        bool both = o->has_values && n->has_values;

        if (both && o->r.has_verdict && n->r.has_verdict && o->r.verdict != n->r.verdict) {
                bool worse = n->r.verdict > o->r.verdict;
                enum srvh_health sev =
                    worse ? bad_severity(n)
                          : (n->r.verdict == SMART_VERDICT_GOOD ? SRVH_HEALTH_OK
                                                                : SRVH_HEALTH_WARNING);
                r = event_add(
                    out, worse ? SRVH_TRAP_DISK_VERDICT_WORSE : SRVH_TRAP_DISK_VERDICT_BETTER, sev,
                    n->key, smart_verdict_name(n->r.verdict), smart_verdict_name(o->r.verdict), 0,
                    "%s %s: verdict %s (was %s)%s%s", n->name, n->key,
                    smart_verdict_name(n->r.verdict), smart_verdict_name(o->r.verdict),
                    n->summary[0] ? "; " : "", n->summary);
        }
        if (r == 0 && n->temp_alarm != o->temp_alarm)
                r = event_add(out,
                              n->temp_alarm ? SRVH_TRAP_DISK_TEMP_HIGH : SRVH_TRAP_DISK_TEMP_NORMAL,
                              n->temp_alarm ? SRVH_HEALTH_WARNING : SRVH_HEALTH_OK, n->key,
                              n->temp_alarm ? "high" : "normal", o->temp_alarm ? "high" : "normal",
                              temp_value(n), "%s %s: temperature %d.%d C", n->name, n->key,
                              n->r.temperature_dc / 10, n->r.temperature_dc % 10);
        if (r == 0 && both)
                r = count_event(SRVH_TRAP_DISK_REALLOC_INCREASED, "reallocated",
                                o->r.has_reallocated, o->r.reallocated, n->r.has_reallocated,
                                n->r.reallocated, n, out);
        if (r == 0 && both)
                r = count_event(SRVH_TRAP_DISK_PENDING_INCREASED, "pending", o->r.has_pending,
                                o->r.pending, n->r.has_pending, n->r.pending, n, out);
        if (r == 0 && failing(n->status) && !failing(o->status))
                r = event_add(out, SRVH_TRAP_DISK_READ_FAILED, SRVH_HEALTH_WARNING, n->key,
                              smart_read_status_name(n->status), smart_read_status_name(o->status),
                              0, "%s %s: %s; keeping the last values", n->name, n->key, n->error);
        else if (r == 0 && !failing(n->status) && failing(o->status))
                r = event_add(out, SRVH_TRAP_DISK_READ_RECOVERED, SRVH_HEALTH_OK, n->key,
                              smart_read_status_name(n->status), smart_read_status_name(o->status),
                              0, "%s %s: read again", n->name, n->key);
        if (r == 0)
                r = nvme_disk_events(o, n, out);
        if (r == 0)
                r = smart_deep_events(o, n, out);
        return r;
}

static int cmp(const struct smart_disk *a, const struct smart_disk *b)
{
        return mib_oid_cmp(a->idx, a->idx_len, b->idx, b->idx_len);
}

static bool has_key(const struct smart_data *d, const struct smart_disk *x)
{
        for (size_t i = 0; i < d->n_disks; i++) {
                if (!cmp(&d->disks[i], x))
                        return true;
        }
        return false;
}

/* A disk gone from a place where a disk of another serial now is (same device name, or same
 * slot: the sysfs path of the port): one srvhDiskReplaced instead of removed + appeared. Returns
 * the new disk, or NULL. */
static const struct smart_disk *replacement(const struct smart_data *old,
                                            const struct smart_data *new_data,
                                            const struct smart_disk *o)
{
        if (!o->r.has_identity || !o->r.serial[0])
                return NULL;
        for (size_t j = 0; j < new_data->n_disks; j++) {
                const struct smart_disk *n = &new_data->disks[j];
                bool same_place = !strcmp(n->name, o->name) ||
                                  (n->x.sys.slot[0] && !strcmp(n->x.sys.slot, o->x.sys.slot));
                if (same_place && n->r.has_identity && n->r.serial[0] &&
                    strcmp(n->r.serial, o->r.serial) && !has_key(old, n))
                        return n;
        }
        return NULL;
}

static const struct smart_disk *replaced_by_new(const struct smart_data *old,
                                                const struct smart_data *new_data,
                                                const struct smart_disk *n)
{
        for (size_t i = 0; i < old->n_disks; i++) {
                const struct smart_disk *o = &old->disks[i];
                if (!has_key(new_data, o) && replacement(old, new_data, o) == n)
                        return o;
        }
        return NULL;
}

int smart_diff(const struct smart_data *old, const struct smart_data *new_data,
               struct event_list *out)
{
        size_t n_before = out->n, i = 0, j = 0;
        int r = 0;

        if (!new_data)
                return 0;
        if (!old) {
                for (j = 0; j < new_data->n_disks && r == 0; j++)
                        r = first_events(&new_data->disks[j], out);
                goto done;
        }
        /* both builds are sorted by index */
        while ((i < old->n_disks || j < new_data->n_disks) && r == 0) {
                const struct smart_disk *o = i < old->n_disks ? &old->disks[i] : NULL;
                const struct smart_disk *n = j < new_data->n_disks ? &new_data->disks[j] : NULL;
                int c = !o ? 1 : !n ? -1 : cmp(o, n);
                const struct smart_disk *rep = c < 0 ? replacement(old, new_data, o) : NULL;
                if (rep) {
                        r = event_add(out, SRVH_TRAP_DISK_REPLACED, SRVH_HEALTH_WARNING, rep->key,
                                      rep->r.serial, o->r.serial, 0,
                                      "%s: disk %s (%s) replaced by %s (%s)", o->name, o->r.serial,
                                      o->r.model, rep->r.serial, rep->r.model);
                        if (r == 0)
                                r = first_events(rep, out);
                        i++;
                } else if (c > 0 && replaced_by_new(old, new_data, n)) {
                        j++; /* announced with the disk it replaced */
                } else if (c < 0) {
                        r = event_add(out, SRVH_TRAP_DISK_REMOVED, SRVH_HEALTH_WARNING, o->key, "",
                                      o->has_values ? "present" : "", 0, "%s %s (%s) is gone",
                                      o->name, o->key, o->r.model);
                        i++;
                } else if (c > 0) {
                        r = event_add(out, SRVH_TRAP_DISK_APPEARED, SRVH_HEALTH_OK, n->key,
                                      "present", "", 0, "%s %s (%s) appeared", n->name, n->key,
                                      n->r.model);
                        if (r == 0)
                                r = first_events(n, out);
                        j++;
                } else {
                        r = disk_events(o, n, out);
                        i++;
                        j++;
                }
        }
done:
        if (r < 0)
                out->n = n_before; /* all of this poll's events or none */
        return r;
}
