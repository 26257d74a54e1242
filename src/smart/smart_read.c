/* The libatasmart side of the smart module: fills a struct smart_reading from an SkDisk with
 * libatasmart's own decoding (names, quirks, verdict), plus the IDENTIFY fields it does not decode
 * (smart_blob.c). Blobs replay through the same code as devices. Feeds srvhDiskTable and
 * srvhDiskAttrTable via smart_build(). */
#include <stddef.h> /* Debian's atasmart.h uses size_t without including it */

#include <atasmart.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "smart/smart_read.h"

static enum smart_unit unit_from_sk(SkSmartAttributeUnit u)
{
        if ((unsigned)u >= _SK_SMART_ATTRIBUTE_UNIT_MAX)
                return SMART_UNIT_UNKNOWN;
        return (enum smart_unit)(u + 1);
}

static void attr_cb(SkDisk *d, const SkSmartAttributeParsedData *a, void *userdata)
{
        struct smart_reading *r = userdata;
        (void)d;
        if (r->n_attrs >= SMART_ATTRS_MAX)
                return;
        struct smart_attr *o = &r->attrs[r->n_attrs++];
        memset(o, 0, sizeof(*o));
        o->id = a->id;
        snprintf(o->name, sizeof(o->name), "%s", a->name ? a->name : "");
        o->value = a->current_value;
        o->value_valid = a->current_value_valid;
        o->worst = a->worst_value;
        o->worst_valid = a->worst_value_valid;
        o->threshold = a->threshold;
        o->threshold_valid = a->threshold_valid;
        for (unsigned i = 0; i < 6; i++)
                o->raw |= (uint64_t)a->raw[i] << (8 * i);
        o->unit = unit_from_sk(a->pretty_unit);
        o->pretty = a->pretty_value;
        o->prefailure = a->prefailure;
        o->online = a->online;
        o->good_now_valid = a->good_now_valid;
        o->good_now = a->good_now;
        o->good_past_valid = a->good_in_the_past_valid;
        o->good_past = a->good_in_the_past;
}

static bool name_in(const char *name, const char *const *names)
{
        for (; *names; names++) {
                if (!strcmp(name, *names))
                        return true;
        }
        return false;
}

/* The largest pretty value among the attributes with one of these names in this unit: the rule
 * of libatasmart's own getters, whose names and units are these. */
static bool attr_max(const struct smart_reading *r, enum smart_unit unit, const char *const *names,
                     uint64_t *ret)
{
        bool found = false;
        uint64_t v = 0;
        for (size_t i = 0; i < r->n_attrs; i++) {
                const struct smart_attr *a = &r->attrs[i];
                if (a->unit != unit || !name_in(a->name, names))
                        continue;
                if (!found || a->pretty > v)
                        v = a->pretty;
                found = true;
        }
        if (found)
                *ret = v;
        return found;
}

/* Temperature, power-on time and power cycles from the attributes, as
 * sk_disk_smart_get_temperature(), _get_power_on() and _get_power_cycle() derive them. Each of
 * those getters walks every attribute again, and libatasmart compiles its whole quirk list of
 * regular expressions for every attribute of every walk: calling them made a disk cost five
 * walks instead of the two we keep (ours, and the verdict's). */
static void derived_values(struct smart_reading *r)
{
        static const char *const temperature[] = {"temperature-centi-celsius",
                                                  "temperature-celsius", "temperature-celsius-2",
                                                  "airflow-temperature-celsius", NULL};
        static const char *const power_on[] = {"power-on-minutes",   "power-on-seconds",
                                               "power-on-seconds-2", "power-on-half-minutes",
                                               "power-on-hours",     NULL};
        static const char *const power_cycles[] = {"power-cycle-count", NULL};
        uint64_t v;

        if (attr_max(r, SMART_UNIT_MKELVIN, temperature, &v)) {
                r->has_temperature = true;
                r->temperature_dc = (int32_t)(((int64_t)v - 273150) / 100);
        }
        if (attr_max(r, SMART_UNIT_MSECONDS, power_on, &v)) {
                r->has_power_on = true;
                r->power_on_hours = v / (3600ull * 1000ull);
        }
        if (attr_max(r, SMART_UNIT_NONE, power_cycles, &v)) {
                r->has_power_cycles = true;
                r->power_cycles = v;
        }
}

/* The sector counts come from the attributes by libatasmart's names, so its quirks apply (an
 * attribute a quirk marks unknown gives no count) and so does its plausibility check (a count
 * it rejects loses its unit). */
static void sector_counts(struct smart_reading *r)
{
        for (size_t i = 0; i < r->n_attrs; i++) {
                const struct smart_attr *a = &r->attrs[i];
                if (a->unit != SMART_UNIT_SECTORS)
                        continue;
                if (!strcmp(a->name, "reallocated-sector-count")) {
                        r->has_reallocated = true;
                        r->reallocated = a->pretty;
                } else if (!strcmp(a->name, "current-pending-sector")) {
                        r->has_pending = true;
                        r->pending = a->pretty;
                } else if (!strcmp(a->name, "offline-uncorrectable")) {
                        r->has_offline_unc = true;
                        r->offline_unc = a->pretty;
                }
        }
}

static int fail(struct smart_reading *r, int err, const char *what)
{
        r->status = SMART_READ_FAILED;
        snprintf(r->error, sizeof(r->error), "%s: %s", what, strerror(err));
        return -err;
}

/* errno after a failed libatasmart call, as a positive number (sk_disk_set_blob() sets
 * -ENODATA when IDENTIFY is missing). */
static int sk_errno(void)
{
        int e = errno < 0 ? -errno : errno;
        return e ? e : EIO;
}

/* Everything after the disk is open and its pages are in: identity, then SMART. */
static int read_skdisk(SkDisk *d, const uint8_t *identify, size_t identify_len,
                       struct smart_reading *r)
{
        const SkIdentifyParsedData *ipd;
        SkBool b;

        if (sk_disk_identify_parse(d, &ipd) < 0)
                return fail(r, sk_errno(), "IDENTIFY DEVICE not readable");
        r->has_identity = true;
        snprintf(r->model, sizeof(r->model), "%s", ipd->model);
        snprintf(r->serial, sizeof(r->serial), "%s", ipd->serial);
        snprintf(r->firmware, sizeof(r->firmware), "%s", ipd->firmware);

        struct smart_identify id;
        if (identify && smart_identify_decode(identify, identify_len, &id) == 0) {
                r->has_wwn = id.has_wwn;
                r->wwn = id.wwn;
                r->has_capacity = id.has_capacity;
                r->capacity_bytes = id.capacity_bytes;
                r->smart_enabled = id.smart_enabled;
        }
        uint64_t size;
        if (sk_disk_get_size(d, &size) == 0 && size > 0) {
                r->has_capacity = true;
                r->capacity_bytes = size;
        }
        if (sk_disk_smart_is_available(d, &b) < 0 || !b) {
                r->status = SMART_READ_UNAVAILABLE;
                snprintf(r->error, sizeof(r->error), "%s", "the drive does not support ATA SMART");
                return 0;
        }
        r->smart_available = true;
        if (sk_disk_smart_read_data(d) < 0)
                return fail(r, sk_errno(), "SMART READ DATA failed");
        /* the self-test execution status byte, as libatasmart decodes it */
        const SkSmartParsedData *spd;
        if (sk_disk_smart_parse(d, &spd) == 0) {
                r->deep.has_exec = true;
                r->deep.exec_status = (unsigned)spd->self_test_execution_status;
                r->deep.exec_remaining_pct = spd->self_test_execution_percent_remaining;
        }

        /* The verdict stays libatasmart's (its bad-sector limit scales with the capacity, its
         * attribute checks follow its quirks); it costs one walk of the attributes. */
        SkSmartOverall overall;
        if (sk_disk_smart_get_overall(d, &overall) == 0 &&
            (unsigned)overall < _SK_SMART_OVERALL_MAX) {
                r->has_verdict = true;
                r->verdict = (enum smart_verdict)(overall + 1);
        }
        r->n_attrs = 0;
        if (sk_disk_smart_parse_attributes(d, attr_cb, r) < 0)
                return fail(r, sk_errno(), "SMART attributes not readable");
        derived_values(r);
        sector_counts(r);
        r->status = SMART_READ_OK;
        return 0;
}

int smart_read_blob(const void *blob, size_t len, struct smart_reading *r)
{
        SkDisk *d = NULL;
        const uint8_t *identify = NULL;
        size_t identify_len = 0;
        int ret;

        memset(r, 0, sizeof(*r));
        r->power = SMART_POWER_UNKNOWN;
        if (len == 0)
                return fail(r, EINVAL, "empty blob");
        if (sk_disk_open(NULL, &d) < 0)
                return fail(r, sk_errno(), "libatasmart cannot open a blob disk");
        if (sk_disk_set_blob(d, blob, len) < 0) {
                int e = sk_errno();
                sk_disk_free(d);
                return fail(
                    r, e, e == ENODATA ? "blob has no IDENTIFY record" : "not a libatasmart blob");
        }
        (void)smart_blob_find(blob, len, "IDFY", &identify, &identify_len);
        ret = read_skdisk(d, identify, identify_len, r);
        sk_disk_free(d);
        return ret;
}
