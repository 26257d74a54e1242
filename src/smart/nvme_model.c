/* NVMe rows of srvhDiskTable (smart_model.h), pure: a reading filled from decoded pages, and the
 * NVMe notifications: critical warning bits raised and cleared, available spare under its
 * threshold and back, wear (percentage used) over nvmeWearHigh and back, media and data
 * integrity errors increased (called by smart_diff() for every disk). No clock, no I/O. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "smart/smart_model.h"
#include "srvhealth/oids.h"

void nvme_reading_fill(struct smart_reading *r, const struct nvme_health *h,
                       const struct nvme_identity *id)
{
        r->transport = SMART_TRANSPORT_NVME;
        r->has_nvme = true;
        r->nvme = *h;
        /* the health log is NVMe's SMART: mandatory, and always on */
        r->smart_available = r->smart_enabled = true;
        r->has_temperature = h->temperature_k != 0;
        r->temperature_dc = r->has_temperature ? nvme_kelvin_to_tenths(h->temperature_k) : 0;
        r->has_power_on = r->has_power_cycles = true;
        r->power_on_hours = h->counter[NVME_C_POWER_ON_HOURS];
        r->power_cycles = h->counter[NVME_C_POWER_CYCLES];
        if (id) {
                r->has_identity = true;
                snprintf(r->model, sizeof(r->model), "%s", id->model);
                snprintf(r->serial, sizeof(r->serial), "%s", id->serial);
                snprintf(r->firmware, sizeof(r->firmware), "%s", id->firmware);
                r->has_capacity = id->has_capacity;
                r->capacity_bytes = id->capacity_bytes;
        }
        r->status = SMART_READ_OK;
}

static bool nvme_values(const struct smart_disk *d)
{
        return d->has_values && d->r.has_nvme;
}

static enum srvh_health worst_of(const struct smart_disk *d)
{
        return d->health == SRVH_HEALTH_CRITICAL ? SRVH_HEALTH_CRITICAL : SRVH_HEALTH_WARNING;
}

/* A bit became set: the event names every bit set now, and before ("" at the first sight). */
static int warning_raised(const struct smart_disk *n, uint8_t was, bool first,
                          struct event_list *out)
{
        char now_names[128], was_names[128];
        uint8_t now = n->r.nvme.critical_warning;

        nvme_warning_names(now, now_names, sizeof(now_names));
        nvme_warning_names(was, was_names, sizeof(was_names));
        return event_add(out, SRVH_TRAP_NVME_WARNING_RAISED, worst_of(n), n->key, now_names,
                         first ? "" : was_names, now, "%s %s: NVMe critical warning %s (was %s)",
                         n->name, n->key, now_names, was_names);
}

static int warning_cleared(const struct smart_disk *n, uint8_t was, struct event_list *out)
{
        char now_names[128], gone_names[128];
        uint8_t now = n->r.nvme.critical_warning;

        nvme_warning_names(now, now_names, sizeof(now_names));
        nvme_warning_names(was & ~now, gone_names, sizeof(gone_names));
        return event_add(out, SRVH_TRAP_NVME_WARNING_CLEARED, now ? worst_of(n) : SRVH_HEALTH_OK,
                         n->key, now_names, gone_names, now,
                         "%s %s: NVMe critical warning %s cleared, now %s", n->name, n->key,
                         gone_names, now_names);
}

static int spare_event(const struct smart_disk *n, bool low, struct event_list *out)
{
        const struct nvme_health *h = &n->r.nvme;
        return event_add(out, low ? SRVH_TRAP_NVME_SPARE_LOW : SRVH_TRAP_NVME_SPARE_OK,
                         low ? SRVH_HEALTH_CRITICAL : SRVH_HEALTH_OK, n->key, low ? "low" : "ok",
                         low ? "ok" : "low", h->available_spare,
                         "%s %s: available spare %u%%, threshold %u%%", n->name, n->key,
                         h->available_spare, h->spare_threshold);
}

static int wear_event(const struct smart_disk *n, bool high, struct event_list *out)
{
        return event_add(out, high ? SRVH_TRAP_NVME_WEAR_HIGH : SRVH_TRAP_NVME_WEAR_NORMAL,
                         high ? SRVH_HEALTH_WARNING : SRVH_HEALTH_OK, n->key,
                         high ? "high" : "normal", high ? "normal" : "high",
                         n->r.nvme.percentage_used, "%s %s: %u%% of the rated endurance used",
                         n->name, n->key, n->r.nvme.percentage_used);
}

int nvme_first_events(const struct smart_disk *n, struct event_list *out)
{
        int r = 0;
        if (!nvme_values(n))
                return 0;
        if (n->r.nvme.critical_warning)
                r = warning_raised(n, 0, true, out);
        if (r == 0 && nvme_spare_low(&n->r.nvme))
                r = spare_event(n, true, out);
        if (r == 0 && n->wear_alarm)
                r = wear_event(n, true, out);
        return r;
}

int nvme_disk_events(const struct smart_disk *o, const struct smart_disk *n, struct event_list *out)
{
        int r = 0;
        if (!nvme_values(o) || !nvme_values(n))
                return 0;
        const struct nvme_health *oh = &o->r.nvme, *nh = &n->r.nvme;
        uint8_t was = oh->critical_warning, now = nh->critical_warning;

        if (now & ~was)
                r = warning_raised(n, was, false, out);
        if (r == 0 && (was & ~now))
                r = warning_cleared(n, was, out);
        if (r == 0 && nvme_spare_low(nh) != nvme_spare_low(oh))
                r = spare_event(n, nvme_spare_low(nh), out);
        if (r == 0 && n->wear_alarm != o->wear_alarm)
                r = wear_event(n, n->wear_alarm, out);
        uint64_t me_was = oh->counter[NVME_C_MEDIA_ERRORS], me = nh->counter[NVME_C_MEDIA_ERRORS];
        if (r == 0 && me > me_was) {
                char ns[24], os[24];
                snprintf(ns, sizeof(ns), "%" PRIu64, me);
                snprintf(os, sizeof(os), "%" PRIu64, me_was);
                r = event_add(out, SRVH_TRAP_NVME_MEDIA_ERRORS, worst_of(n), n->key, ns, os,
                              me > UINT32_MAX ? UINT32_MAX : (uint32_t)me,
                              "%s %s: media and data integrity errors %" PRIu64 " (was %" PRIu64
                              ")",
                              n->name, n->key, me, me_was);
        }
        return r;
}

/* srvhDiskNvmeCriticalWarning is a BITS: bit 0 (availableSpare) is the most significant bit of
 * the first octet (RFC 2578 7.1.4), the reverse of the page's bit order: the octet of each
 * value of the six defined bits, in constant storage, so a cell points at it like a string. */
static const uint8_t warning_octets[64] = {
    0x00, 0x80, 0x40, 0xc0, 0x20, 0xa0, 0x60, 0xe0, 0x10, 0x90, 0x50, 0xd0, 0x30, 0xb0, 0x70, 0xf0,
    0x08, 0x88, 0x48, 0xc8, 0x28, 0xa8, 0x68, 0xe8, 0x18, 0x98, 0x58, 0xd8, 0x38, 0xb8, 0x78, 0xf8,
    0x04, 0x84, 0x44, 0xc4, 0x24, 0xa4, 0x64, 0xe4, 0x14, 0x94, 0x54, 0xd4, 0x34, 0xb4, 0x74, 0xf4,
    0x0c, 0x8c, 0x4c, 0xcc, 0x2c, 0xac, 0x6c, 0xec, 0x1c, 0x9c, 0x5c, 0xdc, 0x3c, 0xbc, 0x7c, 0xfc,
};

int nvme_get_disk(const struct smart_disk *d, unsigned column, struct mib_value *v)
{
        const struct nvme_health *h = &d->r.nvme;

        if (column == SRVH_DK_TRANSPORT) {
                if (!d->transport)
                        return -ENOENT;
                mib_set_int(v, d->transport);
                return 0;
        }
        if (!nvme_values(d))
                return -ENOENT;
        switch (column) {
        case SRVH_DK_NVME_WARNING:
                v->type = MIB_T_STRING;
                v->str = &warning_octets[h->critical_warning & NVME_CW_KNOWN];
                v->len = 1;
                break;
        case SRVH_DK_NVME_SPARE:
                mib_set_gauge(v, h->available_spare);
                break;
        case SRVH_DK_NVME_SPARE_THRESH:
                mib_set_gauge(v, h->spare_threshold);
                break;
        case SRVH_DK_NVME_USED:
                mib_set_gauge(v, h->percentage_used);
                break;
        case SRVH_DK_NVME_UNITS_READ:
                mib_set_counter64(v, h->counter[NVME_C_DATA_UNITS_READ]);
                break;
        case SRVH_DK_NVME_UNITS_WRITTEN:
                mib_set_counter64(v, h->counter[NVME_C_DATA_UNITS_WRITTEN]);
                break;
        case SRVH_DK_NVME_UNSAFE:
                mib_set_gauge(v, h->counter[NVME_C_UNSAFE_SHUTDOWNS]);
                break;
        case SRVH_DK_NVME_MEDIA_ERRORS:
                mib_set_gauge(v, h->counter[NVME_C_MEDIA_ERRORS]);
                break;
        case SRVH_DK_NVME_ERROR_LOG:
                mib_set_gauge(v, h->counter[NVME_C_ERROR_LOG_ENTRIES]);
                break;
        default:
                return -ENOENT;
        }
        return 0;
}
