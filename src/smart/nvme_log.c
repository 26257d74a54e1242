/* Pure decoders of NVMe's SMART / Health Information log page (02h) and Identify Controller
 * data, the NVMe health rule and the critical warning names (nvme_log.h), for the NVMe columns
 * of srvhDiskTable. Offsets are those of the NVMe base specification. */
#include "smart/nvme_log.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Byte offsets in log page 02h */
#define LOG_CRITICAL_WARNING 0
#define LOG_TEMPERATURE      1 /* 2 bytes, kelvins */
#define LOG_AVAILABLE_SPARE  3
#define LOG_SPARE_THRESHOLD  4
#define LOG_PERCENTAGE_USED  5
#define LOG_COUNTERS         32 /* ten 16-byte counters, in enum nvme_counter order */
#define LOG_WARNING_TIME     192
#define LOG_CRITICAL_TIME    196

/* Byte offsets in Identify Controller data */
#define ID_SERIAL   4   /* 20 bytes */
#define ID_MODEL    24  /* 40 bytes */
#define ID_FIRMWARE 64  /* 8 bytes */
#define ID_TNVMCAP  280 /* 16 bytes, total NVM capacity in bytes */

static uint32_t le32(const uint8_t *p)
{
        return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
        return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* A 128-bit little-endian counter: the low 64 bits when the high 64 are zero, else saturated. */
static uint64_t le128_saturated(const uint8_t *p, bool *saturated)
{
        *saturated = le64(p + 8) != 0;
        return *saturated ? UINT64_MAX : le64(p);
}

int nvme_health_decode(const uint8_t *page, size_t len, struct nvme_health *ret)
{
        struct nvme_health h;

        if (!page || len < NVME_HEALTH_LOG_LEN)
                return -EINVAL;
        memset(&h, 0, sizeof(h));
        h.critical_warning = page[LOG_CRITICAL_WARNING];
        h.temperature_k = (uint16_t)(page[LOG_TEMPERATURE] | page[LOG_TEMPERATURE + 1] << 8);
        h.available_spare = page[LOG_AVAILABLE_SPARE];
        h.spare_threshold = page[LOG_SPARE_THRESHOLD];
        h.percentage_used = page[LOG_PERCENTAGE_USED];
        for (unsigned c = 0; c < NVME_C_MAX_; c++) {
                bool sat;
                h.counter[c] = le128_saturated(page + LOG_COUNTERS + 16 * c, &sat);
                if (sat)
                        h.saturated |= 1u << c;
        }
        h.warning_temp_minutes = le32(page + LOG_WARNING_TIME);
        h.critical_temp_minutes = le32(page + LOG_CRITICAL_TIME);
        *ret = h;
        return 0;
}

/* An ASCII field without its trailing blanks (the page pads with spaces, some drives with NULs);
 * bytes that are not printable ASCII become '?' so the text is safe to serve and log. */
static void ascii_field(const uint8_t *p, size_t n, char *out)
{
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == 0))
                n--;
        for (size_t i = 0; i < n; i++)
                out[i] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
        out[n] = '\0';
}

int nvme_identify_decode(const uint8_t *page, size_t len, struct nvme_identity *ret)
{
        struct nvme_identity id;

        if (!page || len < NVME_IDENTIFY_LEN)
                return -EINVAL;
        memset(&id, 0, sizeof(id));
        ascii_field(page + ID_SERIAL, 20, id.serial);
        ascii_field(page + ID_MODEL, 40, id.model);
        ascii_field(page + ID_FIRMWARE, 8, id.firmware);
        if (!id.serial[0])
                return -EINVAL;
        bool sat;
        uint64_t cap = le128_saturated(page + ID_TNVMCAP, &sat);
        id.has_capacity = !sat && cap > 0; /* 0: the controller does not report it */
        id.capacity_bytes = id.has_capacity ? cap : 0;
        *ret = id;
        return 0;
}

int32_t nvme_kelvin_to_tenths(uint16_t kelvin)
{
        return (int32_t)(((int64_t)kelvin * 1000 - 273150) / 100);
}

const char *nvme_warning_name(unsigned bit)
{
        static const char *const names[] = {
            "availableSpare", "temperature",          "reliabilityDegraded",
            "readOnly",       "volatileBackupFailed", "persistentMemoryReadOnly",
        };
        return bit < sizeof(names) / sizeof(names[0]) ? names[bit] : NULL;
}

void nvme_warning_names(uint8_t mask, char *out, size_t outsz)
{
        struct strbuf sb;
        strbuf_init(&sb, out, outsz);
        for (unsigned b = 0; b < 8; b++) {
                const char *n = nvme_warning_name(b);
                if (mask & (1u << b))
                        strbuf_append_sep(&sb, ",", "%s", n ? n : "reserved");
        }
        if (!strbuf_len(&sb))
                strbuf_appendf(&sb, "none");
}

bool nvme_spare_low(const struct nvme_health *h)
{
        return (h->critical_warning & NVME_CW_SPARE) || h->available_spare < h->spare_threshold;
}

enum srvh_health nvme_health_assess(const struct nvme_health *h, bool wear_alarm,
                                    struct strbuf *why)
{
        const uint8_t critical = NVME_CW_SPARE | NVME_CW_RELIABILITY | NVME_CW_READ_ONLY |
                                 NVME_CW_VOLATILE | NVME_CW_PMR_READ_ONLY;
        enum srvh_health v = SRVH_HEALTH_OK;
        uint8_t cw = h->critical_warning & NVME_CW_KNOWN;

        if (cw) {
                char names[128];
                nvme_warning_names(cw, names, sizeof(names));
                v = (cw & critical) ? SRVH_HEALTH_CRITICAL : SRVH_HEALTH_WARNING;
                strbuf_append_sep(why, ", ", "critical warning %s", names);
        }
        if (h->available_spare < h->spare_threshold) {
                v = SRVH_HEALTH_CRITICAL;
                strbuf_append_sep(why, ", ", "spare %u%% under threshold %u%%", h->available_spare,
                                  h->spare_threshold);
        }
        if (h->counter[NVME_C_MEDIA_ERRORS]) {
                v = srvh_health_worst(v, SRVH_HEALTH_WARNING);
                strbuf_append_sep(why, ", ", "%" PRIu64 " media errors",
                                  h->counter[NVME_C_MEDIA_ERRORS]);
        }
        if (wear_alarm) {
                v = srvh_health_worst(v, SRVH_HEALTH_WARNING);
                strbuf_append_sep(why, ", ", "%u%% used", h->percentage_used);
        }
        return v;
}

int nvme_controller_name(const char *name, char *out, size_t outsz)
{
        const char *base = name ? strrchr(name, '/') : NULL;
        const char *p;
        size_t ctrl_len;

        base = base ? base + 1 : name;
        if (!base || strncmp(base, "nvme", 4) != 0)
                return -EINVAL;
        p = base + 4;
        if (*p < '0' || *p > '9')
                return -EINVAL;
        while (*p >= '0' && *p <= '9')
                p++;
        ctrl_len = (size_t)(p - base);
        if (*p == 'n') { /* a namespace: nvmeXnY and nothing after it */
                p++;
                if (*p < '0' || *p > '9')
                        return -EINVAL;
                while (*p >= '0' && *p <= '9')
                        p++;
        }
        if (*p != '\0' || ctrl_len >= outsz)
                return -EINVAL;
        memcpy(out, base, ctrl_len);
        out[ctrl_len] = '\0';
        return 0;
}
